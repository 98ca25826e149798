import { execFile } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { Readable } from 'node:stream';
import { main } from '../../src/main.js';
import { BIN, cliEnv, FIXED_NOW, ROOT, type CliResult } from '../helpers/run-cli.js';

let running = 0;
const waiting: (() => void)[] = [];
const slots = Math.max(2, availableParallelism());

/** Runs the built CLI as a child process (like runCli, but asynchronous so that runs overlap). */
export async function runCliAsync(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<CliResult & { ms: number }> {
  if (running >= slots) await new Promise<void>((resolve) => waiting.push(resolve));
  running += 1;
  const started = performance.now();
  try {
    return await new Promise((resolve) => {
      const child = execFile(
        process.execPath,
        [BIN, ...args],
        {
          cwd: options.cwd ?? ROOT,
          env: cliEnv(options.env),
          encoding: 'utf8',
          timeout: 60_000,
          maxBuffer: 64 * 1024 * 1024,
        },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
          resolve({ code, stdout, stderr, ms: performance.now() - started });
        },
      );
      child.stdin?.end();
    });
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

/** Runs `main` in this process with captured output: the CLI without the cost of a process. */
export async function runMain(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await main({
    argv,
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    stdin: Readable.from([]),
    env: { NO_COLOR: '1', ...env },
    cwd: ROOT,
    now: () => FIXED_NOW,
  });
  return { code, stdout, stderr };
}

/** The first line of stderr split into the file, line, column and message it names. */
export function firstProblem(stderr: string): {
  file: string;
  line?: number;
  column?: number;
  message: string;
} {
  const first = stderr.split('\n')[0] ?? '';
  const positioned = /^(.*?):(\d+):(\d+): (.*)$/.exec(first);
  if (positioned) {
    return {
      file: positioned[1]!,
      line: Number(positioned[2]),
      column: Number(positioned[3]),
      message: positioned[4]!,
    };
  }
  const plain = /^(.*?): (.*)$/.exec(first);
  return { file: plain?.[1] ?? '', message: plain?.[2] ?? first };
}
