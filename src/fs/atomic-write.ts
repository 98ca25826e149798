import {
  closeSync,
  constants,
  existsSync,
  fchmodSync,
  fchownSync,
  fsyncSync,
  linkSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError } from '../problems/user-error.js';
import { systemErrorReason } from '../problems/system-error.js';
import { fileKind, modeAllows } from './permissions.js';

let counter = 0;
/** Names tried for a temporary file before giving up (each taken by a file already there). */
const MAX_TRIES = 100;

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
 * How `file` is written, decided before anything is: `direct` for a device or a pipe (and the
 * process's own streams, /dev/stdout and the like), which are written as they are; else through a
 * temporary file beside `path` (the file itself, symbolic links followed) renamed over it.
 */
export interface WriteTarget {
  kind: 'direct' | 'replace' | 'create';
  /** Where the bytes go: the device or stream, or the regular file to replace or create. */
  path: string;
  /** The file replaced, whose mode and owner the new one keeps. */
  stat?: Stats;
}

/**
 * Where writing `file` goes, or a UserError (exit 2) when it may not be written, as a shell
 * redirect would refuse: a directory, a block device or a socket; a file (or device) whose mode
 * bits forbid writing, even to root; a file in a folder where no file may be created (the
 * temporary file is created there); an existing file with `overwrite: false`. Nothing is written.
 */
export function writeTarget(file: string, options: AtomicOptions = {}): WriteTarget {
  const shown = options.shown ?? file;
  if (STREAM_ALIAS.test(resolve(file))) return { kind: 'direct', path: file };
  let stat: Stats | undefined;
  try {
    stat = statSync(file);
  } catch (error) {
    if (!isMissing(error)) throw writeError(shown, error);
  }
  if (stat === undefined) {
    // No such file, or a symbolic link to a file that does not exist yet: that file is created.
    const path = danglingTarget(file, shown) ?? file;
    requireWritableFolder(path, file, shown);
    return { kind: 'create', path };
  }
  if (stat.isDirectory()) throw new UserError(`${shown}: cannot write: it is a directory`);
  if (stat.isBlockDevice() || stat.isSocket()) {
    throw new UserError(`${shown}: cannot write: it is ${fileKind(stat)}, not a file`);
  }
  if (!modeAllows(file, stat, 'write')) {
    throw new UserError(`${shown}: cannot write: permission denied`);
  }
  // A device or a pipe is written as it is; nothing is overwritten, so `overwrite` is no matter.
  if (!stat.isFile()) return { kind: 'direct', path: file };
  if (options.overwrite === false) {
    throw new UserError(`${shown}: already exists; not overwritten`);
  }
  const path = realpathSync(file);
  requireWritableFolder(path, file, shown);
  return { kind: 'replace', path, stat };
}

/** The process's own streams: /dev/stdout, /dev/fd/1, /proc/self/fd/1… are written, never replaced. */
const STREAM_ALIAS = /^\/(?:dev\/(?:stdin|stdout|stderr|fd\/\d+)|proc\/[^/]+\/fd\/\d+)$/;

/** Checks that `file` can be written (see writeTarget) without writing anything. */
export function checkWritable(file: string, options: AtomicOptions = {}): void {
  writeTarget(file, options);
}

/**
 * Opens `file` for writing as writeTarget decides. A regular file gets a temporary file beside it:
 * on commit it is flushed and renamed over the target (through a symbolic link, over the file the
 * link names), so readers (and a crash or kill -9) see the old file or the new one, never a torn
 * one, and the new file keeps the old one's mode. With `overwrite: false` an existing target is
 * left alone and reported. Temporary files that killed runs left beside the target are removed.
 */
export function openAtomicFile(file: string, options: AtomicOptions = {}): AtomicFile {
  const shown = options.shown ?? file;
  const target = writeTarget(file, options);
  return target.kind === 'direct' ? openDirect(target.path, shown) : openTemporary(target, options);
}

function openDirect(path: string, shown: string): AtomicFile {
  let fd: number | undefined;
  try {
    // Appending, as a stream is: /dev/stdout may be a file the shell opened with `>>`.
    fd = openSync(path, constants.O_WRONLY | constants.O_APPEND);
  } catch (error) {
    throw writeError(shown, error);
  }
  const close = () => {
    if (fd !== undefined) closeSync(fd);
    fd = undefined;
  };
  return {
    write: (data) => {
      try {
        writeSync(fd!, data);
      } catch (error) {
        close();
        throw writeError(shown, error);
      }
    },
    commit: close,
    // What reached a device is gone; there is no old content to keep.
    abort: close,
  };
}

function openTemporary(target: WriteTarget, options: AtomicOptions): AtomicFile {
  const overwrite = options.overwrite ?? true;
  const shown = options.shown ?? target.path;
  const { path, stat } = target;
  removeStaleTemporaryFiles(path);
  let temp = '';
  let fd: number | undefined;
  try {
    // A name no file has: one left by an earlier process of this pid (killed, its pid since
    // reused) is kept as a live process's would be, and must not be opened, nor removed, here.
    const stem = `.${temporaryStem(path)}.${process.pid}`;
    for (let tries = 1; fd === undefined; tries += 1) {
      counter += 1;
      const name = join(dirname(path), `${stem}.${counter}.tmp`);
      try {
        fd = openSync(name, 'wx', 0o666);
        temp = name;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        if (tries === MAX_TRIES) {
          throw new UserError(
            `${shown}: cannot write: the ${MAX_TRIES} temporary names tried beside it are taken (${stem}.N.tmp, left by an earlier process of this pid); remove them`,
          );
        }
      }
    }
    if (stat) {
      // The umask applied at open; the replaced file's own mode (and owner, for root) is what stays.
      fchmodSync(fd, stat.mode & 0o7777);
      if (process.getuid?.() === 0) {
        try {
          fchownSync(fd, stat.uid, stat.gid);
        } catch {
          // A file system without owners: the mode is what matters.
        }
      }
    }
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    fd = undefined;
    // (Only a file this call created: `temp` is set once one was.)
    if (temp !== '') removeQuietly(temp);
    throw writeError(shown, error);
  }
  const abort = () => {
    if (fd !== undefined) closeSync(fd);
    fd = undefined;
    removeQuietly(temp);
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
          renameSync(temp, path);
        } else {
          // link() fails when the target exists, so no other writer is clobbered in between.
          linkSync(temp, path);
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

/** The name temporary files beside `path` start with (a name near the 255-byte limit gets a short one). */
function temporaryStem(path: string): string {
  const name = basename(path);
  return Buffer.byteLength(name) <= 200 ? name : 'maturity';
}

const cleaned = new Set<string>();

/**
 * Removes the temporary files beside `path` that a run killed before its rename left behind
 * (`.<name>.<pid>.<n>.tmp` of a process that no longer runs). Once per target and process.
 */
export function removeStaleTemporaryFiles(path: string): void {
  if (cleaned.has(path)) return;
  cleaned.add(path);
  const folder = dirname(path);
  const stem = temporaryStem(path);
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  const prefix = `.${stem}.`;
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const match = /^(\d+)\.\d+\.tmp$/.exec(name.slice(prefix.length));
    if (!match) continue;
    const pid = Number(match[1]);
    if (pid === process.pid || processIsAlive(pid)) continue;
    const stale = join(folder, name);
    try {
      if (lstatSync(stale).isFile()) unlinkSync(stale);
    } catch {
      // Gone already, or not ours to remove.
    }
  }
}

/**
 * Whether a process with this id runs (one of another user's counts: it may not be signalled). A
 * zombie, killed but not yet reaped by its parent, does not: on Linux, /proc says so.
 */
export function processIsAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // `pid (name) state …`: the name may hold spaces and parentheses, the state follows the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

/**
 * The file a dangling symbolic link names (through further links), which a write creates, as a
 * shell redirect does; undefined when `file` is no link.
 */
function danglingTarget(file: string, shown: string): string | undefined {
  let path = file;
  for (let hops = 0; hops < 40; hops += 1) {
    let link: string;
    try {
      if (!lstatSync(path).isSymbolicLink()) return path === file ? undefined : path;
      link = readlinkSync(path);
    } catch (error) {
      if (isMissing(error)) return path === file ? undefined : path;
      throw writeError(shown, error);
    }
    path = resolve(dirname(path), link);
  }
  throw new UserError(`${shown}: cannot write: too many levels of symbolic links`);
}

/** A new file (or the temporary file beside one) must be creatable in the folder of `path`. */
function requireWritableFolder(path: string, file: string, shown: string): void {
  const folder = dirname(path);
  // The folder as the user would recognise it: their own path's, unless a link led elsewhere.
  const named = path === file || path === resolve(file) ? dirname(shown) || '.' : folder;
  let stat: Stats;
  try {
    stat = statSync(folder);
  } catch (error) {
    if (isMissing(error) || (error as NodeJS.ErrnoException).code === 'ENOTDIR') {
      throw new UserError(`${shown}: cannot write: the folder ${named} does not exist`);
    }
    throw writeError(shown, error);
  }
  if (!stat.isDirectory()) {
    throw new UserError(`${shown}: cannot write: ${named} is not a folder`);
  }
  if (!modeAllows(folder, stat, 'write')) {
    throw new UserError(
      `${shown}: cannot write: permission denied for the folder ${named}` +
        ' (the file is written beside itself and renamed into place)',
    );
  }
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
