import { availableParallelism } from 'node:os';

/** Below this many files, starting workers costs more than they save (about 40 ms each). */
export const PARALLEL_MIN_FILES = 400;

/**
 * How many worker threads to score `count` files with: none for a small batch; else one per core
 * (`MATURITY_THREADS` overrides it, 0 to score in the main thread). Kept apart from pool.ts so that
 * deciding costs nothing: the pool (and `node:worker_threads`) is loaded only when it is used.
 */
export function threadCount(count: number, env: NodeJS.ProcessEnv): number {
  const asked = env.MATURITY_THREADS;
  if (asked !== undefined && /^\d+$/.test(asked)) return Math.min(Number(asked), 16);
  if (count < PARALLEL_MIN_FILES) return 0;
  const cores = availableParallelism();
  return cores > 1 ? Math.min(cores, 8) : 0;
}
