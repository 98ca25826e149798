import type { Output } from '../io.js';
import { openAtomicFile } from './atomic-write.js';

/** Where a report goes: stdout, or a file written atomically once the report is complete. */
export interface Sink {
  write(chunk: string): void;
  /** Flushes; for a file, moves the finished report into place. */
  close(): void;
  /** Drops a half-written file (the previous one, if any, stays as it was). */
  abort(): void;
}

const CHUNK = 64 * 1024;

/** Opens a sink that gathers small writes into larger ones (a report is thousands of pieces). */
export function openSink(stdout: Output, file?: { path: string; shown: string }): Sink {
  const target = file === undefined ? undefined : openAtomicFile(file.path, { shown: file.shown });
  const send = (data: string) => (target ? target.write(data) : stdout.write(data));
  let buffer = '';
  return {
    write(chunk) {
      buffer += chunk;
      if (buffer.length >= CHUNK) {
        send(buffer);
        buffer = '';
      }
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
