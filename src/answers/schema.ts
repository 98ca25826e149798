import { z } from 'zod';
import { NO_CONTROL_CHARACTERS } from '../problems/control-characters.js';
import { ASSESSED_AT } from './dates.js';

const answerValue = z
  .union([z.number(), z.literal('n/a'), z.null()])
  .describe(
    'A value on the question\'s scale, "n/a" where the rubric allows it, or empty (unanswered).',
  );

/** Text from a person, which reaches terminals: no control characters but tabs and line breaks. */
const plainText = z
  .string()
  // eslint-disable-next-line no-control-regex -- the characters refused are control characters
  .regex(/^[^\x00-\x08\x0b-\x1f\x7f-\x9f]*$/, NO_CONTROL_CHARACTERS);

const text = plainText.nullable().optional();

/**
 * The answers file format (SPEC §2), for the shipped JSON Schema. Loading uses the hand-written
 * checker in shape.ts, about ten times faster in batches; a differential test
 * (tests/answers/schema.test.ts) feeds both the same generated documents and fails on any
 * disagreement.
 */
export const answersSchema = z
  .strictObject({
    $schema: text.describe('Path or URL of this JSON Schema.'),
    rubric: text.describe('The rubric: a built-in id or a path relative to this file.'),
    rubricVersion: text.describe('The rubric version the answers were given for.'),
    organization: text,
    unit: text,
    respondent: text,
    role: text,
    assessedAt: z
      .string()
      .regex(ASSESSED_AT, 'must be a real date such as 2026-11-22 (or an ISO date-time)')
      .nullable()
      .optional()
      .describe('When the answers were given: a date such as 2026-11-22, or an ISO date-time.'),
    target: z
      .union([plainText.min(1), z.int().min(0), z.null()])
      .optional()
      .describe('The stage you aim for: a stage id or name, or its number (empty for none).'),
    answers: z
      .record(
        z.string(),
        z.union([
          answerValue,
          z.strictObject({
            value: answerValue,
            note: plainText.nullable().optional().describe('Evidence or context for the answer.'),
          }),
        ]),
      )
      .describe('Answers by question id; {} when nothing is answered yet.'),
  })
  .describe('Answers to a maturity rubric, for the `maturity` command-line tool.');
