import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

/** The repository root. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The built bin, as users run it. */
export const BIN = join(ROOT, 'bin', 'maturity.js');

/** Path of a file under tests/fixtures/. */
export function fixture(...parts: string[]): string {
  return join(ROOT, 'tests', 'fixtures', ...parts);
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a child process without colour, the way CI does (no stdin). */
export function runCli(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {},
): CliResult {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...options.env };
  for (const key of ['FORCE_COLOR', 'DEBUG']) if (!options.env?.[key]) delete env[key];
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env,
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * A temporary folder for one test file, removed after its tests. Returns `freshDir(name)`, which
 * makes an empty subfolder for one test.
 */
export function tempFolders(prefix: string): (name: string) => string {
  const root = mkdtempSync(join(tmpdir(), `maturity-${prefix}-`));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  return (name) => {
    const dir = join(root, name);
    mkdirSync(dir, { recursive: true });
    return dir;
  };
}
