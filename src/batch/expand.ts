import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { UserError } from '../problems/user-error.js';

const GLOB_CHARS = /[*?[\]{}]/;

/**
 * Expands file arguments: existing paths stay as they are, globs are expanded by the tool (so
 * quoted globs work in every shell). Returns the files sorted and without duplicates, and one
 * problem per pattern that matched nothing.
 */
export async function expandFiles(
  args: readonly string[],
  cwd: string,
): Promise<{ files: string[]; problems: UserError[] }> {
  const files = new Set<string>();
  const problems: UserError[] = [];
  for (const arg of args) {
    if (!GLOB_CHARS.test(arg) || existsSync(resolve(cwd, arg))) {
      files.add(arg);
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
    for (const match of matches) files.add(match);
  }
  // Code-unit order: the same on every machine and locale.
  return { files: [...files].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), problems };
}
