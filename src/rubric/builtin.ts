import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { UserError } from '../errors.js';
import { packageRoot } from '../util/package-root.js';
import type { Rubric } from './types.js';

/** The rubric used when neither `--rubric` nor the answers file names one. */
export const DEFAULT_RUBRIC = 'social-business';

/** Folder of the built-in rubric sources. */
export function builtinRubricDir(): string {
  return join(packageRoot(), 'rubrics');
}

/** Ids of the built-in rubrics, sorted. */
export function builtinRubricIds(): string[] {
  return readdirSync(builtinRubricDir())
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => name.slice(0, -'.yaml'.length))
    .sort();
}

/** Path of a built-in rubric's YAML source, or undefined when there is no such built-in. */
export function builtinRubricPath(id: string): string | undefined {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) return undefined;
  const path = join(builtinRubricDir(), `${id}.yaml`);
  return existsSync(path) ? path : undefined;
}

/**
 * Loads a built-in rubric. The build validates every built-in and stores it as JSON in
 * dist/rubrics/, so the common path reads JSON and never loads the YAML parser or the schema.
 */
export async function loadBuiltinRubric(id: string): Promise<Rubric> {
  const compiled = join(packageRoot(), 'dist', 'rubrics', `${id}.json`);
  if (existsSync(compiled)) return JSON.parse(readFileSync(compiled, 'utf8')) as Rubric;
  const source = builtinRubricPath(id);
  if (!source) throw new UserError(`unknown built-in rubric "${id}"`);
  const { loadRubricFile } = await import('./load-rubric.js');
  return loadRubricFile(source);
}

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
  const { loadRubricFile } = await import('./load-rubric.js');
  // Messages name the file as the user would type it: absolute as given, else from the working folder.
  const shown = isAbsolute(name) ? name : relative(cwd, file) || name;
  return { rubric: loadRubricFile(file, shown), source: shown };
}
