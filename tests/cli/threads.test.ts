// Large batches are scored and rendered in worker threads (src/batch/pool.ts): the output must be
// byte for byte what scoring the files one by one in the main thread gives, in every streaming
// format, with invalid files (also before the first scored one), gates, warnings and exit codes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PARALLEL_MIN_FILES, threadCount } from '../../src/batch/threads.js';
import { writeAnswersFiles } from '../helpers/answers-files.js';
import { runMain } from '../helpers/run-main.js';

let dir: string;
const COUNT = PARALLEL_MIN_FILES + 60;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'maturity-threads-'));
  // The first file is invalid (it waits for the first scored one), then one in every 97.
  await writeAnswersFiles(dir, COUNT, { broken: (i) => i === 0 || i % 97 === 5 });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const score = (args: string[], threads: string) =>
  runMain(['score', '*.yaml', ...args], { cwd: dir, env: { MATURITY_THREADS: threads } });

describe('worker threads', () => {
  const gates = ['--min-stage', 'engagement', '--min-completeness', '90'];
  for (const [format, extra, threads] of [
    ['json', gates, '2'],
    ['text', gates, '2'],
    ['csv', [...gates, '--target', 'strategic'], '3'],
  ] as const) {
    it(`${format}: ${threads} threads give what one by one gives`, async () => {
      const args = ['--format', format, ...extra];
      const alone = await score(args, '0');
      const threaded = await score(args, threads);
      expect(alone.code).toBe(2);
      expect(alone.stderr).toMatch(/^org-00000\.yaml:\d+:\d+: /m);
      expect(alone.stderr).toMatch(/below the minimum stage engagement/);
      expect(alone.stdout.length).toBeGreaterThan(COUNT * 50);
      expect(threaded).toEqual(alone);
    });
  }

  it('starts none for a small batch, one per core for a large one, as MATURITY_THREADS says', () => {
    expect(threadCount(PARALLEL_MIN_FILES - 1, {})).toBe(0);
    expect(threadCount(PARALLEL_MIN_FILES, {})).toBeGreaterThanOrEqual(0);
    expect(threadCount(10, { MATURITY_THREADS: '2' })).toBe(2);
    expect(threadCount(100_000, { MATURITY_THREADS: '0' })).toBe(0);
    expect(threadCount(100_000, { MATURITY_THREADS: 'many' })).toBe(threadCount(100_000, {}));
  });
});
