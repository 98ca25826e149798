/**
 * Compares strings by Unicode code point, the order SPEC §8 gives groups and members in: the same
 * on every machine and locale. (`<` compares UTF-16 code units, which puts characters beyond
 * U+FFFF before U+E000–U+FFFF.)
 */
export function codePointOrder(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(j)!;
    if (x !== y) return x < y ? -1 : 1;
    i += x > 0xffff ? 2 : 1;
    j += y > 0xffff ? 2 : 1;
  }
  return a.length - i === b.length - j ? 0 : i >= a.length ? -1 : 1;
}
