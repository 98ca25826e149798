// score writes to standard output with backpressure: when the stream says its buffer is full
// (write returns false), nothing more is written until it drains, so a slow reader holds the run
// back instead of filling memory. A stream that drains only when the test says so shows it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { writeAnswersFiles } from '../helpers/answers-files.js';
import { FIXED_NOW } from '../helpers/run-cli.js';

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'maturity-backpressure-'));
  await writeAnswersFiles(dir, 60);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A stream whose buffer is always full: each write waits for a drain that comes a turn later. */
function slowReader() {
  let waiting = false;
  let drain: (() => void) | undefined;
  const seen = { writes: 0, whileFull: 0, text: '' };
  return {
    seen,
    stream: {
      write(chunk: string) {
        seen.writes += 1;
        if (waiting) seen.whileFull += 1;
        seen.text += chunk;
        waiting = true;
        setImmediate(() => {
          waiting = false;
          const listener = drain;
          drain = undefined;
          listener?.();
        });
        return false;
      },
      once(_event: 'drain', listener: () => void) {
        drain = listener;
      },
      isTTY: false,
    },
  };
}

const run = (format: string, stdout: ReturnType<typeof slowReader>['stream']) =>
  main({
    argv: ['score', '*.yaml', '--format', format],
    stdout,
    stderr: { write: () => true },
    stdin: Readable.from([]),
    env: { NO_COLOR: '1', MATURITY_THREADS: '0' },
    cwd: dir,
    now: () => FIXED_NOW,
  });

describe('backpressure', () => {
  for (const format of ['json', 'text', 'junit']) {
    it(`${format}: waits for each drain before writing more`, async () => {
      const reader = slowReader();
      expect(await run(format, reader.stream)).toBe(0);
      // 60 reports of several KB each go out in many 64 KB writes; only the last two (the end of
      // the report and the rest of the buffer) may go while the stream is full.
      expect(reader.seen.text.length).toBeGreaterThan(60 * 2000);
      expect(reader.seen.writes).toBeGreaterThanOrEqual(3);
      expect(reader.seen.whileFull).toBeLessThanOrEqual(1);
    });
  }
});
