import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 may let a heap grow past what is live after each full collection, in a large batch:
 * 50% (its own rule allows up to four times that when a program allocates fast, as scoring does).
 * A batch keeps little alive (a path and a summary row per file), yet 100,000 files as text piped
 * into a slow reader peaked at 250 to 269 MB, with a main heap of 180 MB that held 42 MB; with
 * this, 180 to 191 MB, at a cost lost in the noise of these machines for a batch that streams
 * (20,000 files as csv or json: a full collection marks only what lives, and little does).
 */
const HEAP_GROWING_PERCENT = 50;

/**
 * Keeps the process's heaps near their live size until the function it returns is called: a V8
 * flag, read at each full collection, and so the process's, not the run's; the call sets it back
 * to V8's default (0: its own rule), so that nothing outlives the run. Loaded (with node:v8) only
 * for a large batch.
 */
export function keepHeapsNearLive(): () => void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  return () => setFlagsFromString('--heap-growing-percent=0');
}
