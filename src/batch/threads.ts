import { availableParallelism } from 'node:os';

/**
 * What a worker thread costs before it pays: it compiles and optimises the scoring code anew (the
 * main thread already has), about half a second of processor time on these 2-core machines, taken
 * from the same cores the scoring needs. Measured (20,000 files): a batch the main thread scores
 * in under about 3 s runs slower with workers (csv 1.85 s alone, 1.98 s with two), a longer one
 * faster (json 3.7 s alone, 3.4 s with two; 100,000 files as csv 8.2 s alone, 6.7 s with two).
 * With more cores, each worker has more to gain and this is divided among them.
 */
export const WORKERS_PAY_AFTER_MS = 3_000;

/** How long the main thread scores before it judges how much work is left (and its rate then). */
export const PROBE_MS = { from: 100, to: 300 };

/** Worker threads the machine can give: one per core up to 8, none on a single core. */
export function coreThreads(): number {
  const cores = availableParallelism();
  return cores > 1 ? Math.min(cores, 8) : 0;
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
 * Whether starting `threads` workers for the `left` files still to score pays, at the `msPerFile`
 * the main thread scores them at now (warmed up): when they would keep it busy longer than a
 * worker's start costs (WORKERS_PAY_AFTER_MS, divided among the workers beyond the first).
 */
export function workersPay(left: number, msPerFile: number, threads: number): boolean {
  if (threads < 2) return false;
  return left * msPerFile >= WORKERS_PAY_AFTER_MS / (threads - 1);
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
