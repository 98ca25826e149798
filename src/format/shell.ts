/** A command line to show the user, each word as a POSIX shell reads it back (quoted when needed). */
export function shellCommand(...words: string[]): string {
  return words.map(shellWord).join(' ');
}

/**
 * A word bare when it is safe, else single-quoted; a word holding control characters (a file name
 * with an escape sequence in it) in dollar-single quotes (POSIX.1-2024, bash, zsh, ksh), with every
 * such character as an escape, so that the command shown never drives the terminal.
 */
function shellWord(word: string): string {
  if (/^[A-Za-z0-9_./:@%+=,-]+$/.test(word)) return word;
  // eslint-disable-next-line no-control-regex -- control characters are what is looked for
  if (!/[\x00-\x1f\x7f-\x9f\u2028\u2029]/.test(word)) return `'${word.replace(/'/g, `'\\''`)}'`;
  let quoted = '';
  for (const char of word) {
    if (char === '\\' || char === "'") quoted += `\\${char}`;
    else if (NAMED.has(char)) quoted += NAMED.get(char);
    // eslint-disable-next-line no-control-regex -- control characters are what is escaped
    else if (/[\x00-\x1f\x7f-\x9f\u2028\u2029]/.test(char)) {
      for (const byte of Buffer.from(char, 'utf8'))
        quoted += `\\x${byte.toString(16).padStart(2, '0')}`;
    } else quoted += char;
  }
  return `$'${quoted}'`;
}

const NAMED = new Map([
  ['\n', '\\n'],
  ['\t', '\\t'],
  ['\r', '\\r'],
  ['\x1b', '\\e'],
]);

/** A file argument that cannot be taken for an option: `-team.yaml` becomes `./-team.yaml`. */
export function fileArgument(path: string): string {
  return path.startsWith('-') ? `./${path}` : path;
}

/**
 * The words that start this program the way the user started it: `npx maturity` when npm ran it
 * (`npx`, `npm exec`, or a package script, where `maturity` is not on the shell's PATH), else
 * `maturity`. Reads the variables npm sets for the commands it runs.
 */
export function programWords(env: Readonly<Record<string, string | undefined>>): string[] {
  const viaNpm = env.npm_command === 'exec' || Boolean(env.npm_lifecycle_event);
  return viaNpm ? ['npx', 'maturity'] : ['maturity'];
}
