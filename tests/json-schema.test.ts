import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonSchemas } from '../scripts/json-schema.js';
import { ROOT } from './helpers/run-cli.js';

describe('shipped JSON Schemas', () => {
  for (const [name, schema] of Object.entries(jsonSchemas())) {
    it(`schema/${name} is generated from the zod schema (run \`node scripts/build.mjs --schema\` when this fails)`, () => {
      const shipped = readFileSync(join(ROOT, 'schema', name), 'utf8');
      expect(shipped).toBe(`${JSON.stringify(schema, null, 2)}\n`);
    });
  }

  it('ships exactly the generated schemas', () => {
    expect(Object.keys(jsonSchemas()).sort()).toEqual([
      'answers.schema.json',
      'rubric.schema.json',
    ]);
  });
});
