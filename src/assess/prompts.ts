// With keyed-select.ts (our select, on inquirer's core), the only code that imports inquirer. The
// CLI loads it with `await import()` once it knows it will ask something, so no other command pays
// for it. `@inquirer/input` on its own, not `@inquirer/prompts`, whose bundle drags in an editor
// prompt and encoding libraries (about 790 KB against about 94 KB).
import input from '@inquirer/input';
import type { Io } from '../io.js';
import type { InputConfig, PromptTheme, Prompts, SelectConfig } from './interview.js';
import { keyedSelect } from './keyed-select.js';

const plain = (text: string) => text;

/** Inquirer's styles without colour, for --no-color (NO_COLOR and FORCE_COLOR it honours itself). */
const PLAIN_THEME = {
  prefix: { idle: '?', done: '✔' },
  style: {
    answer: plain,
    message: plain,
    error: (text: string) => `> ${text}`,
    defaultAnswer: (text: string) => `(${text})`,
    help: plain,
    highlight: plain,
    key: (text: string) => `<${text}>`,
    description: plain,
    disabled: (text: string) => `- ${text}`,
  },
};

/**
 * The keyed select and inquirer's `input`, reading and writing the CLI's streams. Each prompt is
 * erased once answered (inquirer's `clearPromptOnDone`): the interview prints the lines that stay.
 */
export function terminalPrompts(io: Io, options: { color: boolean }): Prompts {
  const context = {
    input: io.stdin,
    // Io.stdout is typed as little as the CLI needs; in a terminal it is process.stdout.
    output: io.stdout as unknown as NodeJS.WritableStream,
    clearPromptOnDone: true,
  };
  const theme = (own: PromptTheme | undefined) =>
    options.color
      ? own
      : { ...PLAIN_THEME, ...own, style: { ...PLAIN_THEME.style, ...own?.style } };
  return {
    select: <Value>(config: SelectConfig<Value>) =>
      keyedSelect<Value>({ ...config, theme: theme(config.theme) }, context),
    input: (config: InputConfig) => input({ ...config, theme: theme(config.theme) }, context),
    print: (text: string) => {
      io.stdout.write(`${text}\n`);
    },
  };
}
