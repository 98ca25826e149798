import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Vitest's global setup: the tests that run the built bin (tests/process, tests/e2e) and the
 * built-in rubric (compiled to dist/rubrics) must see the current sources, so dist/ is rebuilt when
 * it is missing or older than anything it is built from. When it is fresh this only reads mtimes.
 */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** What dist/ is built from. */
const SOURCES = ['src', 'rubrics', 'scripts', 'package.json'];

/** The mtimes of `path` and of everything under it (a folder's changes when a file goes). */
function mtimes(path: string): number[] {
  const stat = statSync(path);
  if (!stat.isDirectory()) return [stat.mtimeMs];
  return [stat.mtimeMs, ...readdirSync(path).flatMap((name) => mtimes(join(path, name)))];
}

/** Why dist/ needs a build, or undefined when it is up to date. */
export function staleness(root: string = ROOT): string | undefined {
  const dist = join(root, 'dist');
  if (!existsSync(join(dist, 'main.cjs'))) return 'dist/ is missing';
  // The oldest file of the build against the newest source: a source saved during a build counts.
  const built = Math.min(...mtimes(dist));
  const changed = SOURCES.find((source) => Math.max(...mtimes(join(root, source))) > built);
  return changed && `${changed} changed since dist/ was built`;
}

export default function setup(): void {
  const reason = staleness();
  if (reason === undefined) return;
  process.stderr.write(`vitest: ${reason}; building it (node scripts/build.mjs)\n`);
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}
