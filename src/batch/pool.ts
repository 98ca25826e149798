import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { packageRoot } from '../source/package-root.js';
import type { FileReport, FileToScore, ScorePlan } from './report-files.js';
import type { LoadedRubric } from './rubric-cache.js';
import { readAnswers, type ReadAnswers } from './score-files.js';

/**
 * Files per message: few, so that little waits for a slow reader and gets promoted to the old
 * generation meanwhile (20,000 files piped as json: 219 MB with 64, 169 MB with 8), and enough to
 * make messaging cheap (8 scores as fast as 64).
 */
const BATCH = 8;
/** Batches a worker holds at a time: one being scored, the next ones waiting in its queue (enough
 *  that it still has work while the main thread scores a batch of its own). */
const IN_FLIGHT = 3;
/** How many batches beyond those the workers hold may be done and not yet written (the main thread
 *  scores them while it waits, when it shares the work; a lost worker's are scored there too). */
const MAIN_AHEAD = 8;

/** What a worker is started with. */
export interface WorkerSetup {
  plan: ScorePlan;
  cwd: string;
  /** The first file the main thread scored: a worker scores it first, unreported, so that a reporter
   *  whose layout the first result decides (CSV's columns) renders like the main thread's. */
  prime: FileToScore;
  /** The rubrics the main thread has loaded, validated there, for the worker's cache to adopt. */
  rubrics: LoadedRubric[];
}

/** A batch of files for a worker, and its reply. */
export interface WorkerRequest {
  seq: number;
  /** The files with their text: the main thread reads them, since reading does not run faster on
   *  two threads and scoring does. */
  files: (FileToScore & { read: ReadAnswers })[];
}
export type WorkerReply =
  { ready: true } | { seq: number; reports: FileReport[] } | { seq: number; bug: string };

/**
 * A worker's heap (its old generation, in MB): three times what a worker needs for the built-in
 * rubric (it scores 1,000 files within 8 MB: the rubric, a few files, and its bounded caches of
 * keys, answers and laid-out texts), and little enough that V8 collects it before it grows with
 * the number of files (100,000 files as junit piped: 196 MB in all without a cap, 175 MB with 48,
 * 153 MB with 24, as fast). A file that needs more (a pathological one, for the full YAML parser;
 * a huge rubric) runs the worker out of memory: its batches are then scored in the main thread,
 * which has Node's limits. `MATURITY_WORKER_HEAP_MB` sets it.
 */
export const WORKER_HEAP_MB = 24;

/**
 * Scores and renders `count` files (`file(i)` is the i-th) in the pool's worker threads and yields
 * their reports in the order of the files, byte for byte what scoring them one by one gives. No
 * more than a few batches per worker run ahead of what the caller has taken, so a slow reader holds
 * the workers back instead of filling memory. With `share`, the main thread scores batches too,
 * with `local`, whenever it would otherwise wait: it is warmed up already, where each worker must
 * first compile the code again. It always scores the batches of a worker that runs out of memory,
 * and all of them once no worker is left.
 */
