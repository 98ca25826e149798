import { runMain, type Keys } from './run-main.js';

/** The keys a terminal sends for Enter and Ctrl-C. */
export const ENTER = '\r';
export const CTRL_C = '\x03';

/** Enter at each metadata prompt of the interview (who answers, and the target), keeping what is there. */
export const SKIP_METADATA: readonly Keys[] = [
  'Organization:',
  'Unit',
  'Respondent',
  'Role:',
  'Target stage',
].map((label) => [label, ENTER]);

/**
 * Runs the CLI in-process with stdin posing as a terminal of `columns` columns (default 100),
 * typing `keys` one batch at a time, each once its prompt text is on screen (see runMain).
 */
export function runInTerminal(
  args: string[],
  cwd: string,
  keys: Keys[] = [],
  options: { columns?: number; env?: NodeJS.ProcessEnv } = {},
) {
  return runMain(args, {
    cwd,
    keys,
    columns: options.columns ?? 100,
    ...(options.env !== undefined && { env: options.env }),
  });
}
