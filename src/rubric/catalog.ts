import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../source/package-root.js';

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

/** Whether a rubric reference reads as a path rather than a built-in name. */
export function looksLikePath(ref: string): boolean {
  return /[\\/]/.test(ref) || /\.(ya?ml|json)$/i.test(ref);
}
