import {
  closeSync,
  fsyncSync,
  linkSync,
  openSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../errors.js';

let counter = 0;

/**
 * Writes a file atomically: the data goes to a temporary file in the same folder, is flushed to disk,
 * then renamed over the target, so readers (and a crash or kill -9) see the old file or the new one,
 * never a torn one. With `overwrite: false` an existing target is left alone and reported.
 */
export function writeFileAtomic(
  file: string,
  data: string,
  options: { overwrite?: boolean } = {},
): void {
  const overwrite = options.overwrite ?? true;
  counter += 1;
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${counter}.tmp`);
  let mode = 0o666;
  try {
    mode = statSync(file).mode & 0o777;
  } catch {
    // A new file: default mode (less the umask).
  }
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx', mode);
    writeSync(fd, data);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    if (overwrite) {
      renameSync(temp, file);
    } else {
      // link() fails when the target exists, so no other writer can be clobbered in between.
      linkSync(temp, file);
      unlinkSync(temp);
    }
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      // Nothing was created, or it is gone already.
    }
    throw writeError(file, error);
  }
}

function writeError(file: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'EEXIST':
      return new UserError(`${file}: already exists; not overwritten`);
    case 'ENOENT':
    case 'ENOTDIR':
      return new UserError(`${file}: cannot write: the folder ${dirname(file)} does not exist`);
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new UserError(`${file}: cannot write: permission denied`);
    case 'EISDIR':
      return new UserError(`${file}: cannot write: it is a directory`);
    case 'ENOSPC':
    case 'EDQUOT':
      return new UserError(`${file}: cannot write: no space left on the device`);
    default:
      return error;
  }
}
