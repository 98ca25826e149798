import { accessSync, constants, type Stats } from 'node:fs';

/**
 * Whether the mode bits let this process read (or write) a file. The system says yes to root for
 * everything, but a file nobody may write (0444) is write-protected on purpose, and `maturity`
 * refuses it as a shell redirect by any other user would: for root, some class must have the bit.
 * Other users are asked of the system itself (which knows ACLs and read-only mounts).
 */
export function modeAllows(path: string, stat: Stats, access: 'read' | 'write'): boolean {
  if (forbiddenToRoot(stat, access)) return false;
  try {
    accessSync(path, access === 'read' ? constants.R_OK : constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether this process is root and no class of the mode bits has the bit (`chmod 444` for writing,
 * `chmod 000` for reading): what the system would let root do anyway, and `maturity` refuses.
 */
export function forbiddenToRoot(stat: Stats, access: 'read' | 'write'): boolean {
  // The mode bits first: asking for the user id costs a system call, for every file of a batch.
  return (stat.mode & (access === 'read' ? 0o444 : 0o222)) === 0 && process.getuid?.() === 0;
}

/** What a file that is not a regular file is, in words for a message. */
export function fileKind(stat: Stats): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isCharacterDevice()) return 'a device';
  if (stat.isBlockDevice()) return 'a block device (a disk)';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}
