import { PassThrough, Readable, Writable } from 'node:stream';
import { main } from '../../src/main.js';
import { FIXED_NOW, ROOT, type CliResult } from './run-cli.js';

/**
 * A batch of keys typed at the terminal once `waitFor` shows on stdout (after the last batch's);
 * a function runs at that moment (to change a file under the interview, say) and gives the keys.
 */
export type Keys = [waitFor: string, type: string | (() => string)];

export interface MainOptions {
  /** The working folder (default: the repository root). */
  cwd?: string;
  /** Environment variables; NO_COLOR=1 is set unless `env` sets colour itself. */
  env?: NodeJS.ProcessEnv;
  /** What standard input holds (not a terminal). */
  input?: string;
  /**
   * Standard input poses as a terminal (raw mode included) and these keys are typed, one batch at
   * a time, each once its text is on stdout, so the run never waits on input it will not get.
   * Every batch must be typed by the end of the run.
   */
  keys?: Keys[];
  /** Whether stdout poses as a terminal (for colour and layout decisions). */
  stdoutIsTTY?: boolean;
  /** Whether stderr poses as a terminal (progress lines). */
  stderrIsTTY?: boolean;
  columns?: number;
  /** The clock (default: a fixed moment). */
  now?: () => Date;
}

/**
 * Runs the CLI's `main` in this process with captured output: the same behaviour as the built bin
 * (argument parsing, exit codes, messages) without the cost of starting a process. What needs a
 * real process (signals, EPIPE, the bin itself) lives in tests/process/.
 */
export async function runMain(argv: string[], options: MainOptions = {}): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...options.env };
  if (env.FORCE_COLOR === undefined && env.NO_COLOR === undefined) env.NO_COLOR = '1';
  const terminal = options.keys === undefined ? undefined : inTerminal(options);
  let stdout = '';
  let stderr = '';
  const code = await main({
    argv,
    stdout: terminal?.stdout ?? {
      write: (chunk: string) => (stdout += chunk),
      isTTY: options.stdoutIsTTY ?? false,
      ...(options.columns !== undefined && { columns: options.columns }),
    },
    stderr: { write: (chunk: string) => (stderr += chunk), isTTY: options.stderrIsTTY ?? false },
    stdin: terminal?.stdin ?? Readable.from(options.input === undefined ? [] : [options.input]),
    env,
    cwd: options.cwd ?? ROOT,
    now: options.now ?? (() => FIXED_NOW),
  });
  if (terminal) {
    stdout = terminal.stdout.text();
    const left = terminal.keysLeft();
    if (left.length > 0) {
      throw new Error(
        `the run ended (exit ${code}) before these keys were typed: ${JSON.stringify(left)}\n` +
          `stdout:\n${stdout}\nstderr:\n${stderr}`,
      );
    }
  }
  return { code, stdout, stderr };
}

/** A terminal for the interview: stdin that types `keys` as their prompts show, stdout that collects. */
function inTerminal(options: MainOptions) {
  const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => stdin });
  let text = '';
  // Inquirer pipes each prompt into stdout and ends the pipe when the prompt is done; like
  // process.stdout, this stream is never ended.
  const writable = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      text += chunk.toString();
      typeWhatIsAsked();
      callback();
    },
  });
  writable.end = () => writable;
  const stdout = Object.assign(writable, {
    isTTY: options.stdoutIsTTY ?? true,
    columns: options.columns ?? 100,
    text: () => text,
  });
  const queue = [...(options.keys ?? [])];
  let seen = 0;
  function typeWhatIsAsked(): void {
    const next = queue[0];
    if (!next) return;
    const at = text.indexOf(next[0], seen);
    if (at === -1) return;
    seen = at + next[0].length;
    queue.shift();
    // The prompt has drawn itself but listens for keys only once this write returns: type on the
    // next turn of the event loop.
    setImmediate(() => stdin.write(typeof next[1] === 'string' ? next[1] : next[1]()));
  }
  return { stdin, stdout, keysLeft: () => queue.map(([waitFor]) => waitFor) };
}
