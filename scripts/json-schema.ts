import { z } from 'zod';
import { answersSchema } from '../src/answers/schema.js';
import { overlaySchema, rubricSchema } from '../src/rubric/schema.js';

/** The JSON Schemas shipped in schema/, generated from the zod schemas (a test pins them). */
export function jsonSchemas(): Record<string, unknown> {
  return {
    'rubric.schema.json': rubricFileSchema(),
    'answers.schema.json': withTitle(z.toJSONSchema(answersSchema), 'maturity answers file'),
  };
}

/**
 * A rubric file is either a whole rubric or an overlay of one (with `extends`): `if` tells them
 * apart, so an editor checks each against its own keys (a typo in either is still an unknown key)
 * and reports its problems against the one schema that applies.
 */
function rubricFileSchema(): Record<string, unknown> {
  const { $schema, ...rubric } = z.toJSONSchema(rubricSchema);
  const { $schema: _, ...overlay } = z.toJSONSchema(overlaySchema);
  return {
    $schema,
    title: 'maturity rubric',
    description:
      'A maturity rubric for the `maturity` command-line tool, or an overlay of one (a file with `extends`).',
    type: 'object',
    if: { type: 'object', required: ['extends'] },
    then: overlay,
    else: rubric,
  };
}

function withTitle(schema: Record<string, unknown>, title: string): Record<string, unknown> {
  const { $schema, ...rest } = schema;
  return { $schema, title, ...rest };
}
