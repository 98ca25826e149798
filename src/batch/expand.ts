import { existsSync, readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import { codePointOrder } from '../engine/order.js';
import { packageRoot } from '../source/package-root.js';
import { UserError } from '../problems/user-error.js';

const GLOB_CHARS = /[*?[\]{}]/;

/** The argument that names standard input. */
export const STDIN = '-';

/** What a folder argument scores: answers files by their extension. */
const ANSWERS_FILE = /\.(ya?ml|json)$/i;

/**
 * Expands file arguments: existing files stay as they are; a folder stands for the `*.yaml`,
 * `*.yml` and `*.json` files under it (hidden folders and node_modules skipped); globs are expanded
 * by the tool (so quoted globs work in every shell); `-` is standard input, kept first. Returns
 * the files sorted by code point, each once under one name (see dropOtherSpellings), which of them
 * only the tool found in a glob or a folder (`found`: they are read as regular files only), and
 * one problem per argument that matched nothing. Where there is no `examples/` folder,
 * `examples/…` names the examples that ship with maturity, so the README's first command works
 * wherever maturity is installed.
 */
export async function expandFiles(
  args: readonly string[],
  cwd: string,
): Promise<{ files: string[]; found: FileSet; problems: UserError[] }> {
  const given = new Set<string>();
  const found = new Set<string>();
  const problems: UserError[] = [];
  let stdin = false;
  for (const typed of args) {
    if (typed === STDIN) {
      stdin = true;
      continue;
    }
    const arg = shippedExample(typed, cwd) ?? typed;
    const path = resolve(cwd, arg);
    if (isFolder(path)) {
      const inFolder = answersFilesUnder(path, arg);
      if (inFolder.length === 0) {
        problems.push(new UserError(`${arg}: no .yaml, .yml or .json files in this folder`));
      }
      for (const file of inFolder) found.add(file);
      continue;
    }
    if (!GLOB_CHARS.test(arg) || existsSync(path)) {
      given.add(arg);
      continue;
    }
    const matches = simpleGlob(arg, cwd) ?? (await glob(arg, cwd));
    if (matches.length === 0) {
      problems.push(new UserError(`${arg}: no files match this pattern`));
    }
    for (const match of matches) found.add(match);
  }
  for (const file of given) found.delete(file);
  if (args.length > 1) dropOtherSpellings(given, found, cwd);
  const sorted = [...given];
  for (const file of found) sorted.push(file);
  found.clear();
  sorted.sort(codePointOrder);
  if (stdin) sorted.unshift(STDIN);
  // The files found are all but the ones given (and `-`): a set of those few, not of 100,000 paths.
  return { files: sorted, found: { has: (file) => file !== STDIN && !given.has(file) }, problems };
}

/**
 * Keeps one name of each path that several arguments named in different ways (`./team/a.yaml`
 * typed beside `team/*.yaml`, a folder given as `./team` and as `team`, an absolute path): a file
 * counted twice would be two respondents of its team. The name typed wins over one a glob or a
 * folder found, then the plain name (relative, with no `.`, `..` or empty part) over the others,
 * then the first in sorted order. Paths are compared as written, as the files are read: a link (a
 * symbolic link, a hard link, a folder reached through one) is another path, and so is another
 * case on a file system that ignores case. A path has one plain name, so only the names that are
 * not plain are resolved (resolving 100,000 names took 0.3 s); those are few, unless an argument
 * itself is not plain (`./answers`, an absolute pattern).
 */
function dropOtherSpellings(given: Set<string>, found: Set<string>, cwd: string): void {
  const others: { name: string; typed: boolean; path: string }[] = [];
  for (const [names, typed] of [
    [given, true],
    [found, false],
  ] as const) {
    for (const name of names) {
      if (isPlainName(name)) continue;
      const path = plainPath(cwd, name);
      if (path !== name) others.push({ name, typed, path });
    }
  }
  others.sort((a, b) => Number(b.typed) - Number(a.typed) || codePointOrder(a.name, b.name));
  // The plain paths of the files kept under another name.
  const kept = new Set<string>();
  for (const { name, typed, path } of others) {
    const names = typed ? given : found;
    if (given.has(path) || kept.has(path) || (!typed && found.has(path))) {
      names.delete(name);
      continue;
    }
    // Typed, it wins over the plain name a glob or folder found, if any.
    found.delete(path);
    kept.add(path);
  }
}

/**
 * Whether a file name is relative with no `.`, `..` or empty part. A cheap test that a few plain
 * names fail (`v1./a.yaml`): those are resolved, to themselves.
 */
function isPlainName(name: string): boolean {
  return (
    name.charCodeAt(0) !== 47 /* / */ &&
    !name.includes(':') /* a Windows drive, C:/… */ &&
    !name.includes('./') &&
    !name.includes('//') &&
    !name.endsWith('/') &&
    !name.endsWith('/..') &&
    name !== '..' &&
    !name.includes('\\')
  );
}

/** A file's name from the working folder, plain when it is under it, else its absolute path. */
function plainPath(cwd: string, name: string): string {
  const path = resolve(cwd, name);
  const near = relative(cwd, path).split(sep).join('/');
  return near === '' || near === '..' || near.startsWith('../') || isAbsolute(near) ? path : near;
}

/** Which files are in a set: what the scorers ask of the files a glob found. */
export interface FileSet {
  has(file: string): boolean;
}

/** Expands a glob with tinyglobby. */
async function glob(arg: string, cwd: string): Promise<string[]> {
  const { glob } = await import('tinyglobby');
  // An absolute pattern yields absolute paths, a relative one paths relative to cwd: as given.
  return glob(arg, {
    cwd,
    onlyFiles: true,
    expandDirectories: false,
    absolute: isAbsolute(arg),
  });
}

/** A folder and a file-name pattern of plain characters and `*`, as `answers/*.yaml` is. */
const SIMPLE_GLOB = /^((?:[A-Za-z0-9_.-]+\/+)*)([A-Za-z0-9_*-][A-Za-z0-9_.*-]*)$/;

/**
 * The files `arg` matches, read from its folder, when it is the common simple pattern (a folder,
 * then a file name with `*` in it: `answers/*.yaml`, `/data/team-*.yml`); undefined for any other,
 * which tinyglobby expands. It gives what tinyglobby gives (a test compares them): regular files
 * and links to anything but a folder (a link to a pipe is listed, and then refused as no regular
 * file), no hidden file, paths normalized as tinyglobby writes them. Listing a folder
 * of 100,000 files this way takes half the time and no memory to speak of (tinyglobby: 54 MB).
 */
export function simpleGlob(arg: string, cwd: string): string[] | undefined {
  const absolute = arg.startsWith('/');
  const match = SIMPLE_GLOB.exec(absolute ? arg.replace(/^\/+/, '') : arg);
  if (!match || !match[2]!.includes('*') || match[2]!.includes('**')) return undefined;
  const folder = posix
    .normalize(`${absolute ? '/' : ''}${match[1] || '.'}`)
    .replace(/(.)\/+$/, '$1');
  if (folder.split('/').includes('..')) return undefined;
  // `[^/]*`, not `.*`: a file name may hold a line break, and `*` matches it.
  const name = new RegExp(`^${match[2]!.replace(/\./g, '\\.').replace(/\*/g, '[^/]*')}$`);
  const prefix = folder === '.' ? '' : folder === '/' ? '/' : `${folder}/`;
  let entries;
  try {
    entries = readdirSync(resolve(cwd, folder), { withFileTypes: true });
  } catch {
    return []; // no such folder, or one that cannot be read: nothing matches, as with tinyglobby
  }
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.') || !name.test(entry.name)) continue;
    const path = `${prefix}${entry.name}`;
    if (entry.isFile() || (entry.isSymbolicLink() && linksToNonFolder(resolve(cwd, path)))) {
      files.push(path);
    }
  }
  return files;
}

/** `examples/…` as the examples shipped with maturity, when the working folder has no examples/. */
function shippedExample(arg: string, cwd: string): string | undefined {
  if (!arg.startsWith('examples/') || existsSync(resolve(cwd, 'examples'))) return undefined;
  const shipped = join(packageRoot(), arg);
  const near = relative(cwd, shipped);
  // Shown as a path from here when the package is below the working folder (node_modules/maturity).
  return near.startsWith('..') || isAbsolute(near) ? shipped : near;
}

function linksToFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function linksToNonFolder(path: string): boolean {
  try {
    return !statSync(path).isDirectory();
  } catch {
    return false; // a broken link
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The answers files under a folder, named from `shown` (the folder as the user typed it). */
function answersFilesUnder(folder: string, shown: string): string[] {
  const found: string[] = [];
  const walk = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const name = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
      if (entry.isDirectory()) walk(join(dir, entry.name), name);
      else if (
        ANSWERS_FILE.test(entry.name) &&
        (entry.isFile() || linksToFile(join(dir, entry.name)))
      )
        found.push(name);
    }
  };
  walk(folder, shown.replace(/\/+$/, ''));
  return found;
}
