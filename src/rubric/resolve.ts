import { existsSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { fileArgument, shellCommand } from '../format/shell.js';
import { quote } from '../problems/describe.js';
import { didYouMean } from '../problems/suggest.js';
import { UserError } from '../problems/user-error.js';
import {
  builtinRubricBases,
  builtinRubricIds,
  builtinRubricPath,
  DEFAULT_RUBRIC,
  loadBuiltinRubric,
} from './builtin.js';
import { looksLikePath } from './catalog.js';
import type { Rubric, RubricRef } from './types.js';

export { looksLikePath } from './catalog.js';

export interface ResolveOptions {
  /**
   * The reference comes from an answers file's `rubric:` field, which other people write (a pull
   * request in CI): the path must name a regular file (never a pipe or a device, which could block
   * or leak), and a file that is not a valid rubric is reported without quoting any of its content.
   */
  fromAnswersFile?: boolean;
}

/**
 * Resolves `--rubric NAME|PATH` (or an answers file's `rubric:` field): a built-in id, else a file
 * path relative to `baseDir`. Undefined means the default rubric. Messages name a file relative to
 * `cwd`, the working folder the user typed paths in. `bases` are the rubrics it extends, nearest
 * first.
 */
export async function resolveRubric(
  ref: string | undefined,
  baseDir: string,
  cwd: string = baseDir,
  options: ResolveOptions = {},
): Promise<{ rubric: Rubric; source: string; bases: RubricRef[] }> {
  const name = ref ?? DEFAULT_RUBRIC;
  if (name.trim() === '')
    throw new UserError('maturity: an empty string is not a rubric name or path');
  if (!looksLikePath(name) && builtinRubricPath(name)) {
    return {
      rubric: await loadBuiltinRubric(name),
      source: name,
      bases: await builtinRubricBases(name),
    };
  }
  const file = isAbsolute(name) ? name : resolve(baseDir, name);
  if (!looksLikePath(name) && !existsSync(file)) {
    throw new UserError(
      `maturity: unknown rubric ${quote(name)}: not a built-in rubric (${builtinRubricIds().join(', ')}) and no such file${didYouMean(name, builtinRubricIds())}`,
    );
  }
  const { loadRubricSource } = await import('./load.js');
  // Messages name the file as the user would type it: absolute as given, else from the working folder.
  const shown = isAbsolute(name) ? name : relative(cwd, file) || name;
  if (!options.fromAnswersFile) return { ...loadRubricSource(file, shown, cwd), source: shown };
  try {
    return { ...loadRubricSource(file, shown, cwd, { regularOnly: true }), source: shown };
  } catch (error) {
    if (!(error instanceof UserError) || error.problems.length === 0) throw error;
    // Its problems would quote it: say only that it is not a rubric, and how to see why.
    const count = error.problems.reduce((sum, problem) => sum + (problem.omitted ?? 1), 0);
    const more = error.problems.some((problem) => problem.atLeast) ? 'more than ' : '';
    throw new UserError(
      `rubric ${quote(name)} is not a valid rubric (${more}${count} problem${count === 1 && !more ? '' : 's'}); ` +
        `see them with: ${shellCommand('maturity', 'rubric', 'validate', fileArgument(shown))}`,
    );
  }
}

/** How an answers file in `targetDir` records `--rubric`: an id as is, a path relative to itself. */
export function rubricReference(ref: string, cwd: string, targetDir: string): string {
  if (!looksLikePath(ref)) return ref;
  return relative(targetDir, resolve(cwd, ref)).split(sep).join('/');
}
