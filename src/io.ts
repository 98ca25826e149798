/** A stream the CLI writes to; only what it needs of process.stdout. */
export interface Output {
  /** False when the stream's buffer is full: wait for 'drain' before writing more. */
  write(chunk: string): unknown;
  once?(event: 'drain', listener: () => void): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** Everything the CLI touches of its process, injected so tests can run it in-process. */
export interface Io {
  /** Arguments after the program name. */
  argv: string[];
  stdout: Output;
  stderr: Output;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** The clock: the date new answers are given on, and the pace of progress lines. */
  now(): Date;
}

/** Decides colour the way chalk does: --no-color, then FORCE_COLOR, then NO_COLOR, then a TTY. */
export function wantsColor(io: Io, flag: boolean | undefined, stream: Output = io.stdout): boolean {
  if (flag === false) return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return !['0', 'false'].includes(force);
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  return Boolean(stream.isTTY) && io.env.TERM !== 'dumb';
}
