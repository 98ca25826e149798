import { readFileSync, statSync, type Stats } from 'node:fs';

/** A file as this process last saw it (read or wrote): enough to tell whether anyone changed it. */
export interface FileState {
  /** undefined: there was no file. */
  stat?: { size: number; mtimeMs: number; ino: number; dev: number };
  /** Its bytes then (undefined when there was no file, or it could not be read). */
  bytes?: Buffer;
}

/** Files larger than this are told apart by size, time and inode only (answers files are small). */
const COMPARED_BYTES = 5 * 1024 * 1024;

/** The file at `path` as it is now (its bytes too, when it is a regular file we can read). */
export function fileState(path: string): FileState {
  let stat: Stats;
  try {
    stat = statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  const { size, mtimeMs, ino, dev } = stat;
  const state: FileState = { stat: { size, mtimeMs, ino, dev } };
  if (!stat.isFile() || size > COMPARED_BYTES) return state;
  try {
    state.bytes = readFileSync(path);
  } catch {
    // Unreadable: told apart by size, time and inode.
  }
  return state;
}

/** The state of a file this process has just written with `bytes`. */
export function writtenState(path: string, bytes: string): FileState {
  const { size, mtimeMs, ino, dev } = statSync(path);
  return { stat: { size, mtimeMs, ino, dev }, bytes: Buffer.from(bytes) };
}

/**
 * Whether the file at `path` is no longer as `known` says: created, deleted, or holding other bytes.
 * The same size, time and inode mean unchanged; otherwise the bytes decide (a `touch` is no change).
 */
export function changedSince(path: string, known: FileState): boolean {
  let now: Stats;
  try {
    now = statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return known.stat !== undefined;
    throw error;
  }
  if (known.stat === undefined) return true;
  const { size, mtimeMs, ino, dev } = known.stat;
  if (now.size === size && now.mtimeMs === mtimeMs && now.ino === ino && now.dev === dev) {
    return false;
  }
  if (known.bytes === undefined) return true;
  try {
    return !readFileSync(path).equals(known.bytes);
  } catch {
    return true;
  }
}
