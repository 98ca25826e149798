import { Readable } from 'node:stream';
import { main } from '../../src/main.js';
import { FIXED_NOW, ROOT, type CliResult } from './run-cli.js';

export interface MainOptions {
  /** The working folder (default: the repository root). */
  cwd?: string;
  /** Environment variables; NO_COLOR=1 is set unless `env` sets colour itself. */
  env?: NodeJS.ProcessEnv;
  /** What standard input holds (not a terminal). */
  input?: string;
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
  let stdout = '';
  let stderr = '';
  const env: NodeJS.ProcessEnv = { ...options.env };
  if (env.FORCE_COLOR === undefined && env.NO_COLOR === undefined) env.NO_COLOR = '1';
  const code = await main({
    argv,
    stdout: {
      write: (chunk: string) => (stdout += chunk),
      isTTY: options.stdoutIsTTY ?? false,
      ...(options.columns !== undefined && { columns: options.columns }),
    },
    stderr: { write: (chunk: string) => (stderr += chunk), isTTY: options.stderrIsTTY ?? false },
    stdin: Readable.from(options.input === undefined ? [] : [options.input]),
    env,
    cwd: options.cwd ?? ROOT,
    now: options.now ?? (() => FIXED_NOW),
  });
  return { code, stdout, stderr };
}
