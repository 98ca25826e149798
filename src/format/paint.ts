/** Text styles reporters and the interview use; each returns its input unchanged when colour is off. */
export interface Paint {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}

const same = (text: string) => text;

/** The styles without colour. */
export const PLAIN: Paint = {
  bold: same,
  dim: same,
  red: same,
  green: same,
  yellow: same,
  cyan: same,
};

/**
 * The styles for `color`: chalk's when colour is on, loaded only then, so that piped and CI runs
 * never load it. The CLI decides colour (--no-color, FORCE_COLOR, NO_COLOR, a TTY; see `wantsColor`)
 * and chalk paints with the 16 basic colours whatever the terminal claims, so a report is the same
 * bytes on every terminal.
 */
export async function loadPaint(color: boolean): Promise<Paint> {
  if (!color) return PLAIN;
  const { Chalk } = await import('chalk');
  const chalk = new Chalk({ level: 1 });
  return {
    bold: (text) => chalk.bold(text),
    dim: (text) => chalk.dim(text),
    red: (text) => chalk.red(text),
    green: (text) => chalk.green(text),
    yellow: (text) => chalk.yellow(text),
    cyan: (text) => chalk.cyan(text),
  };
}

/** Options for whatever paints (reporters, the interview): the colour flag and its styles. */
export async function colorOptions(color: boolean): Promise<{ color: boolean; paint: Paint }> {
  return { color, paint: await loadPaint(color) };
}
