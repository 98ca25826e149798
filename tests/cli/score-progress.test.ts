import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { FIXED_NOW, ROOT } from '../helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'maturity-progress-'));
for (let i = 0; i < 60; i += 1) {
  cpSync(
    join(ROOT, 'examples', 'northwind-planning.yaml'),
    join(dir, `team-${String(i).padStart(2, '0')}.yaml`),
  );
}
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI in-process with terminals of our choosing. */
async function run(stderrIsTTY: boolean) {
  let stdout = '';
  let stderr = '';
  const code = await main({
    argv: ['score', '*.yaml', '--format', 'csv'],
    stdout: { write: (chunk: string) => (stdout += chunk), isTTY: false },
    stderr: { write: (chunk: string) => (stderr += chunk), isTTY: stderrIsTTY },
    stdin: new PassThrough(),
    env: {},
    cwd: dir,
    now: () => FIXED_NOW,
  });
  return { code, stdout, stderr };
}

describe('maturity score: progress line', () => {
  it('shows progress on a terminal stderr, never on stdout, and clears it', async () => {
    const { code, stdout, stderr } = await run(true);
    expect(code).toBe(0);
    expect(stderr).toMatch(/\rScoring \d+\/60…/);
    expect(stderr.endsWith('\r\x1b[K')).toBe(true);
    expect(stdout).not.toContain('Scoring');
    expect(stdout.trim().split('\r\n')).toHaveLength(61);
  });

  it('stays silent when stderr is not a terminal', async () => {
    const { code, stderr } = await run(false);
    expect(code).toBe(0);
    expect(stderr).toBe('');
  });
});
