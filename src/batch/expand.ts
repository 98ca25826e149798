import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { UserError } from '../problems/user-error.js';

const GLOB_CHARS = /[*?[\]{}]/;

/**
 * Expands file arguments: existing paths stay as they are, globs are expanded by the tool (so
 * quoted globs work in every shell). Returns the files sorted and without duplicates, the ones only
 * a glob of the tool's named (`found`: they are read as regular files only), and one problem per
 * pattern that matched nothing.
 */
export async function expandFiles(
  args: readonly string[],
  cwd: string,
): Promise<{ files: string[]; found: Set<string>; problems: UserError[] }> {
  const given = new Set<string>();
  const found = new Set<string>();
  const problems: UserError[] = [];
  for (const arg of args) {
    if (!GLOB_CHARS.test(arg) || existsSync(resolve(cwd, arg))) {
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
  // Code-unit order: the same on every machine and locale.
  const files = [...given, ...found].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { files, found, problems };
}
