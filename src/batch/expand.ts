import { existsSync, readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
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
 * the files sorted by code point and without duplicates, the ones only the tool found in a glob or
 * a folder (`found`: they are read as regular files only), and one problem per argument that
 * matched nothing. Where there is no `examples/` folder, `examples/…` names the examples that ship
 * with maturity, so the README's first command works wherever maturity is installed.
 */
export async function expandFiles(
  args: readonly string[],
  cwd: string,
): Promise<{ files: string[]; found: Set<string>; problems: UserError[] }> {
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
    const { glob } = await import('tinyglobby');
    // An absolute pattern yields absolute paths, a relative one paths relative to cwd: as given.
    const matches = await glob(arg, {
      cwd,
      onlyFiles: true,
      expandDirectories: false,
      absolute: isAbsolute(arg),
    });
    if (matches.length === 0) {
      problems.push(new UserError(`${arg}: no files match this pattern`));
    }
    for (const match of matches) found.add(match);
  }
  for (const file of given) found.delete(file);
  const sorted = [...given, ...found].sort(codePointOrder);
  return { files: stdin ? [STDIN, ...sorted] : sorted, found, problems };
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
