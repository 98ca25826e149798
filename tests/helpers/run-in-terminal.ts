import { PassThrough, Writable } from 'node:stream';
import { main } from '../../src/main.js';
import { FIXED_NOW } from './run-cli.js';

/**
 * A stream that collects what is written to it. Like process.stdout, it is never ended: inquirer
 * pipes each prompt into it and ends the pipe when the prompt is done.
 */
function collector(isTTY: boolean, columns: number) {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      text += chunk.toString();
      stream.emit('text');
      callback();
    },
  });
  stream.end = () => stream;
  return Object.assign(stream, { isTTY, columns, text: () => text });
}

/**
 * Runs the CLI in-process with stdin posing as a terminal of `columns` columns (default 100).
 * `keys` are typed one batch at a time, each once its prompt text is on screen, so the run never
 * waits on input it will not get.
 */
export async function runInTerminal(
  args: string[],
  cwd: string,
  keys: [waitFor: string, type: string][] = [],
  options: { columns?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdin = Object.assign(new PassThrough(), {
    isTTY: true,
    setRawMode: () => stdin,
  });
  const stdout = collector(true, options.columns ?? 100);
  const stderr = collector(false, options.columns ?? 100);
  const queue = [...keys];
  let seen = 0;
  stdout.on('text', () => {
    const next = queue[0];
    if (!next) return;
    const at = stdout.text().indexOf(next[0], seen);
    if (at === -1) return;
    seen = at + next[0].length;
    queue.shift();
    setTimeout(() => stdin.write(next[1]), 5);
  });
  const code = await main({
    argv: args,
    stdout,
    stderr,
    stdin,
    env: options.env ?? { NO_COLOR: '1' },
    cwd,
    now: () => FIXED_NOW,
  });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}
