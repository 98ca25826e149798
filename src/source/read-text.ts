import { isUtf8 } from 'node:buffer';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { fileKind, forbiddenToRoot } from '../fs/permissions.js';
import { UserError } from '../problems/user-error.js';
import { systemErrorReason } from '../problems/system-error.js';

/** Largest rubric or answers file we read; bigger ones are refused before reading. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

const LIMIT = `the ${MAX_FILE_BYTES / (1024 * 1024)} MB limit`;

export interface ReadOptions {
  /**
   * Only a plain regular file will do, for paths the user did not type (a `rubric:` field, a match
   * of the tool's own glob): a pipe, a device or a socket is refused before anything is read, and
   * so is a file that holds more than its size says (`/proc/self/environ` says 0 bytes).
   */
  regularOnly?: boolean;
}

/**
 * Reads a UTF-8 text file for parsing: checks size first, drops a BOM, rejects invalid UTF-8.
 * Never reads more than MAX_FILE_BYTES + 1 bytes, so `/dev/zero`, a pipe or a growing file cannot
 * exhaust memory. Opening never blocks: a named pipe is opened without waiting for a writer, and is
 * then read (waiting, like `cat`) only when the user named it. Messages name `file` (the path as the
 * user gave it).
 */
export function readTextFile(path: string, file: string = path, options: ReadOptions = {}): string {
  if (file === '') throw new UserError('maturity: an empty string is not a file name');
  let fd: number | undefined;
  let bytes: Buffer;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new UserError(`${file}: is a directory, not a file`);
    // The open itself asked the system; root, whom it never refuses, goes by the mode bits.
    if (forbiddenToRoot(stat, 'read')) throw new UserError(`${file}: permission denied`);
    const regular = stat.isFile();
    if (!regular) {
      if (options.regularOnly) {
        throw new UserError(`${file}: is ${fileKind(stat)}, not a regular file; not read`);
      }
      // A pipe or a device the user named: read it as asked, waiting for its writer.
      closeSync(fd);
      fd = undefined;
      fd = openSync(path, 'r');
    }
    if (stat.size > MAX_FILE_BYTES) {
      throw new UserError(`${file}: file is too large: ${stat.size} bytes, over ${LIMIT}`);
    }
    // Devices, pipes and system files report size 0; read them in chunks up to the limit.
    const sized = regular && stat.size > 0;
    bytes = readAtMost(
      fd,
      MAX_FILE_BYTES + 1,
      sized ? stat.size + 1 : 64 * 1024,
      sized ? stat.size : -1,
    );
    if (options.regularOnly && bytes.length > stat.size) {
      throw new UserError(
        `${file}: holds more than the ${stat.size} bytes its size says (a system file?); not read`,
      );
    }
  } catch (error) {
    throw asUserError(file, error);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  if (bytes.length > MAX_FILE_BYTES) {
    throw new UserError(
      `${file}: file is too large: more than ${MAX_FILE_BYTES} bytes, over ${LIMIT}`,
    );
  }
  return decodeUtf8(file, bytes);
}

/**
 * Reads a whole stream (standard input) as UTF-8 text for parsing, with the same size limit and
 * checks as a file; `shown` names it in messages ("<stdin>").
 */
export async function readTextStream(
  stream: AsyncIterable<unknown>,
  shown: string,
): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array);
    total += bytes.length;
    if (total > MAX_FILE_BYTES) {
      throw new UserError(
        `${shown}: input is too large: more than ${MAX_FILE_BYTES} bytes, over ${LIMIT}`,
      );
    }
    chunks.push(bytes);
  }
  return decodeUtf8(shown, Buffer.concat(chunks, total));
}

/**
 * Reads from `fd` until end of file or until `limit` bytes. `size`: a regular file's size, read
 * with a chunk one byte over it; exactly that many bytes in one read is its end (a second read
 * would only say so), while a file that grew fills the chunk and is read on.
 */
function readAtMost(fd: number, limit: number, chunk: number, size = -1): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  while (total < limit) {
    const buffer = Buffer.allocUnsafe(Math.min(Math.max(chunk, 1), limit - total));
    const read = readSync(fd, buffer, 0, buffer.length, null);
    if (read === 0) break;
    chunks.push(read === buffer.length ? buffer : buffer.subarray(0, read));
    total += read;
    if (total === size && read < buffer.length) break;
  }
  // One read is the common case (a regular file, read whole): no copy then.
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
}

/** Decodes bytes as UTF-8 text without a BOM; invalid bytes are a user error with their position. */
export function decodeUtf8(file: string, bytes: Uint8Array): string {
  const bad = isUtf8(bytes) ? -1 : firstInvalidUtf8(bytes);
  if (bad !== -1) {
    const before = Buffer.from(bytes.subarray(0, bad)).toString('utf8');
    const lines = before.split('\n');
    const line = lines.length;
    const column = (lines[lines.length - 1] ?? '').length + 1;
    throw new UserError(`${file}:${line}:${column}: file is not valid UTF-8 text`);
  }
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function asUserError(file: string, error: unknown): unknown {
  if (error instanceof UserError) return error;
  switch ((error as NodeJS.ErrnoException | undefined)?.code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new UserError(`${file}: no such file`);
    case 'EACCES':
    case 'EPERM':
      return new UserError(`${file}: permission denied`);
    case 'EISDIR':
      return new UserError(`${file}: is a directory, not a file`);
    default: {
      // Any other system error (ELOOP, ENAMETOOLONG, EIO, ENXIO…) is about the user's file, not a bug.
      const reason = systemErrorReason(error);
      return reason === undefined ? error : new UserError(`${file}: cannot read: ${reason}`);
    }
  }
}

/** Index of the first byte that is not part of well-formed UTF-8, or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else {
      return i;
    }
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k += 1) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}
