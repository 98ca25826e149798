/** A command line to show the user, each word as a POSIX shell reads it back (quoted when needed). */
export function shellCommand(...words: string[]): string {
  return words.map(shellWord).join(' ');
}

/** A word bare when it is safe, else single-quoted. */
function shellWord(word: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

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
