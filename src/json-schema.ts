import { z } from 'zod';
import { rubricSchema } from './rubric/schema.js';

/** The JSON Schemas shipped in schema/, generated from the zod schemas (a test pins them). */
export function jsonSchemas(): Record<string, unknown> {
  return {
    'rubric.schema.json': withId(z.toJSONSchema(rubricSchema), 'rubric'),
  };
}

function withId(schema: Record<string, unknown>, name: string): Record<string, unknown> {
  const { $schema, ...rest } = schema;
  return {
    $schema,
    title: name === 'rubric' ? 'maturity rubric' : 'maturity answers file',
    ...rest,
  };
}
