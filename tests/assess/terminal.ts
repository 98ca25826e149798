import { PassThrough, Writable } from 'node:stream';
import { main } from '../../src/main.js';
import { FIXED_NOW, type CliResult } from '../helpers/run-cli.js';

/** Enter, as a terminal in raw mode sends it. */
export const ENTER = '\r';
/** Ctrl-C, as a terminal in raw mode sends it. */
export const CTRL_C = '\x03';

/**
 * A stream that collects what is written to it. Like process.stdout, it is never ended: inquirer
 * pipes each prompt into it and ends the pipe when the prompt is done.
 */
function collector(isTTY: boolean) {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      text += chunk.toString();
      stream.emit('text');
      callback();
    },
  });
  stream.end = () => stream;
  return Object.assign(stream, { isTTY, columns: 100, text: () => text });
}

/** What to type once `waitFor` is on screen; a function runs first (to change a file, say). */
export type Key = [waitFor: string, type: string | (() => string)];

/**
 * Runs the CLI in-process with stdin posing as a terminal. `keys` are typed one batch at a time,
 * each once its prompt text is on screen, so the run never waits on input it will not get.
 */
export async function runInTerminal(
  args: string[],
  cwd: string,
  keys: Key[] = [],
): Promise<CliResult> {
  const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => stdin });
  const stdout = collector(true);
  const stderr = collector(false);
  const queue = [...keys];
  let seen = 0;
  stdout.on('text', () => {
    const next = queue[0];
    if (!next) return;
    const at = stdout.text().indexOf(next[0], seen);
    if (at === -1) return;
    seen = at + next[0].length;
    queue.shift();
    setTimeout(() => stdin.write(typeof next[1] === 'string' ? next[1] : next[1]()), 5);
  });
  const code = await main({
    argv: args,
    stdout,
    stderr,
    stdin,
    env: { NO_COLOR: '1' },
    cwd,
    now: () => FIXED_NOW,
  });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}
