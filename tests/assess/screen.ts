import { PassThrough, Writable } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';
import { expect } from 'vitest';
import type { SelectConfig } from '../../src/assess/interview.js';
import { keyedSelect } from '../../src/assess/keyed-select.js';
import { textWidth } from '../../src/format/wrap.js';

/**
 * Shows a select prompt in a simulated terminal `columns` wide (what @inquirer/testing cannot do:
 * its screen is always 80 columns, and inquirer breaks longer lines itself). Returns the screen
 * as lines, a way to press keys, and the answer.
 */
export async function showPrompt<Value>(config: SelectConfig<Value>, columns: number) {
  const input = new PassThrough();
  const frames: string[] = [];
  const output = Object.assign(
    new Writable({
      write(chunk: Buffer | string, _encoding, callback) {
        const text = stripVTControlCharacters(chunk.toString());
        if (text.trim() !== '') frames.push(text);
        callback();
      },
    }),
    { columns },
  );
  const answer = keyedSelect(config, { input, output });
  await Promise.resolve();
  await Promise.resolve();
  return {
    answer,
    /** The last frame drawn, line by line, without trailing spaces. */
    screen: () => (frames.at(-1) ?? '').split('\n').map((line) => line.trimEnd()),
    press(name: string) {
      input.emit('keypress', null, { name });
    },
  };
}

/** Every line fits in `width` columns and none starts with a single stray space. */
export function expectFits(lines: readonly string[], width: number): void {
  for (const line of lines) {
    expect(textWidth(line), `wider than ${width}: "${line}"`).toBeLessThanOrEqual(width);
    expect(line, 'a stray leading space').not.toMatch(/^ \S/);
  }
}
