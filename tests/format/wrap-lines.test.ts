import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textWidth, wrapLines } from '../../src/format/wrap.js';

describe('wrapLines', () => {
  it('wraps at word boundaries with a hanging indent and no line wider than the width', () => {
    const text =
      'How systematically does the organization monitor social conversations about its brand, products and competitors?';
    expect(wrapLines(text, 40, { first: '  ', rest: '  ' })).toEqual([
      '  How systematically does the',
      '  organization monitor social',
      '  conversations about its brand,',
      '  products and competitors?',
    ]);
    expect(wrapLines('Listen to customers', 20, { first: '  Tenet: ', rest: '         ' })).toEqual(
      ['  Tenet: Listen to', '         customers'],
    );
  });

  it('fills a line to exactly the width, and the next starts with the next word', () => {
    expect(wrapLines('aaaa bbbb cccc', 9)).toEqual(['aaaa bbbb', 'cccc']);
    expect(wrapLines('aaaa bbbb cccc', 8)).toEqual(['aaaa', 'bbbb', 'cccc']);
  });

  it('keeps the spaces inside a line and drops them at a break', () => {
    expect(wrapLines('Fully  (saved answer)', 80, { first: '❯ 2  ' })).toEqual([
      '❯ 2  Fully  (saved answer)',
    ]);
    expect(wrapLines('one\ntwo\tthree', 80)).toEqual(['one two three']);
    expect(wrapLines('Fully  (saved answer)', 12)).toEqual(['Fully', '(saved', 'answer)']);
  });

  it('cuts a word longer than a line instead of letting it run over', () => {
    expect(wrapLines('abcdefghijkl xy', 6, { first: '? ', rest: '  ' })).toEqual([
      '? abcd',
      '  efgh',
      '  ijkl',
      '  xy',
    ]);
  });

  it('gives one line, the prefix alone, for empty text', () => {
    expect(wrapLines('', 20, { first: 'Note: ' })).toEqual(['Note:']);
    expect(wrapLines('   ', 20)).toEqual(['']);
  });

  it('counts characters beyond the basic plane as one column', () => {
    expect(textWidth('✔ 1/53 →')).toBe(8);
    expect(textWidth('𝒜')).toBe(1);
  });

  it('never makes a line wider than the width, nor one that starts with a stray space', () => {
    const word = fc.stringMatching(/^[a-z…—·]{1,14}$/);
    fc.assert(
      fc.property(
        fc.array(word, { maxLength: 40 }),
        fc.array(fc.constantFrom(' ', '  ', '\n'), { maxLength: 40 }),
        fc.integer({ min: 8, max: 120 }),
        fc.constantFrom('', '  ', '    '),
        (words, spaces, width, indent) => {
          const text = words.map((w, i) => w + (spaces[i] ?? ' ')).join('');
          const lines = wrapLines(text, width, { first: indent, rest: indent });
          for (const line of lines) {
            expect(textWidth(line)).toBeLessThanOrEqual(width);
            if (line !== '') expect(line.slice(indent.length)).not.toMatch(/^\s/);
          }
          // Nothing is lost but the spaces.
          expect(lines.join('').replace(/\s/g, '')).toBe(words.join(''));
        },
      ),
    );
  });
});
