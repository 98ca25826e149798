import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect } from 'vitest';

/** The repository root. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The built bin, as users run it. */
export const BIN = join(ROOT, 'bin', 'maturity.cjs');

/** Path of a file under tests/fixtures/. */
export function fixture(...parts: string[]): string {
  return join(ROOT, 'tests', 'fixtures', ...parts);
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A line of a stack trace, which users must never see without DEBUG. */
export const STACK_LINE = /^\s+at /m;

/**
 * The environment a CLI child runs in: no colour, no DEBUG, as in CI, and not under npm (which
 * `npm test` would pass on, making hints say `npx maturity`), unless `extra` sets them.
 */
export function cliEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...extra };
  for (const key of ['FORCE_COLOR', 'DEBUG', 'npm_command', 'npm_lifecycle_event']) {
    if (!extra[key]) delete env[key];
  }
  return env;
}

/** Runs the built CLI as a child process without colour, the way CI does (no stdin). */
export function runCli(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {},
): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: cliEnv(options.env),
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

/** Fresh copies of a fixture folder (tests/fixtures/PARTS), one a call, removed after the test file. */
export function fixtureCopies(prefix: string, ...parts: string[]): () => string {
  const folder = tempFolders(prefix);
  let copies = 0;
  return () => {
    copies += 1;
    const dir = folder(String(copies));
    cpSync(fixture(...parts), dir, { recursive: true });
    return dir;
  };
}

/** The non-empty lines of a text. */
export function lines(text: string): string[] {
  return text.split('\n').filter((line) => line !== '');
}

/**
 * A failed run: the exit code, something said on stderr but no stack trace and no "internal
 * error", and no report on stdout unless `output` (a batch still reports the files that scored).
 */
export function expectCleanFailure(
  result: CliResult,
  code: number,
  options: { output?: boolean } = {},
): void {
  expect(result.code, result.stderr).toBe(code);
  if (!options.output) expect(result.stdout).toBe('');
  expect(result.stderr).not.toBe('');
  expect(result.stderr).not.toMatch(STACK_LINE);
  expect(result.stderr).not.toMatch(/internal error|bug in maturity/i);
}

/** The clock of in-process runs: a fixed moment, so no test depends on the day it runs. */
export const FIXED_NOW = new Date(2026, 10, 25, 12, 0, 0);
