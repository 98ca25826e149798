import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyEnd } from '../../src/answers/fast-yaml.js';

// The fast path finds a line's key by hand; it must end it exactly where the pattern it replaced
// would, at any position of any line.
const PATTERN = /([A-Za-z0-9_$][A-Za-z0-9_$./-]*):(?:[ ]|$)/y;

function byPattern(line: string, from: number): number {
  PATTERN.lastIndex = from;
  const match = PATTERN.exec(line);
  return match ? from + match[1]!.length : -1;
}

describe('keyEnd', () => {
  it('ends a key where the pattern does', () => {
    const chars = fc.constantFrom(...'aZ09_$./-: #\t"é'.split(''));
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 12 }), fc.nat(4), (parts, at) => {
        const line = parts.join('');
        const from = Math.min(at, line.length);
        expect(keyEnd(line, from)).toBe(byPattern(line, from));
      }),
      { numRuns: 5000 },
    );
  });

  it('reads the keys answers files are made of', () => {
    expect(keyEnd('answers:', 0)).toBe(7);
    expect(keyEnd('  coe-1.a/b: 3', 2)).toBe(11);
    expect(keyEnd('a:b', 0)).toBe(-1);
    expect(keyEnd('-a: 1', 0)).toBe(-1);
    expect(keyEnd('$x: 1', 0)).toBe(2);
    expect(keyEnd('', 0)).toBe(-1);
  });
});
