import { runMain, type Keys } from './run-main.js';

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
