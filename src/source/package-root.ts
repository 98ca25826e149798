import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** The installed package's root folder (holds `rubrics/`, `schema/`, `package.json`). */
export function packageRoot(): string {
  if (cached) return cached;
  // The bundle runs from dist/, the sources (under tests) from src/<folder>/: walk up to package.json.
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4 && !existsSync(join(dir, 'package.json')); i += 1) dir = dirname(dir);
  cached = dir;
  return dir;
}
