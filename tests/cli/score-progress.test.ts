import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/run-cli.js';
import { runMain } from '../helpers/run-main.js';

const dir = mkdtempSync(join(tmpdir(), 'maturity-progress-'));
for (let i = 0; i < 60; i += 1) {
  cpSync(
    join(ROOT, 'examples', 'northwind-planning.yaml'),
    join(dir, `team-${String(i).padStart(2, '0')}.yaml`),
  );
}
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Scores the 60 files as CSV, stderr a terminal or not. */
function run(stderrIsTTY: boolean) {
  return runMain(['score', '*.yaml', '--format', 'csv'], { cwd: dir, stderrIsTTY });
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
