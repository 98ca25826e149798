import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../problems/user-error.js';
import { packageRoot } from '../source/package-root.js';
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
  const { loadRubricFile } = await import('./load.js');
  return loadRubricFile(source);
}
