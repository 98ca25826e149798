import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBuiltinRubric } from '../../src/rubric/builtin.js';
import { runMain } from '../helpers/run-main.js';

let dir: string;
const files: string[] = [];

beforeAll(async () => {
  const rubric = await loadBuiltinRubric('social-business');
  const questions = rubric.stages.flatMap((s) => s.tenets.flatMap((t) => t.questions));
  dir = mkdtempSync(join(tmpdir(), 'maturity-batch-'));
  for (let i = 0; i < 12; i += 1) {
    const lines = [`organization: "Org ${i}, Inc."`, `unit: Unit ${i}`, 'answers:'];
    questions.forEach((q, n) => {
      const value = (i + n * 7) % 5;
      if ((i + n) % 11 === 0) return;
      if (q.notApplicable && i % 3 === 0) lines.push(`  ${q.id}: n/a`);
      else if (n % 9 === 0)
        lines.push(`  ${q.id}: { value: ${value}, note: "seen in Q${(n % 4) + 1}" }`);
      else lines.push(`  ${q.id}: ${value}`);
    });
    // Every third file takes the full YAML parser (an anchor is outside the fast path's subset).
    if (i % 3 === 1) lines[1] = 'unit: &u Unit ' + i;
    const name = `org-${String(i).padStart(2, '0')}.yaml`;
    writeFileSync(join(dir, name), `${lines.join('\n')}\n`);
    files.push(name);
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('batch scoring equals scoring the files one by one', () => {
  it('json: the batch document is byte-identical to the single results put together', async () => {
    const batch = await runMain(['score', '*.yaml', '--format', 'json'], { cwd: dir });
    expect(batch.code).toBe(0);
    const singles: unknown[] = [];
    for (const file of files) {
      const single = await runMain(['score', file, '--format', 'json'], { cwd: dir });
      expect(single.code).toBe(0);
      singles.push((JSON.parse(single.stdout) as { results: unknown[] }).results[0]);
    }
    expect(batch.stdout).toBe(
      `${JSON.stringify({ schemaVersion: 1, results: singles, errors: [] }, null, 2)}\n`,
    );
  });

  it('csv: each batch row is the single-file row', async () => {
    const batch = await runMain(['score', '*.yaml', '--format', 'csv'], { cwd: dir });
    expect(batch.code).toBe(0);
    const rows = batch.stdout.split('\r\n').filter(Boolean);
    expect(rows).toHaveLength(files.length + 1);
    for (const [i, file] of files.entries()) {
      const single = await runMain(['score', file, '--format', 'csv'], { cwd: dir });
      const singleRows = single.stdout.split('\r\n');
      expect(singleRows[0]).toBe(rows[0]);
      expect(singleRows[1]).toBe(rows[i + 1]);
    }
  });

  it('text: the batch reports are the single reports, then the summary', async () => {
    const batch = (await runMain(['score', '*.yaml'], { cwd: dir })).stdout;
    const singles: string[] = [];
    for (const file of files) singles.push((await runMain(['score', file], { cwd: dir })).stdout);
    expect(batch.startsWith(singles.join('\n'))).toBe(true);
    expect(batch.slice(singles.join('\n').length)).toMatch(/^\nSummary of 12 files\n/);
  });
});
