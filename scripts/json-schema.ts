import { z } from 'zod';
import { answersSchema } from '../src/answers/schema.js';
import { rubricSchema } from '../src/rubric/schema.js';

/** The JSON Schemas shipped in schema/, generated from the zod schemas (a test pins them). */
export function jsonSchemas(): Record<string, unknown> {
  return {
    'rubric.schema.json': withTitle(z.toJSONSchema(rubricSchema), 'rubric'),
    'answers.schema.json': withTitle(z.toJSONSchema(answersSchema), 'answers'),
  };
}

function withTitle(schema: Record<string, unknown>, name: string): Record<string, unknown> {
  const { $schema, ...rest } = schema;
  return {
    $schema,
    title: name === 'rubric' ? 'maturity rubric' : 'maturity answers file',
    ...rest,
  };
}
