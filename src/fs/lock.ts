import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../problems/user-error.js';
import { systemErrorReason } from '../problems/system-error.js';
import { processIsAlive } from './atomic-write.js';

/** A lock held by this process; `release` is safe to call any number of times, from any exit path. */
export interface FileLock {
  /** The lock file, beside the locked one. */
  readonly path: string;
  release(): void;
}

/** The lock file of `target`: `.<name>.lock` beside it. */
export function lockPath(target: string): string {
  return join(dirname(target), `.${basename(target)}.lock`);
}

/**
 * Takes the lock of `target` for this process: `.<name>.lock` beside it, created with O_EXCL (so
 * two processes can never both create it) and holding `<pid> <host>`. A lock whose process no
 * longer runs on this host (killed with SIGKILL, a crash) is taken over, and so is one that holds
 * no owner after a minute (its writer died between creating and writing it); one whose process
 * runs is a UserError naming it. `what` names, in that message, the kind of process holding it.
 */
export function takeLock(target: string, shown: string, what: string): FileLock {
  const path = lockPath(target);
  const mine = `${process.pid} ${hostname()}\n`;
  for (let attempt = 0; attempt < 5; attempt += 1) {
    if (create(path, mine, shown)) return held(path, mine);
    const owner = readOwner(path);
    if (owner === 'gone') continue;
    if (isStale(path, owner)) {
      takeOver(path, owner.text, shown);
      continue;
    }
    const elsewhere = owner.host !== undefined && owner.host !== hostname();
    const who =
      owner.pid === undefined
        ? ''
        : ` (process ${owner.pid}${elsewhere ? ` on ${owner.host}` : ''})`;
    throw new UserError(
      `${shown}: in use by another ${what}${who}; finish or stop that one first` +
        (elsewhere ? `, or delete ${path} if it no longer runs` : ''),
    );
  }
  throw new UserError(`${shown}: cannot take its lock ${path}; try again`);
}

interface Owner {
  pid?: number;
  host?: string;
  /** What the lock file holds. */
  text: string;
}

/** Creates the lock file holding `text`; false when it exists. */
function create(path: string, text: string, shown: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw lockError(shown, error);
  }
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** Who holds the lock at `path` (nobody we can name when it holds no `<pid> <host>`), or `gone`. */
function readOwner(path: string): Owner | 'gone' {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    return { text: '' };
  }
  const match = /^(\d+) (\S+)\n$/.exec(text);
  return match ? { pid: Number(match[1]), host: match[2]!, text } : { text };
}

/** How long a lock file may hold no owner before it counts as left behind. */
const UNOWNED_FOR_MS = 60_000;

/**
 * A lock of a process that no longer runs here, or one left without an owner. One of another host
 * cannot be checked: it stands.
 */
function isStale(path: string, owner: Owner): boolean {
  if (owner.pid === undefined) {
    try {
      return Date.now() - statSync(path).mtimeMs > UNOWNED_FOR_MS;
    } catch {
      return false;
    }
  }
  return owner.host === hostname() && owner.pid !== process.pid && !processIsAlive(owner.pid);
}

/**
 * Removes a stale lock, unless another process took it over first: the removal happens under a
 * second lock (`<lock>.takeover`, O_EXCL too), and only when the lock still holds what was read.
 */
function takeOver(path: string, stale: string, shown: string): void {
  const guard = `${path}.takeover`;
  const mine = `${process.pid} ${hostname()}\n`;
  if (!create(guard, mine, shown)) {
    const owner = readOwner(guard);
    // A taker-over that died holding the guard: its guard is stale too.
    if (owner !== 'gone' && isStale(guard, owner)) removeIfHolds(guard, owner.text);
    return;
  }
  try {
    removeIfHolds(path, stale);
  } finally {
    removeIfHolds(guard, mine);
  }
}

function held(path: string, mine: string): FileLock {
  let released = false;
  return {
    path,
    release() {
      if (released) return;
      released = true;
      removeIfHolds(path, mine);
    },
  };
}

/** Deletes `path` if it holds `text` (a lock taken over by another process is theirs). */
function removeIfHolds(path: string, text: string): void {
  try {
    if (readFileSync(path, 'utf8') === text) unlinkSync(path);
  } catch {
    // Gone already.
  }
}

function lockError(shown: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason =
    code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
      ? 'permission denied'
      : systemErrorReason(error);
  return reason === undefined
    ? error
    : new UserError(`${shown}: cannot create its lock file ${lockPath(shown)}: ${reason}`);
}
