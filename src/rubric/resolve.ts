import { existsSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
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
      `maturity: unknown rubric "${name}": not a built-in rubric (${builtinRubricIds().join(', ')}) and no such file${didYouMean(name, builtinRubricIds())}`,
    );
  }
  const { loadRubricSource } = await import('./load.js');
  // Messages name the file as the user would type it: absolute as given, else from the working folder.
  const shown = isAbsolute(name) ? name : relative(cwd, file) || name;
  return { ...loadRubricSource(file, shown, cwd), source: shown };
}

/** How an answers file in `targetDir` records `--rubric`: an id as is, a path relative to itself. */
export function rubricReference(ref: string, cwd: string, targetDir: string): string {
  if (!looksLikePath(ref)) return ref;
  return relative(targetDir, resolve(cwd, ref)).split(sep).join('/');
}
