import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answersSchema } from '../../src/answers/schema.js';
import { checkAnswersShape } from '../../src/answers/shape.js';
import { ROOT } from '../helpers/run-cli.js';

/** The shipped JSON Schema, as an editor applies it: a third reader of the same format. */
const bySchemaFile = new Ajv2020({ strict: false }).compile(
  JSON.parse(readFileSync(join(ROOT, 'schema', 'answers.schema.json'), 'utf8')),
);

// The zod schema (which generates schema/answers.schema.json for editors) and the hand-written
// checker (which loads files, about ten times faster) are two definitions of one format: they must
// accept and refuse exactly the same documents.

const TEXT_KEYS = ['$schema', 'rubric', 'rubricVersion', 'organization', 'unit', 'respondent'];
const OTHER_KEYS = ['role'];

/** Dates, real and impossible, and date-times as people write them. */
const dates = fc.constantFrom(
  '2026-11-22',
  '2026-02-30',
  '2024-02-29',
  '2100-02-29',
  '2026-11-22T10:00:00Z',
  '2026-11-22T10:00',
  '2026-11-22T10:00Z',
  '2026-11-22T25:00',
  '2026-11-22T10:00:00.25+02:00',
  '22/11/2026',
  '2026-1-2',
);

/** Strings, some holding control characters, tabs, line breaks or other odd characters. */
const text = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('Acme', 'a\tb', 'line\nbreak', 'cr\rhere', 'bell\x07', 'esc\x1b[31m', '\x85', ''),
  fc.string({ unit: 'binary', maxLength: 6 }),
);

const scalar = fc.oneof(
  text,
  fc.integer({ min: -3, max: 6 }),
  fc.double({ noNaN: false }),
  fc.constant('n/a'),
  fc.constant(null),
  fc.boolean(),
);

/** Mostly what the format allows, now and then anything: both sides of the line get reached. */
function mostly<T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 12, arbitrary: valid }, { weight: 1, arbitrary: scalar });
}

const answerValue = fc.oneof(fc.integer({ min: 0, max: 4 }), fc.constant('n/a'), fc.constant(null));

const answerObject = fc.record(
  { value: mostly(answerValue), note: mostly(fc.oneof(text, fc.constant(null))), extra: scalar },
  { requiredKeys: [] },
);

const answer = fc.oneof(
  { weight: 6, arbitrary: mostly(answerValue) },
  { weight: 3, arbitrary: answerObject },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 2 }) },
);

const answers = mostly(
  fc.dictionary(fc.constantFrom('q1', 'q2', 'social-listening', 'x y', ''), answer, {
    maxKeys: 3,
  }),
);

const wellShaped = fc.record(
  {
    ...Object.fromEntries(
      [...TEXT_KEYS, ...OTHER_KEYS].map((key) => [key, mostly(fc.oneof(text, fc.constant(null)))]),
    ),
    assessedAt: mostly(fc.oneof(dates, text, fc.constant(null))),
    target: mostly(
      fc.oneof(text, fc.integer({ min: -2, max: 8 }), fc.constant(2.5), fc.constant(null)),
    ),
    answers,
  },
  { requiredKeys: ['answers'] },
);

const document = fc.oneof(
  { weight: 20, arbitrary: wellShaped },
  {
    weight: 2,
    arbitrary: fc.tuple(wellShaped, scalar).map(([doc, value]) => ({ ...doc, unknown: value })),
  },
  { weight: 1, arbitrary: scalar },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 2 }) },
);

describe('the answers format has one definition', () => {
  it('the zod schema and the loader accept exactly the same documents', () => {
    let accepted = 0;
    fc.assert(
      fc.property(document, (data) => {
        const byLoader = checkAnswersShape(data).problems.length === 0;
        const bySchema = answersSchema.safeParse(data).success;
        expect({ data, accepted: bySchema }).toEqual({ data, accepted: byLoader });
        // JSON has no undefined, NaN or Infinity: what the shipped file sees is the JSON of it.
        const json = JSON.stringify(data) as string | undefined;
        if (json !== undefined && JSON.stringify(JSON.parse(json)) === JSON.stringify(data)) {
          const asJson = JSON.parse(json) as unknown;
          const byFile = bySchemaFile(asJson);
          const byLoaderOnJson = checkAnswersShape(asJson).problems.length === 0;
          expect({ json, accepted: byFile }).toEqual({ json, accepted: byLoaderOnJson });
        }
        if (byLoader) accepted += 1;
      }),
      { numRuns: 3000 },
    );
    // The generator must reach both sides of the line, or agreeing would prove little.
    expect(accepted).toBeGreaterThan(100);
    expect(accepted).toBeLessThan(2900);
  });

  it.each([
    ['organization', { organization: 'Acme\x1b[2J', answers: {} }],
    ['a note', { answers: { q1: { value: 1, note: 'bell\x07' } } }],
    ['the rubric name', { rubric: 'social\rbusiness', answers: {} }],
  ])('both refuse control characters in %s', (_, data) => {
    expect(checkAnswersShape(data).problems).not.toEqual([]);
    expect(answersSchema.safeParse(data).success).toBe(false);
    expect(bySchemaFile(data)).toBe(false);
  });

  it('both accept tabs and line breaks in a note', () => {
    const data = { answers: { q1: { value: 1, note: 'two\tlines\nof evidence' } } };
    expect(checkAnswersShape(data).problems).toEqual([]);
    expect(answersSchema.safeParse(data).success).toBe(true);
  });
});
