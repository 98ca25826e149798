import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../problems/user-error.js';
import { packageRoot } from '../source/package-root.js';
import { builtinRubricPath } from './catalog.js';
import type { Rubric, RubricRef } from './types.js';

// Where the built-ins are and how a reference reads live in catalog.ts, which the loader imports too.
export {
  builtinRubricDir,
  builtinRubricIds,
  builtinRubricPath,
  DEFAULT_RUBRIC,
} from './catalog.js';

/**
 * Loads a built-in rubric. The build validates every built-in and stores it as JSON in
 * dist/rubrics/, so the common path reads JSON and never loads the YAML parser or the schema.
 */
export async function loadBuiltinRubric(id: string): Promise<Rubric> {
  const compiled = join(packageRoot(), 'dist', 'rubrics', `${id}.json`);
  if (existsSync(compiled)) return JSON.parse(readFileSync(compiled, 'utf8')) as Rubric;
  const source = builtinRubricPath(id);
  if (!source) throw new UserError(`unknown built-in rubric "${id}"`);
  const { loadRubricFile } = await import('./load.js');
  return loadRubricFile(source);
}

/**
 * What the build writes to dist/rubrics/_bases.json (no rubric id has an underscore): for each
 * built-in, the rubrics it extends, nearest first.
 */
export type BuiltinBases = Record<string, RubricRef[]>;

/** The rubrics a built-in extends, nearest first (empty for one that extends none). */
export async function builtinRubricBases(id: string): Promise<RubricRef[]> {
  const compiled = join(packageRoot(), 'dist', 'rubrics', '_bases.json');
  if (existsSync(compiled)) {
    const index = JSON.parse(readFileSync(compiled, 'utf8')) as BuiltinBases;
    if (Object.prototype.hasOwnProperty.call(index, id)) return index[id]!;
  }
  const source = builtinRubricPath(id);
  if (!source) throw new UserError(`unknown built-in rubric "${id}"`);
  const { loadRubricSource } = await import('./load.js');
  return loadRubricSource(source).bases;
}
