import type { Output } from '../io.js';
import { openAtomicFile } from './atomic-write.js';

/** Where a report goes: stdout, or a file written atomically once the report is complete. */
export interface Sink {
  write(chunk: string): void;
  /**
   * While the reader of standard output has not taken what was written (a slow pipe), a promise
   * that settles when it has; undefined otherwise. Writers await it before they make more, so
   * memory stays flat however slow the reader.
   */
  readonly blocked: Promise<void> | undefined;
  /** Flushes; for a file, moves the finished report into place. */
  close(): void;
  /** Drops a half-written file (the previous one, if any, stays as it was). */
  abort(): void;
}

const CHUNK = 64 * 1024;

/** Opens a sink that gathers small writes into larger ones (a report is thousands of pieces). */
export function openSink(stdout: Output, file?: { path: string; shown: string }): Sink {
  const target = file === undefined ? undefined : openAtomicFile(file.path, { shown: file.shown });
  let blocked: Promise<void> | undefined;
  const send = (data: string) => {
    if (target) {
      target.write(data);
      return;
    }
    // A stream says false when its buffer is full; its 'drain' says the reader caught up.
    if (stdout.write(data) === false && stdout.once && blocked === undefined) {
      blocked = new Promise((resolve) => {
        stdout.once!('drain', () => {
          blocked = undefined;
          resolve();
        });
      });
    }
  };
  let buffer = '';
  return {
    write(chunk) {
      buffer += chunk;
      if (buffer.length >= CHUNK) {
        send(buffer);
        buffer = '';
      }
    },
    get blocked() {
      return blocked;
    },
    close() {
      if (buffer) send(buffer);
      buffer = '';
      target?.commit();
    },
    abort() {
      buffer = '';
      target?.abort();
    },
  };
}
