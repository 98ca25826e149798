import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/run-cli.js';

/** The shipped rubric schema, as an editor would load it. */
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(
  JSON.parse(readFileSync(join(ROOT, 'schema', 'rubric.schema.json'), 'utf8')) as object,
);

function accepts(data: unknown): boolean {
  return validate(data) as boolean;
}

/** What the schema objects to: `instancePath message`, with the key for unknown keys. */
function objections(data: unknown): string[] {
  expect(validate(data)).toBe(false);
  return (validate.errors ?? [])
    .filter((error) => error.keyword !== 'if')
    .map((error) => {
      const extra = (error.params as { additionalProperty?: string }).additionalProperty;
      return `${error.instancePath} ${error.message}${extra ? ` (${extra})` : ''}`;
    });
}

const QUICK = parse(
  readFileSync(join(ROOT, 'rubrics', 'social-business-quick.yaml'), 'utf8'),
) as Record<string, unknown>;

describe('the shipped rubric JSON Schema', () => {
  it.each(readdirSync(join(ROOT, 'rubrics')).filter((name) => name.endsWith('.yaml')))(
    'accepts the shipped rubrics/%s',
    (name) => {
      const data = parse(readFileSync(join(ROOT, 'rubrics', name), 'utf8')) as unknown;
      expect(accepts(data), JSON.stringify(validate.errors)).toBe(true);
    },
  );

  it('accepts the shipped overlay, which has only its own fields', () => {
    expect(QUICK.extends).toBe('social-business');
    expect(QUICK).not.toHaveProperty('stages');
    expect(accepts(QUICK)).toBe(true);
  });

  it('accepts an overlay that changes items by id with only some of their fields', () => {
    expect(
      accepts({
        extends: 'social-business',
        id: 'acme-social',
        version: '1.0.0',
        title: 'Acme',
        stages: [{ id: 'planning', tenets: [{ id: 'listen-to-customers', weight: 5 }] }],
        omit: ['coe-handoff-plan'],
      }),
    ).toBe(true);
  });

  it('rejects a typo in an overlay: at the top and inside a changed item', () => {
    expect(objections({ ...QUICK, omitt: ['social-listening'] })).toEqual([
      ' must NOT have additional properties (omitt)',
    ]);
    expect(
      objections({
        ...QUICK,
        stages: [{ id: 'planning', tenets: [{ id: 'listen-to-customers', wieght: 5 }] }],
      }),
    ).toEqual(['/stages/0/tenets/0 must NOT have additional properties (wieght)']);
  });

  it('rejects an overlay without its own id, version and title, or with a percentage for a share', () => {
    expect(objections({ extends: 'social-business', id: 'acme' })).toEqual([
      " must have required property 'version'",
      " must have required property 'title'",
    ]);
    expect(objections({ ...QUICK, threshold: 70 })).toEqual(['/threshold must be <= 1']);
  });

  it('rejects omit of something that is not an id', () => {
    expect(objections({ ...QUICK, omit: 'social-listening' })).toEqual(['/omit must be array']);
  });

  it('still requires every field of a whole rubric, and its keys only', () => {
    expect(objections({ id: 'x', version: '1.0.0', title: 'X', scale: [] })).toEqual([
      " must have required property 'stages'",
      '/scale must NOT have fewer than 2 items',
    ]);
    expect(objections({ id: 'x', version: '1.0.0', title: 'X', omit: ['a'] })).toContain(
      ' must NOT have additional properties (omit)',
    );
  });
});
