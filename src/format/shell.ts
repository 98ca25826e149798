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
