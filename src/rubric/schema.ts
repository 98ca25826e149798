import { z } from 'zod';
import { CONTROL_CHARACTERS, NO_CONTROL_CHARACTERS } from '../problems/control-characters.js';

const id = z
  .string()
  .regex(
    /^[a-z0-9]+(-[a-z0-9]+)*$/,
    'must be kebab-case: lowercase letters, digits and single dashes',
  )
  .describe('A kebab-case identifier.');

const text = z
  .string()
  .min(1, 'must not be empty')
  .refine((value) => !CONTROL_CHARACTERS.test(value), {
    message: NO_CONTROL_CHARACTERS,
  });

const weight = z
  .number()
  .positive('must be greater than 0')
  .describe('Relative weight, greater than 0 (default 1).');

/**
 * A hint for a share written as a percentage (`70` for 0.7), or an empty string. Only whole numbers
 * read as percentages: `1.5` is more likely a slip than 1.5%.
 */
function percentHint(input: unknown): string {
  if (typeof input !== 'number' || !Number.isInteger(input) || input <= 1 || input > 100) return '';
  return `; did you mean ${Number((input / 100).toPrecision(12))}?`;
}

const threshold = z
  .number()
  .gt(0, 'must be greater than 0 and at most 1')
  .lte(1, {
    error: (issue) =>
      percentHint(issue.input)
        ? `is a share between 0 and 1${percentHint(issue.input)}`
        : 'must be greater than 0 and at most 1',
  })
  .describe('Share of the stage score needed to attain it, in (0, 1].');

const scaleLevel = z
  .strictObject({
    value: z.number().describe('The number recorded in answers files for this level.'),
    label: text.describe('A short name for the level.'),
    description: text.optional().describe('What evidence justifies this level.'),
  })
  .describe('One level of an answer scale.');

const scale = z
  .array(scaleLevel)
  .min(2, 'must have at least 2 levels')
  .describe('Answer levels, from least to most mature; at least two, with distinct values.');

const question = z.strictObject({
  id: id.describe('Unique across the whole rubric; answers files use it as the key.'),
  text: text.describe('The question as asked.'),
  help: text.optional().describe('What counts as evidence; shown on request.'),
  weight: weight.optional(),
  notApplicable: z.boolean().optional().describe('May this question be answered "n/a"?'),
  scale: scale.optional().describe('A scale for this question only, instead of the rubric scale.'),
});

const tenet = z.strictObject({
  id: id.describe('Unique across the whole rubric.'),
  title: text,
  description: text.optional(),
  weight: weight.optional(),
  questions: z.array(question).min(1, 'must have at least 1 question'),
  moves: z
    .array(text)
    .min(1, 'must have at least 1 move')
    .describe('Recommended moves, most important first.'),
  pitfall: text
    .optional()
    .describe(
      "A warning the report gives when this tenet's stage is attained while an earlier stage is not (a foundation gap).",
    ),
});

const stage = z.strictObject({
  id: id.describe('Unique among the stages.'),
  name: text,
  tagline: text.optional(),
  summary: text.optional(),
  threshold: threshold.optional(),
  tenets: z.array(tenet).min(1, 'must have at least 1 tenet'),
});

const benchmark = z
  .strictObject({
    question: id.optional().describe('The id of the question the figure is about.'),
    tenet: id
      .optional()
      .describe('The id of the tenet the figure is about (instead of a question).'),
    atLeast: z.number().describe('Answering at least this value puts you among `share`.'),
    share: z
      .number()
      .min(0, 'must be between 0 and 1')
      .max(1, { error: (issue) => `must be between 0 and 1${percentHint(issue.input)}` })
      .describe('Share of surveyed organizations, in [0, 1].'),
    surveyed: z
      .int()
      .positive('must be a whole number above 0')
      .optional()
      .describe('About how many organizations the survey asked; reports say "of about N".'),
    statement: text.describe('The published figure in words.'),
    source: text.optional(),
  })
  .describe('A published figure to compare an answer against.');

const version = z
  .string()
  .regex(
    /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/,
    'must be a semantic version such as 1.0.0',
  )
  .describe('Semantic version of the rubric content.');

const schemaField = z.string().optional().describe('Path or URL of this JSON Schema.');

/** The rubric file format (SPEC §1). Semantic rules (unique ids, references) live in rules.ts. */
export const rubricSchema = z
  .strictObject({
    $schema: schemaField,
    id,
    version,
    title: text,
    description: text.optional(),
    source: text.optional().describe('Where the model comes from.'),
    threshold: threshold.optional(),
    scale,
    stages: z
      .array(stage)
      .min(1, 'must have at least 1 stage')
      .describe('From least to most mature.'),
    benchmarks: z.array(benchmark).optional(),
  })
  .describe('A maturity rubric for the `maturity` command-line tool.');

/** A rubric file as written, before defaults are applied. */
export type RubricFile = z.infer<typeof rubricSchema>;

const CHANGE =
  'An id of the base changes that item: the fields given replace its own. A new id adds an item at the end of the list, with every field an item needs.';

const questionChange = question.partial().required({ id: true }).describe(`A question. ${CHANGE}`);

const tenetChange = tenet
  .extend({ questions: z.array(questionChange).describe("Merged with the base tenet's by id.") })
  .partial()
  .required({ id: true })
  .describe(`A tenet. ${CHANGE}`);

const stageChange = stage
  .extend({ tenets: z.array(tenetChange).describe("Merged with the base stage's by id.") })
  .partial()
  .required({ id: true })
  .describe(`A stage. ${CHANGE}`);

/**
 * A rubric that builds on another (SPEC §12): its own id, version and title, then only what
 * changes. The merged result is checked against `rubricSchema`.
 */
export const overlaySchema = z
  .strictObject({
    $schema: schemaField,
    extends: text.describe(
      'The rubric this one builds on: a built-in rubric id or a path relative to this file.',
    ),
    id: id.describe('The id of this rubric, not the one it extends.'),
    version,
    title: text,
    description: text.optional(),
    source: text.optional().describe('Where the model comes from.'),
    threshold: threshold.optional(),
    scale: scale.optional().describe('Replaces the scale of the base.'),
    stages: z
      .array(stageChange)
      .optional()
      .describe('Merged with the stages of the base by id; new stages are added at the end.'),
    benchmarks: z.array(benchmark).optional().describe('Replaces the benchmarks of the base.'),
    omit: z
      .array(id)
      .optional()
      .describe(
        'Ids of stages, tenets or questions to leave out, with what they hold; benchmarks naming them are dropped.',
      ),
  })
  .describe('A maturity rubric that extends another one: only what changes is written.');

/** The keys only an overlay has. */
export const OVERLAY_KEYS = ['extends', 'omit'] as const;
