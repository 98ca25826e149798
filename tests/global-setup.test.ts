import { mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { staleness } from './global-setup.js';
import { tempFolders } from './helpers/run-cli.js';

const freshDir = tempFolders('global-setup');

/** A package folder with files in each source of the build, all dated `sourcesAt` (seconds). */
function project(name: string, sourcesAt: number): string {
  const root = freshDir(name);
  for (const dir of ['src/cli', 'rubrics', 'scripts']) {
    mkdirSync(join(root, dir), { recursive: true });
  }
  for (const file of [
    'src/cli/score.ts',
    'src/cli/old.ts',
    'rubrics/social-business.yaml',
    'scripts/build.mjs',
    'package.json',
  ]) {
    writeFileSync(join(root, file), '');
    utimesSync(join(root, file), sourcesAt, sourcesAt);
  }
  for (const dir of ['src/cli', 'src', 'rubrics', 'scripts']) {
    utimesSync(join(root, dir), sourcesAt, sourcesAt);
  }
  return root;
}

/** A dist/ whose files were written at `at` (seconds), its entry point last. */
function build(root: string, at: number): void {
  mkdirSync(join(root, 'dist', 'chunks'), { recursive: true });
  for (const [file, time] of [
    ['dist/chunks/score-1.cjs', at],
    ['dist/main.cjs', at + 1],
  ] as const) {
    writeFileSync(join(root, file), '');
    utimesSync(join(root, file), time, time);
  }
}

describe('the global setup', () => {
  it('builds when dist/ is missing', () => {
    expect(staleness(project('missing', 1000))).toBe('dist/ is missing');
  });

  it('leaves a dist/ built after every source alone', () => {
    const root = project('fresh', 1000);
    build(root, 2000);
    expect(staleness(root)).toBeUndefined();
  });

  it.each([
    ['src/cli/score.ts', 'src'],
    ['rubrics/social-business.yaml', 'rubrics'],
    ['scripts/build.mjs', 'scripts'],
    ['package.json', 'package.json'],
  ])('rebuilds when %s changed after the build', (file, source) => {
    const root = project(`changed-${source}`, 1000);
    build(root, 2000);
    utimesSync(join(root, file), 3000, 3000);
    expect(staleness(root)).toBe(`${source} changed since dist/ was built`);
  });

  it('rebuilds when a source file was removed after the build', () => {
    const root = project('removed', 1000);
    build(root, 2000);
    rmSync(join(root, 'src', 'cli', 'old.ts'));
    expect(staleness(root)).toBe('src changed since dist/ was built');
  });

  it('rebuilds when a source changed while the build was writing', () => {
    // Saved after the first file of the build but before its last one.
    const root = project('during', 1000);
    build(root, 2000);
    utimesSync(join(root, 'src', 'cli', 'score.ts'), 2000.5, 2000.5);
    expect(staleness(root)).toBe('src changed since dist/ was built');
  });
});
