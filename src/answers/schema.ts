import { z } from 'zod';

const answerValue = z
  .union([z.number(), z.literal('n/a'), z.null()])
  .describe(
    'A value on the question\'s scale, "n/a" where the rubric allows it, or empty (unanswered).',
  );

const text = z.string().nullable().optional();

/**
 * The answers file format (SPEC §2), for the shipped JSON Schema. Loading uses the hand-written
 * checker in validate-answers.ts (it runs once per file in batches); a test keeps the two in step.
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
    assessedAt: text.describe('When the answers were given, e.g. 2026-11-22.'),
    answers: z
      .record(
        z.string(),
        z.union([
          answerValue,
          z.strictObject({
            value: answerValue,
            note: z.string().nullable().optional().describe('Evidence or context for the answer.'),
          }),
        ]),
      )
      .describe('Answers by question id; {} when nothing is answered yet.'),
  })
  .describe('Answers to a maturity rubric, for the `maturity` command-line tool.');
