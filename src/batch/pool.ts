import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { packageRoot } from '../source/package-root.js';
import type { FileReport, FileToScore, ScorePlan } from './report-files.js';
import { readAnswers, type ReadAnswers } from './score-files.js';

/**
 * Files per message: few, so that little waits for a slow reader and gets promoted to the old
 * generation meanwhile (20,000 files piped as json: 219 MB with 64, 169 MB with 8), and enough to
 * make messaging cheap (8 scores as fast as 64).
 */
const BATCH = 8;
/** Batches a worker holds at a time: one being scored, the next ones waiting in its queue. */
const IN_FLIGHT = 2;

/** What a worker is started with. */
export interface WorkerSetup {
  plan: ScorePlan;
  cwd: string;
  /** The first file the main thread scored: a worker scores it first, unreported, so that a reporter
   *  whose layout the first result decides (CSV's columns) renders like the main thread's. */
  prime: FileToScore;
}

/** A batch of files for a worker, and its reply. */
export interface WorkerRequest {
  seq: number;
  /** The files with their text: the main thread reads them, since reading does not run faster on
   *  two threads and scoring does. */
  files: (FileToScore & { read: ReadAnswers })[];
}
export type WorkerReply = { seq: number; reports: FileReport[] } | { seq: number; bug: string };

/**
 * Scores and renders `files` in `threads` worker threads and yields their reports in the order of
 * the files, byte for byte what scoring them one by one gives. No more than a few batches per worker
 * run ahead of what the caller has taken, so a slow reader holds the workers back instead of filling
 * memory.
 */
export async function* reportInWorkers(
  setup: WorkerSetup,
  files: readonly FileToScore[],
  threads: number,
): AsyncGenerator<FileReport> {
  const batches = Math.ceil(files.length / BATCH);
  // Batches done but not yet written wait here; a worker may run this far ahead of the slowest.
  const window = threads * IN_FLIGHT;
  const done = new Map<number, FileReport[]>();
  let sent = 0;
  let next = 0;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const workers = Array.from(
    { length: threads },
    () =>
      new Worker(join(packageRoot(), 'dist', 'worker.cjs'), {
        workerData: setup,
        // A small young generation: three isolates with the default one take about 60 MB more.
        resourceLimits: { maxYoungGenerationSizeMb: 4 },
      }),
  );
  const load = workers.map(() => 0);
  const feed = () => {
    for (let w = 0; w < workers.length; w += 1) {
      while (load[w]! < IN_FLIGHT && sent < batches && sent < next + window) {
        const request: WorkerRequest = {
          seq: sent,
          files: files
            .slice(sent * BATCH, (sent + 1) * BATCH)
            .map((file) => ({ ...file, read: readAnswers(file.file, setup.cwd, file.found) })),
        };
        workers[w]!.postMessage(request);
        load[w] = load[w]! + 1;
        sent += 1;
      }
    }
  };
  let closing = false;
  workers.forEach((worker, w) => {
    worker.on('message', (reply: WorkerReply) => {
      load[w] = load[w]! - 1;
      if ('bug' in reply) failure ??= new Error(reply.bug);
      else done.set(reply.seq, reply.reports);
      feed();
      wake?.();
    });
    worker.on('error', (error) => {
      failure ??= error;
      wake?.();
    });
    worker.on('exit', (code) => {
      if (!closing) failure ??= new Error(`a scoring thread stopped (exit code ${code})`);
      wake?.();
    });
  });
  try {
    feed();
    while (next < batches) {
      const reports = done.get(next);
      if (reports) {
        done.delete(next);
        next += 1;
        feed();
        yield* reports;
        continue;
      }
      if (failure) throw failure;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      wake = undefined;
    }
  } finally {
    closing = true;
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
