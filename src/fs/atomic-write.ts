import {
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  openSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../problems/user-error.js';
import { systemErrorReason } from '../problems/system-error.js';

let counter = 0;

/** A file being written atomically: nothing is visible at the target until `commit`. */
export interface AtomicFile {
  write(data: string): void;
  /** Flushes to disk and moves the new content into place. */
  commit(): void;
  /** Drops what was written; the target stays as it was. */
  abort(): void;
}

export interface AtomicOptions {
  /** Replace an existing file (default), or refuse to. */
  overwrite?: boolean;
  /** The path as the user gave it, for messages. */
  shown?: string;
}

/**
 * Opens a temporary file beside `file`. On commit it is flushed and renamed over the target, so
 * readers (and a crash or kill -9) see the old file or the new one, never a torn one. With
 * `overwrite: false` an existing target is left alone and reported.
 */
export function openAtomicFile(file: string, options: AtomicOptions = {}): AtomicFile {
  const overwrite = options.overwrite ?? true;
  const shown = options.shown ?? file;
  counter += 1;
  // A target name near the file system's 255-byte limit leaves no room for a suffix: use a short one.
  const name = Buffer.byteLength(basename(file)) <= 200 ? basename(file) : 'maturity';
  const temp = join(dirname(file), `.${name}.${process.pid}.${counter}.tmp`);
  let mode = 0o666;
  try {
    mode = statSync(file).mode & 0o777;
  } catch {
    // A new file: the default mode, less the umask.
  }
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx', mode);
  } catch (error) {
    throw writeError(shown, error);
  }
  const abort = () => {
    if (fd !== undefined) closeSync(fd);
    fd = undefined;
    try {
      unlinkSync(temp);
    } catch {
      // Already gone.
    }
  };
  const guarded = (action: () => void) => {
    try {
      action();
    } catch (error) {
      abort();
      throw writeError(shown, error);
    }
  };
  return {
    write: (data) => guarded(() => writeSync(fd!, data)),
    commit: () =>
      guarded(() => {
        fsyncSync(fd!);
        closeSync(fd!);
        fd = undefined;
        if (overwrite) {
          renameSync(temp, file);
        } else {
          // link() fails when the target exists, so no other writer is clobbered in between.
          linkSync(temp, file);
          unlinkSync(temp);
        }
      }),
    abort,
  };
}

/** Writes a whole file atomically (see openAtomicFile). */
export function writeFileAtomic(file: string, data: string, options: AtomicOptions = {}): void {
  const out = openAtomicFile(file, options);
  out.write(data);
  out.commit();
}

function writeError(file: string, error: unknown): unknown {
  if (error instanceof UserError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'EEXIST':
      return new UserError(`${file}: already exists; not overwritten`);
    case 'ENOENT':
    case 'ENOTDIR':
      return new UserError(
        existsSync(dirname(file))
          ? `${file}: cannot write: no file can be created in ${dirname(file)}`
          : `${file}: cannot write: the folder ${dirname(file)} does not exist`,
      );
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new UserError(`${file}: cannot write: permission denied`);
    case 'EISDIR':
      return new UserError(`${file}: cannot write: it is a directory`);
    case 'ENOSPC':
    case 'EDQUOT':
      return new UserError(`${file}: cannot write: no space left on the device`);
    default: {
      const reason = systemErrorReason(error);
      return reason === undefined ? error : new UserError(`${file}: cannot write: ${reason}`);
    }
  }
}
