import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeAnswersFiles } from '../helpers/answers-files.js';
import { BIN, cliEnv, ROOT, tempFolders } from '../helpers/run-cli.js';

// Memory when piped: a reader that pauses after every read holds the CLI back (it waits for each
// drain) instead of letting its output pile up in memory. Measured on the real process (its peak
// RSS, through the benchmark's preload), four times the files must cost no more than what a run
// keeps per file and what warms up once (compiled code, the allocators): about 16 MB here, and 1 MB
// more from 8,000 to 20,000 files. A run that ignored backpressure would hold all its JSON, about
// 20 KB a file (with the drain wait taken out of the built CLI, 244 MB more). V8's young
// generation starts at its full size in both runs (`--min-semi-space-size`): it grows to it once,
// at a moment that depends on the files, which made the two runs differ by up to 50 MB for that
// alone.

const folders = tempFolders('process-memory');
let few: string;
let many: string;
beforeAll(async () => {
  few = folders('few');
  many = folders('many');
  await writeAnswersFiles(few, 2_000);
  await writeAnswersFiles(many, 8_000);
}, 60_000);

/**
 * Peak RSS (MiB) of `maturity score *.yaml --format json` in `dir`, piped into a slow reader, with
 * `threads` workers (fixed: left to decide, the larger batch could start one and the smaller not).
 */
function pipedRss(
  dir: string,
  threads: string,
): Promise<{ rssMiB: number; bytes: number; code: number | null }> {
  const rssFile = join(dir, '.rss');
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--min-semi-space-size=16',
        '--import',
        join(ROOT, 'bench', 'rss.mjs'),
        BIN,
        'score',
        '*.yaml',
        '--format',
        'json',
      ],
      {
        cwd: dir,
        env: cliEnv({ MATURITY_BENCH_RSS: rssFile, MATURITY_THREADS: threads }),
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    );
    let bytes = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      child.stdout.pause();
      setTimeout(() => child.stdout.resume(), 1);
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      try {
        resolve({ rssMiB: Number(readFileSync(rssFile, 'utf8')) / 1024, bytes, code });
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}

describe('memory of a batch piped into a slow reader', () => {
  // On the main thread alone, and with a worker scoring (it waits for the reader too).
  for (const threads of ['0', '1']) {
    it(`does not grow with the number of files (MATURITY_THREADS=${threads})`, async () => {
      const small = await pipedRss(few, threads);
      const large = await pipedRss(many, threads);
      expect(small.code).toBe(0);
      expect(large.code).toBe(0);
      // The reader got every report: the larger batch wrote four times as much.
      expect(large.bytes).toBeGreaterThan(8_000 * 15_000);
      expect(large.bytes / small.bytes).toBeGreaterThan(3.9);
      expect(large.rssMiB - small.rssMiB).toBeLessThan(40);
      expect(large.rssMiB).toBeLessThan(200);
    }, 120_000);
  }
});
