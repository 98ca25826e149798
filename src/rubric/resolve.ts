import { existsSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { UserError } from '../problems/user-error.js';
import {
  builtinRubricIds,
  builtinRubricPath,
  DEFAULT_RUBRIC,
  loadBuiltinRubric,
} from './builtin.js';
import type { Rubric } from './types.js';

/** Whether a rubric reference reads as a path rather than a built-in name. */
export function looksLikePath(ref: string): boolean {
  return /[\\/]/.test(ref) || /\.(ya?ml|json)$/i.test(ref);
}

/**
 * Resolves `--rubric NAME|PATH` (or an answers file's `rubric:` field): a built-in id, else a file
 * path relative to `baseDir`. Undefined means the default rubric. Messages name a file relative to
 * `cwd`, the working folder the user typed paths in.
 */
export async function resolveRubric(
  ref: string | undefined,
  baseDir: string,
  cwd: string = baseDir,
): Promise<{ rubric: Rubric; source: string }> {
  const name = ref ?? DEFAULT_RUBRIC;
  if (name.trim() === '')
    throw new UserError('maturity: an empty string is not a rubric name or path');
  if (!looksLikePath(name) && builtinRubricPath(name)) {
    return { rubric: await loadBuiltinRubric(name), source: name };
  }
  const file = isAbsolute(name) ? name : resolve(baseDir, name);
  if (!looksLikePath(name) && !existsSync(file)) {
    throw new UserError(
      `unknown rubric "${name}": not a built-in rubric (${builtinRubricIds().join(', ')}) and no such file`,
    );
  }
  const { loadRubricFile } = await import('./load.js');
  // Messages name the file as the user would type it: absolute as given, else from the working folder.
  const shown = isAbsolute(name) ? name : relative(cwd, file) || name;
  return { rubric: loadRubricFile(file, shown), source: shown };
}

/** How an answers file in `targetDir` records `--rubric`: an id as is, a path relative to itself. */
export function rubricReference(ref: string, cwd: string, targetDir: string): string {
  if (!looksLikePath(ref)) return ref;
  return relative(targetDir, resolve(cwd, ref)).split(sep).join('/');
}
