/**
 * A copy of a text as one flat string of its own. V8 keeps a string cut from a longer one (a key,
 * a note or a name read from a file) as a view into that text, which keeps all of it alive, and a
 * string put together from pieces as a tree of them, which every use walks again. (A JSON round
 * trip is exact for any string.)
 */
export function ownText(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}
