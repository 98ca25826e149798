// What `npm pack` ships: what users need (the bundle, the rubrics, the schemas, the examples the
// README's first command scores, the licence) and nothing else, within a size budget, with a
// manifest that runs nothing on install. --ignore-scripts: the suite's dist/ is already built, and
// the real prepack (a build) would swap dist/ under the tests that use it.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/run-cli.js';
// @ts-expect-error -- a plain script of the build, without types
import { packedManifest } from '../../scripts/pack.mjs';

interface Packed {
  size: number;
  unpackedSize: number;
  files: { path: string; size: number }[];
}

const packed = (): Packed =>
  JSON.parse(
    execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, npm_config_loglevel: 'silent' },
    }),
  )[0];

describe('npm pack', () => {
  const pack = packed();
  const paths = pack.files.map((file) => file.path);

  it('holds the bin, the bundle and its worker, the rubrics, the schemas, the examples, the licence', () => {
    for (const path of [
      'LICENSE',
      'README.md',
      'package.json',
      'bin/maturity.cjs',
      'dist/main.cjs',
      'dist/worker.cjs',
      'dist/rubrics/social-business.json',
      'dist/rubrics/social-business-quick.json',
      'rubrics/social-business.yaml',
      'schema/answers.schema.json',
      'schema/rubric.schema.json',
      'examples/acme-engagement.yaml',
      'examples/team/cmo.yaml',
      'examples/history/2025-06-30.yaml',
    ]) {
      expect(paths).toContain(path);
    }
  });

  it('holds nothing users do not need: no sources, tests, build or bench code, no source maps', () => {
    const allowed =
      /^(LICENSE|README\.md|package\.json|bin\/|dist\/|examples\/|rubrics\/|schema\/)/;
    expect(paths.filter((path) => !allowed.test(path))).toEqual([]);
    expect(paths.filter((path) => /build-tools|\.map$|\.ts$|^dist\/\.|\.tmp$/.test(path))).toEqual(
      [],
    );
  });

  it('stays within its size budget', () => {
    // Today about 630 KB packed and 2.6 MB unpacked, of which the code cache of the start-up path
    // (dist/cache, bin/bundle-loader.cjs) is 210 KB packed; the yaml and zod chunk is the largest file.
    expect(pack.size).toBeLessThan(800 * 1024);
    expect(pack.unpackedSize).toBeLessThan(3 * 1024 * 1024);
    for (const file of pack.files) expect(file.size, file.path).toBeLessThan(1024 * 1024);
  });

  it('ships the bundle alone: no dependency to install, no script that runs on install', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.dependencies ?? {}).toEqual({});
    const manifest = packedManifest(pkg);
    for (const script of ['preinstall', 'install', 'postinstall', 'prepare']) {
      expect(manifest.scripts[script], script).toBeUndefined();
    }
    // Everything else stays as it is.
    expect({ ...manifest, scripts: undefined }).toEqual({ ...pkg, scripts: undefined });
    expect(pkg.scripts.prepare).toBe('node scripts/build.mjs');
    expect(pkg.scripts.prepack).toBe('node scripts/pack.mjs');
  });
});
