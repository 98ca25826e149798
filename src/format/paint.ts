/** Text styles reporters use; each returns its input unchanged when colour is off. */
export interface Paint {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}

// SGR codes and the codes that end them (bold and dim share one).
const STYLES: Record<keyof Paint, [number, number]> = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  cyan: [36, 39],
};

const plain = (text: string) => text;

/**
 * Styles for a reporter. Reporters never look at the terminal: the CLI decides colour the way
 * chalk does (--no-color, FORCE_COLOR, NO_COLOR, a TTY) and passes the answer in. Six ANSI styles
 * do not need chalk, and not loading it keeps start-up short.
 */
export function paint(color: boolean): Paint {
  const styles = {} as Paint;
  for (const [name, [open, close]] of Object.entries(STYLES) as [keyof Paint, [number, number]][]) {
    styles[name] = color
      ? (text) => (text === '' ? text : `\x1b[${open}m${text}\x1b[${close}m`)
      : plain;
  }
  return styles;
}
