/** Plain words for system errors a path or a disk can cause (the common ones get their own). */
const REASONS: Readonly<Record<string, string>> = {
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many levels of symbolic links',
  EIO: 'input/output error',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  EBUSY: 'the file is busy',
  ETXTBSY: 'the file is busy',
  EFBIG: 'the file is too large for the file system',
  ENXIO: 'no such device',
};

/**
 * Why a system call on a user's file failed, in words, or undefined when `error` is not a system
 * error (a bug, to be reported as such). Callers handle the codes they have better words for.
 */
export function systemErrorReason(error: unknown): string | undefined {
  const { code, syscall } = (error ?? {}) as NodeJS.ErrnoException;
  if (typeof code !== 'string' || syscall === undefined) return undefined;
  return REASONS[code] ?? `system error ${code}`;
}