export async function* reportInWorkers(
  pool: Pool,
  count: number,
  file: (index: number) => FileToScore,
  cwd: string,
  local: (file: FileToScore) => Promise<FileReport>,
  share: boolean,
): AsyncGenerator<FileReport> {
  const { workers } = pool;
  const batches = Math.ceil(count / BATCH);
  // Batches done but not yet written wait here; the threads may run this far ahead of the slowest.
  const window = workers.length * IN_FLIGHT + MAIN_AHEAD;
  const done = new Map<number, FileReport[]>();
  let sent = 0;
  let next = 0;
  // The batches each worker holds, in the order sent; a worker out of memory leaves its batches.
  const held = workers.map((): number[] => []);
  const orphans: number[] = [];
  const lost = (w: number) => pool.outOfMemory.has(workers[w]!);
  /** The files of batch `seq`. */
  const filesOf = (seq: number): FileToScore[] => {
    const files: FileToScore[] = [];
    for (let i = seq * BATCH; i < Math.min(count, (seq + 1) * BATCH); i += 1) files.push(file(i));
    return files;
  };
  /** Gives each worker that is ready batches up to IN_FLIGHT (a worker still starting gets none:
   *  the main thread scores meanwhile, rather than leave those files waiting for it). */
  const feed = () => {
    for (let w = 0; w < workers.length; w += 1) {
      if (!pool.ready.has(workers[w]!) || lost(w)) continue;
      while (held[w]!.length < IN_FLIGHT && sent < batches && sent < next + window) {
        const request: WorkerRequest = {
          seq: sent,
          files: filesOf(sent).map(({ file: name, found }) => ({
            file: name,
            found,
            read: readAnswers(name, cwd, found),
          })),
        };
        workers[w]!.postMessage(request);
        held[w]!.push(sent);
        sent += 1;
      }
    }
  };
  const scoreHere = async (seq: number) => {
    // (A lost worker's reply may yet have come.)
    if (seq < next || done.has(seq)) return;
    const reports: FileReport[] = [];
    for (const one of filesOf(seq)) reports.push(await local(one));
    done.set(seq, reports);
    // Scoring here takes only microtasks: let the workers' replies (and readiness) in.
    await new Promise((resolve) => setImmediate(resolve));
  };
  workers.forEach((worker, w) => {
    worker.on('message', (reply: WorkerReply) => {
      // (startWorkers's listener, which runs first, has marked it ready.)
      if ('ready' in reply) {
        feed();
        pool.wake?.();
        return;
      }
      const k = held[w]!.indexOf(reply.seq);
      if (k !== -1) held[w]!.splice(k, 1);
      const orphan = orphans.indexOf(reply.seq);
      if (orphan !== -1) orphans.splice(orphan, 1);
      if ('bug' in reply) pool.failure ??= new Error(reply.bug);
      // (A batch scored here already, after its worker was taken for lost, is not taken twice.)
      else if (reply.seq >= next && !done.has(reply.seq)) done.set(reply.seq, reply.reports);
      feed();
      pool.wake?.();
    });
  });
  try {
    feed();
    while (next < batches) {
      // (Checked first: while the main thread scores, the next batch may always be its own.)
      if (pool.failure) throw pool.failure;
      const reports = done.get(next);
      if (reports) {
        done.delete(next);
        // The run's own name of each file, not the worker's copy (a summary keeps it to the end).
        reports.forEach((report, k) => {
          const name = file(next * BATCH + k).file;
          if (report.file === name) report.file = name;
        });
        next += 1;
        feed();
        yield* reports;
        continue;
      }
      // Batches left by a worker out of memory are scored here first, in order.
      workers.forEach((_, w) => {
        if (lost(w)) orphans.push(...held[w]!.splice(0));
      });
      const orphan = orphans.sort((x, y) => x - y).shift();
      if (orphan !== undefined) {
        await scoreHere(orphan);
        continue;
      }
      // Nothing to write yet: rather than wait, the main thread scores the next batch no worker
      // has (when it shares the work, or when every worker is lost).
      const noneLeft = workers.every((_, w) => lost(w));
      if ((share || noneLeft) && sent < batches && sent < next + window) {
        sent += 1;
        await scoreHere(sent - 1);
        continue;
      }
      await new Promise<void>((resolve) => {
        pool.wake = resolve;
      });
      pool.wake = undefined;
    }
  } finally {
    await stopWorkers(pool);
  }
}

/** Scoring threads, and what went wrong with any of them. */
export interface Pool {
  workers: Worker[];
  /** Workers that have loaded the run and take batches. */
  ready: Set<Worker>;
  /** Workers that ran out of memory: their batches are scored in the main thread. */
  outOfMemory: Set<Worker>;
  /** What stops the run: a worker's error (other than memory), one that stopped, or a bug a worker
   *  reported (in its set-up or in a batch). */
  failure?: Error;
  /** Called when something happens to a worker (reportInWorkers waits on it). */
  wake?: () => void;
  closing: boolean;
}

/**
 * Starts `threads` scoring threads for a run. They load and score the run's first file (which
 * warms them up); reportInWorkers gives them work and stops them. What befalls them is kept in
 * the pool from their start.
 */
export function startWorkers(setup: WorkerSetup, threads: number, heapMb = WORKER_HEAP_MB): Pool {
  const pool: Pool = { workers: [], ready: new Set(), outOfMemory: new Set(), closing: false };
  for (let w = 0; w < threads; w += 1) {
    const worker = new Worker(join(packageRoot(), 'dist', 'worker.cjs'), {
      workerData: setup,
      // A small young generation: the default one takes about 30 MB more for each worker.
      resourceLimits: { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: heapMb },
    });
    worker.on('message', (reply: WorkerReply) => {
      if ('ready' in reply) pool.ready.add(worker);
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') pool.outOfMemory.add(worker);
      else pool.failure ??= error;
      pool.wake?.();
    });
    worker.on('exit', (code) => {
      if (!pool.closing && !pool.outOfMemory.has(worker)) {
        pool.failure ??= new Error(`a scoring thread stopped (exit code ${code})`);
      }
      pool.wake?.();
    });
    pool.workers.push(worker);
  }
  return pool;
}

async function stopWorkers(pool: Pool): Promise<void> {
  pool.closing = true;
  await Promise.all(pool.workers.map((worker) => worker.terminate()));
}
