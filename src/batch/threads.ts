import { availableParallelism } from 'node:os';

/**
 * What a worker thread costs before it pays: it compiles and optimises the scoring code anew (the
 * main thread already has), about half a second of processor time on these 2-core machines, runs
 * slowly until then, and slows the main thread down while both run (two busy cores share caches:
 * on these machines two threads do about 1.4 times the work of one). The main thread scores beside
 * its workers. Measured with one worker (csv), in a slow hour: 5,000 files 0.95 s alone and 1.12 s
 * with it, 10,000 files 1.40 s and 1.36 s, 20,000 files 2.66 s and 2.22 s; in a faster one, 10,000
 * files 1.43 s alone and 1.67 s with a worker started after the probe, 20,000 files 1.81 s and
 * 1.97 s. So one worker pays once the work left would keep the main thread busy for about this long
 * (on a slow hour, a batch of 20,000 csv files is then scored alone, a little slower than it could
 * be). With more cores, the workers start side by side and take a larger share of the work, so less
 * work pays (see workersPay); that part is reasoned, not measured, as only 2-core machines were at
 * hand.
 */
export const WORKERS_PAY_AFTER_MS = 2_500;

/** Files from which a batch is large: its heaps are kept near their live size (see heap.ts). */
export const LARGE_BATCH = 1_000;

/** How long the main thread scores before it judges how much work is left (and its rate then). */
export const PROBE_MS = { from: 100, to: 300 };

/** Worker threads the machine can give beside the main thread (which scores too): one per core
 *  after the first, up to 7; none on a single core. */
export function coreThreads(): number {
  return Math.min(availableParallelism() - 1, 7);
}

/**
 * How many worker threads `MATURITY_THREADS` asks for (0 to score in the main thread), or
 * undefined when it asks nothing and the batch decides (see workersPay). Kept apart from pool.ts
 * so that deciding costs nothing: the pool (and `node:worker_threads`) is loaded only when used.
 */
export function askedThreads(env: NodeJS.ProcessEnv): number | undefined {
  const asked = env.MATURITY_THREADS;
  return asked !== undefined && /^\d+$/.test(asked) ? Math.min(Number(asked), 16) : undefined;
}

/** The heap of each worker in MB that `MATURITY_WORKER_HEAP_MB` asks for (see pool.ts), if any. */
export function askedHeap(env: NodeJS.ProcessEnv): number | undefined {
  const asked = env.MATURITY_WORKER_HEAP_MB;
  return asked !== undefined && /^\d+$/.test(asked) && Number(asked) > 0
    ? Number(asked)
    : undefined;
}

/**
 * Whether starting `threads` workers beside the main thread for the `left` files still to score
 * pays, at the `msPerFile` the main thread scores them at now (warmed up): when that work would
 * keep it busy at least WORKERS_PAY_AFTER_MS with one worker. With `threads` of them, the share
 * they take grows from a half to threads / (threads + 1), and so the work needed shrinks.
 */
export function workersPay(left: number, msPerFile: number, threads: number): boolean {
  if (threads < 1) return false;
  return left * msPerFile >= (WORKERS_PAY_AFTER_MS * (threads + 1)) / (2 * threads);
}

/**
 * Watches the main thread score a batch and says, once, whether to go on here or in workers:
 * `after(done, work)` is told how many files are done and how long scoring them took in all (ms),
 * every few files, and answers 'workers' or 'here' once PROBE_MS has passed (undefined before).
 * Workers pay when the scoring left is long (workersPay) and it is what holds the batch back: not
 * when the files wait on a slow reader of the output (a pipe), which more threads cannot hurry.
 * `now` is the clock (performance.now).
 */
export class Probe {
  private readonly start: number;
  private mark: { time: number; files: number; work: number } | undefined;

  constructor(
    private readonly total: number,
    private readonly threads: number,
    private readonly now: () => number,
  ) {
    this.start = now();
  }

  after(done: number, work: number): 'workers' | 'here' | undefined {
    const now = this.now();
    if (!this.mark) {
      if (now - this.start >= PROBE_MS.from) this.mark = { time: now, files: done, work };
      return undefined;
    }
    if (now - this.start < PROBE_MS.to || done === this.mark.files) return undefined;
    const files = done - this.mark.files;
    const scoring = (work - this.mark.work) / files;
    const throughput = (now - this.mark.time) / files;
    const scoringBound = throughput <= scoring * OUTPUT_BOUND;
    return scoringBound && workersPay(this.total - done, scoring, this.threads)
      ? 'workers'
      : 'here';
  }
}

/** A batch whose files take more than this many times their scoring time waits on its output. */
const OUTPUT_BOUND = 1.5;
