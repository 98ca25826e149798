import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, cliEnv, ROOT, runCli, tempFolders } from '../helpers/run-cli.js';

// bin/bundle-loader.cjs loads dist/*.cjs with the code cache the build made. The cache may only
// ever make it faster: with no cache, a stale one or one from another Node, the CLI works the same.

interface Loader {
  load(file: string): Record<string, unknown>;
  rejected: string[];
  writeCache(): string[];
}
const { bundleLoader, cachePath } = createRequire(import.meta.url)(
  join(ROOT, 'bin', 'bundle-loader.cjs'),
) as {
  bundleLoader(dist: string, options?: { record?: boolean }): Loader;
  cachePath(dist: string, file: string): string | undefined;
};

const freshDir = tempFolders('bundle-loader');

/** A small bundle: an entry that requires a chunk twice (by two paths), a builtin and a JSON file. */
function bundle(): string {
  const dist = join(freshDir('bundle'), 'dist');
  mkdirSync(join(dist, 'chunks'), { recursive: true });
  writeFileSync(
    join(dist, 'main.cjs'),
    [
      "'use strict';",
      "const a = require('./chunks/shared.cjs');",
      "const b = require('./chunks/../chunks/shared.cjs');",
      "const { sep } = require('node:path');",
      "const { join: bare } = require('path');",
      "const data = require('./data.json');",
      'a.count += 1;',
      'exports.same = a === b;',
      'exports.count = b.count;',
      'exports.sep = sep;',
      "exports.bare = typeof bare === 'function';",
      'exports.data = data.answer;',
      'exports.where = [__filename, __dirname];',
      'exports.self = this === exports && module.exports === exports;',
      'exports.twice = (n) => n * 2;',
    ].join('\n'),
  );
  writeFileSync(join(dist, 'chunks', 'shared.cjs'), 'exports.count = 0;\n');
  writeFileSync(join(dist, 'data.json'), '{ "answer": 42 }\n');
  return dist;
}

describe('the bundle loader', () => {
  it('loads a CommonJS bundle as Node would: each file once, builtins, JSON, module variables', () => {
    const dist = bundle();
    const main = bundleLoader(dist).load(join(dist, 'main.cjs'));
    expect(main).toMatchObject({
      same: true,
      count: 1,
      sep: '/',
      bare: true,
      data: 42,
      self: true,
    });
    expect(main.where).toEqual([join(dist, 'main.cjs'), dist]);
  });

  it('records a cache that V8 accepts, and works the same with it, without it, or with a wrong one', () => {
    const dist = bundle();
    const recorder = bundleLoader(dist, { record: true });
    const recorded = recorder.load(join(dist, 'main.cjs'));
    expect((recorded.twice as (n: number) => number)(21)).toBe(42);
    // Only the chunks, whose names a real build makes from their content, get a cache.
    expect(recorder.writeCache()).toEqual([join(dist, 'chunks', 'shared.cjs')]);
    expect(cachePath(dist, join(dist, 'main.cjs'))).toBeUndefined();
    const chunk = cachePath(dist, join(dist, 'chunks', 'shared.cjs'))!;
    expect(existsSync(chunk)).toBe(true);
    const cached = bundleLoader(dist);
    expect(cached.load(join(dist, 'main.cjs'))).toMatchObject({ count: 1, data: 42 });
    expect(cached.rejected).toEqual([]);
    // A cache of other code (a chunk changed by hand) is refused, and the code on disk runs.
    writeFileSync(join(dist, 'chunks', 'shared.cjs'), 'exports.count = 100;\n');
    const stale = bundleLoader(dist);
    expect(stale.load(join(dist, 'main.cjs'))).toMatchObject({ count: 101, data: 42 });
    expect(stale.rejected).toEqual([join(dist, 'chunks', 'shared.cjs')]);
    // Bytes that are no code cache at all (V8 does not always say so), or no cache: the same.
    writeFileSync(chunk, Buffer.from('not a code cache'));
    expect(bundleLoader(dist).load(join(dist, 'main.cjs'))).toMatchObject({ count: 101 });
    rmSync(chunk);
    expect(bundleLoader(dist).load(join(dist, 'main.cjs'))).toMatchObject({ count: 101 });
  });

  it('names the bundle file in an error thrown while it loads', () => {
    const dist = bundle();
    writeFileSync(join(dist, 'chunks', 'shared.cjs'), 'throw new Error("broken chunk");\n');
    expect(() => bundleLoader(dist).load(join(dist, 'main.cjs'))).toThrow('broken chunk');
    try {
      bundleLoader(dist).load(join(dist, 'main.cjs'));
    } catch (error) {
      expect((error as Error).stack).toContain(join(dist, 'chunks', 'shared.cjs'));
    }
  });
});

describe('the built CLI and its code cache', () => {
  it('has a cache for the files that `score` loads, which this Node accepts', () => {
    const dist = join(ROOT, 'dist');
    const loader = bundleLoader(dist);
    expect(typeof loader.load(join(dist, 'main.cjs')).main).toBe('function');
    expect(loader.rejected).toEqual([]);
    const cached = readdirSync(join(dist, 'cache'));
    expect(cached.some((name) => name.startsWith('main-'))).toBe(true);
    for (const name of cached) {
      expect(name).toMatch(/-[\w-]{8}\.cjs\.v8$/);
      expect(existsSync(join(dist, 'chunks', name.slice(0, -3))), name).toBe(true);
    }
  });

  it('gives the same report with every cache replaced by bytes that are no cache', () => {
    const copy = join(freshDir('no-cache'), 'maturity');
    for (const part of ['bin', 'dist', 'rubrics', 'examples', 'package.json']) {
      cpSync(join(ROOT, part), join(copy, part), { recursive: true });
    }
    for (const name of readdirSync(join(copy, 'dist', 'cache'))) {
      writeFileSync(join(copy, 'dist', 'cache', name), readFileSync(join(ROOT, 'package.json')));
    }
    const args = ['score', 'examples/acme-engagement.yaml', '--format', 'json'];
    const stale = spawnSync(process.execPath, [join(copy, 'bin', 'maturity.cjs'), ...args], {
      cwd: ROOT,
      env: cliEnv(),
      encoding: 'utf8',
    });
    expect(stale.stderr).toBe('');
    expect(stale.stdout).toBe(runCli(args).stdout);
    expect(BIN).toBe(join(ROOT, 'bin', 'maturity.cjs'));
  });
});
