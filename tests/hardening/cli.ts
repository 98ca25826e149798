import { execFile } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { BIN, cliEnv, ROOT, type CliResult } from '../helpers/run-cli.js';

let running = 0;
const waiting: (() => void)[] = [];
const slots = Math.max(2, availableParallelism());

/** Runs the built CLI as a child process (like runCli, but asynchronous so that runs overlap). */
export async function runCliAsync(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<CliResult> {
  if (running >= slots) await new Promise<void>((resolve) => waiting.push(resolve));
  running += 1;
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
          resolve({ code, stdout, stderr });
        },
      );
      child.stdin?.end();
    });
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
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
