/**
 * Results of wrap and shorten by text, then by width and indent. A batch's reports wrap the same
 * rubric texts (moves, benchmark statements, question texts) for every file: wrapping them anew
 * was a fifth of what rendering text allocated. Only short texts are kept, and no more than a
 * bound of them (texts made per file, such as notes, take places too).
 */
const laidOut = new Map<string, Map<string, string>>();
const MAX_TEXTS = 2_000;
/** Longer texts (a note may run to megabytes) are laid out anew each time, not kept. */
const MAX_TEXT_LENGTH = 400;

function remembered(text: string, how: string, make: () => string): string {
  if (text.length > MAX_TEXT_LENGTH) return make();
  let byHow = laidOut.get(text);
  let done = byHow?.get(how);
  if (done !== undefined) return done;
  done = make();
  if (byHow === undefined && laidOut.size < MAX_TEXTS) {
    byHow = new Map();
    laidOut.set(text, byHow);
  }
  byHow?.set(how, done);
  return done;
}

/** Wraps text to `width` columns; continuation lines get `indent`. Words longer than a line stay whole. */
export function wrap(text: string, width: number, indent = ''): string {
  return remembered(text, `w${width}:${indent}`, () => wrapAnew(text, width, indent));
}

function wrapAnew(text: string, width: number, indent: string): string {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const prefix = lines.length === 0 ? '' : indent;
    if (line && prefix.length + line.length + 1 + word.length > width) {
      lines.push(prefix + line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line || lines.length === 0) lines.push((lines.length === 0 ? '' : indent) + line);
  return lines.join('\n');
}

/** Cuts text (made one line) to `width` characters with an ellipsis. */
export function shorten(text: string, width: number): string {
  return remembered(text, `s${width}`, () => shortenAnew(text, width));
}

function shortenAnew(text: string, width: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= width ? flat : `${flat.slice(0, Math.max(0, width - 1)).trimEnd()}…`;
}

/** Columns a string takes in a terminal: its code points (no escape codes: wrap before painting). */
export function textWidth(text: string): number {
  let width = 0;
  for (const _ of text) width += 1;
  return width;
}

/**
 * Lays text out in lines of at most `width` columns: the first line starts with `first`, the
 * others with `rest` (a hanging indent). Spaces between words stay as they are within a line and
 * go at a break; unlike `wrap`, a word longer than a line is cut, so no line is ever wider than
 * `width`, and no line starts with a space that `rest` did not put there.
 */
export function wrapLines(
  text: string,
  width: number,
  options: { first?: string; rest?: string } = {},
): string[] {
  const first = options.first ?? '';
  const rest = options.rest ?? '';
  const lines: string[] = [];
  let line = first;
  let empty = true;
  const room = () => width - textWidth(line);
  const newLine = () => {
    lines.push(line.trimEnd());
    line = rest;
    empty = true;
  };
  // Words and the spaces before them; line breaks and tabs count as one space.
  for (const [, before = '', found] of text.trim().matchAll(/(\s*)(\S+)/g)) {
    let word = found!;
    const space = /^ +$/.test(before) ? before : ' ';
    if (!empty && textWidth(space) + textWidth(word) > room()) newLine();
    if (!empty) line += space;
    // A word longer than a whole line is cut where the line ends.
    while (textWidth(word) > room() && room() > 0) {
      const fits = [...word].slice(0, room()).join('');
      line += fits;
      word = word.slice(fits.length);
      newLine();
    }
    line += word;
    empty = false;
  }
  if (!empty || lines.length === 0) lines.push(line.trimEnd());
  return lines;
}
