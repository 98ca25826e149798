import fc from 'fast-check';
import { parse as parseYamlPackage, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseSimpleYaml } from '../../src/answers/fast-yaml.js';
import { parseAnswersText } from '../../src/answers/load.js';
import { formatAnswersFile } from '../../src/answers/serialize.js';
import { CONTROL_CHARACTERS } from '../../src/problems/control-characters.js';
import { checkAnswersAgainstRubric } from '../../src/answers/check.js';
import { checkAnswersShape } from '../../src/answers/shape.js';
import { UserError, type Problem } from '../../src/problems/user-error.js';
import { checkRubricText, loadRubricFile } from '../../src/rubric/load.js';
import { parseYaml } from '../../src/source/parse-yaml.js';
import { ROOT } from '../helpers/run-cli.js';
import {
  answersLikeYaml,
  mutatedYaml,
  NUM_RUNS,
  sameData,
  simpleAnswersYaml,
  TRICKY_KEYS,
  TRICKY_SCALARS,
} from './yaml-arbitraries.js';

const BUILTIN_PATH = `${ROOT}/rubrics/social-business.yaml`;
const builtin = loadRubricFile(BUILTIN_PATH);
const builtinData = parseYamlPackage(
  (await import('node:fs')).readFileSync(BUILTIN_PATH, 'utf8'),
) as Record<string, unknown>;
const questionIds = builtin.stages.flatMap((s) =>
  s.tenets.flatMap((t) => t.questions.map((q) => q.id)),
);

const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();

/** Nothing reached Object.prototype (`__proto__` keys are data, never a prototype). */
function expectNoPollution(): void {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_KEYS);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

/** What must never reach a one-line message: line breaks and control characters (tab aside). */
// eslint-disable-next-line no-control-regex -- these are exactly what is looked for
const UNPRINTABLE = /[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]/;

/** Problems as the CLI prints them: one line each, a message, a 1-based position when there is one. */
function expectWellFormed(problems: readonly Problem[]): void {
  for (const problem of problems) {
    expect(problem.message).toMatch(/\S/);
    expect(`${problem.message} ${problem.path}`).not.toMatch(UNPRINTABLE);
    if (problem.line !== undefined) {
      expect(Number.isInteger(problem.line) && problem.line >= 1).toBe(true);
      expect(Number.isInteger(problem.column) && problem.column! >= 1).toBe(true);
    }
  }
}

/** Runs a loading step: it returns, or throws the project's UserError; anything else is a crash. */
async function load<T>(action: () => T | Promise<T>): Promise<T | undefined> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof UserError) return undefined;
    throw error;
  }
}

/** The whole loading path of an answers text: parse, shape, the built-in rubric, positions. */
async function loadAnswersText(text: string, strict: boolean): Promise<void> {
  const source = await load(() => parseAnswersText(text, 'answers.yaml'));
  if (!source) return;
  if (!source.answers) {
    expect(source.problems.length).toBeGreaterThan(0);
    expectWellFormed(source.problems);
    return;
  }
  expect(source.problems).toEqual([]);
  const { answers } = source;
  const problems = await load(() => checkAnswersAgainstRubric(answers, builtin, { strict }));
  const placed = problems && (await load(() => source.position(problems)));
  if (placed) expectWellFormed(placed);
}

/** Rubric text must come back as a rubric or as problems, never both or neither. */
function checkRubric(text: string): Problem[] {
  const { rubric, problems } = checkRubricText(text, 'rubric.yaml');
  expect(rubric === undefined).toBe(problems.length > 0);
  expectWellFormed(problems);
  return problems;
}

const yamlishText = fc.string({
  unit: fc.constantFrom(...'ab01 -:#\'"{}[],&*!|>%@?\\\t\n\r\ufeff\u0000é😀~.'.split('')),
  maxLength: 120,
});
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  yamlishText,
  answersLikeYaml,
  mutatedYaml,
);

/** JSON and YAML renderings of a value, as someone might write it. */
function render(value: unknown, style: 'yaml' | 'json' | 'flow'): string {
  if (style === 'json') return JSON.stringify(value) ?? 'null';
  return stringify(value, style === 'flow' ? { collectionStyle: 'flow' } : {});
}
const style = fc.constantFrom<'yaml' | 'json' | 'flow'>('yaml', 'json', 'flow');

/** An object with an own `__proto__` key, as YAML and JSON parsers produce it. */
function withOwnKey(object: Record<string, unknown>, key: string, value: unknown) {
  Object.defineProperty(object, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return object;
}

const looseValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer({ min: -2, max: 6 }),
  fc.double(),
  fc.constantFrom('n/a', 'N/A', '', '3', 'yes', null, true, false),
  fc.string({ maxLength: 6 }),
  fc.jsonValue({ maxDepth: 2 }),
);
const answerValue = fc.oneof(
  { weight: 4, arbitrary: looseValue },
  {
    weight: 2,
    arbitrary: fc.record(
      { value: looseValue, note: looseValue, extra: looseValue },
      { requiredKeys: [] },
    ),
  },
);
const answerKey = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...questionIds) },
  { weight: 1, arbitrary: fc.constantFrom(...TRICKY_KEYS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
);

/** Values shaped like an answers file, with wrong types, unknown and dangerous keys mixed in. */
const answersLikeValue = fc
  .tuple(
    fc.record(
      {
        rubric: fc.oneof(fc.constant('social-business'), looseValue),
        rubricVersion: fc.oneof(fc.constant('1.0.0'), looseValue),
        organization: looseValue,
        assessedAt: looseValue,
        answers: fc.oneof(
          { weight: 5, arbitrary: fc.dictionary(answerKey, answerValue, { maxKeys: 8 }) },
          { weight: 1, arbitrary: looseValue },
        ),
      },
      { requiredKeys: [] },
    ),
    fc.option(
      fc.tuple(fc.constantFrom('__proto__', 'constructor', 'prototype', 'extra'), looseValue),
    ),
    fc.option(fc.tuple(fc.constantFrom('__proto__', 'constructor', 'toString'), answerValue)),
  )
  .map(([file, topExtra, answerExtra]) => {
    const value: Record<string, unknown> = { ...file };
    if (topExtra) withOwnKey(value, topExtra[0], topExtra[1]);
    const answers = value.answers;
    if (answerExtra && answers !== null && typeof answers === 'object' && !Array.isArray(answers)) {
      withOwnKey(answers as Record<string, unknown>, answerExtra[0], answerExtra[1]);
    }
    return value;
  });

describe('loading never crashes', () => {
  it('on arbitrary text, as a rubric and as answers', async () => {
    await fc.assert(
      fc.asyncProperty(anyText, fc.boolean(), async (text, strict) => {
        checkRubric(text);
        await loadAnswersText(text, strict);
        expectNoPollution();
      }),
      { numRuns: NUM_RUNS * 2 },
    );
  });

  it('on values shaped like an answers file, in YAML and JSON', async () => {
    await fc.assert(
      fc.asyncProperty(answersLikeValue, style, fc.boolean(), async (value, how, strict) => {
        const shape = await load(() => checkAnswersShape(value));
        if (shape) expect(shape.file === undefined).toBe(shape.problems.length > 0);
        await loadAnswersText(render(value, how), strict);
        expectNoPollution();
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

type Path = (string | number)[];

/** Every node of the built-in rubric's data with its path, in document order. */
function nodes(value: unknown, path: Path = []): { path: Path; value: unknown }[] {
  const here = [{ path, value }];
  if (Array.isArray(value)) {
    return here.concat(value.flatMap((item, i) => nodes(item, [...path, i])));
  }
  if (value !== null && typeof value === 'object') {
    return here.concat(Object.entries(value).flatMap(([key, item]) => nodes(item, [...path, key])));
  }
  return here;
}

const allNodes = nodes(builtinData);
const objectNodes = allNodes.filter(
  ({ value }) => value !== null && typeof value === 'object' && !Array.isArray(value),
);

/** Required keys by the kind of mapping, named by the last non-index segment of its path. */
const REQUIRED: Record<string, string[]> = {
  '': ['id', 'version', 'title', 'scale', 'stages'],
  scale: ['value', 'label'],
  stages: ['id', 'name', 'tenets'],
  tenets: ['id', 'title', 'questions', 'moves'],
  questions: ['id', 'text'],
  benchmarks: ['atLeast', 'share', 'statement'],
};
function kindOf(path: Path): string {
  const named = path.filter((segment) => typeof segment === 'string');
  return String(named.at(-1) ?? '');
}
const requiredFields = objectNodes.flatMap(({ path, value }) =>
  (REQUIRED[kindOf(path)] ?? [])
    .filter((key) => Object.prototype.hasOwnProperty.call(value, key))
    .map((key) => [...path, key]),
);
const typedNodes = allNodes.filter(({ path }) => path.length > 0);

function clone<T>(value: T): T {
  return structuredClone(value);
}
/** A value of a different YAML type than `value`. */
function otherType(value: unknown, pick: number): unknown {
  const byType: Record<string, unknown[]> = {
    string: [42, true, null, ['a'], { a: 1 }],
    number: ['3', true, null, [1], { value: 1 }],
    boolean: ['yes', 1, null, []],
    array: [{ a: 1 }, 'list', 3, null],
    object: [['a'], 'map', 3, null],
  };
  const type = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
  const choices = byType[type] ?? ['x'];
  return choices[pick % choices.length];
}

const ids = (kind: 'stages' | 'tenets' | 'questions') =>
  allNodes.filter(({ path }) => path.at(-1) === 'id' && kindOf(path.slice(0, -1)) === kind);

/** What a report must contain: a problem at `path` whose message starts with or matches `message`. */
interface Expected {
  path: string;
  message: string | RegExp;
}

/** A change that makes the built-in rubric invalid; `apply` throws when its node is gone. */
interface Mutation {
  label: string;
  apply(data: Record<string, unknown>): Expected;
}

function get(data: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, segment) => {
    if (node === null || typeof node !== 'object') throw new Error(`no ${path.join('.')}`);
    return (node as Record<string | number, unknown>)[segment];
  }, data);
}
function container(data: unknown, path: Path): Record<string | number, unknown> {
  const node = get(data, path.slice(0, -1));
  if (node === null || typeof node !== 'object') throw new Error(`no ${path.join('.')}`);
  return node as Record<string | number, unknown>;
}

const dropRequired: fc.Arbitrary<Mutation> = fc.constantFrom(...requiredFields).map((path) => ({
  label: `drop ${path.join('.')}`,
  apply: (data) => {
    const parent = container(data, path);
    if (Array.isArray(parent)) throw new Error('not a mapping any more');
    delete parent[path.at(-1)!];
    return { path: path.join('.'), message: `missing required field "${String(path.at(-1))}"` };
  },
}));

const changeType: fc.Arbitrary<Mutation> = fc
  .tuple(fc.constantFrom(...typedNodes), fc.nat())
  .map(([{ path, value }, pick]) => ({
    label: `change the type of ${path.join('.')}`,
    apply: (data) => {
      const parent = container(data, path);
      if (Array.isArray(parent) !== (typeof path.at(-1) === 'number')) throw new Error('reshaped');
      parent[path.at(-1)!] = otherType(value, pick);
      return { path: path.join('.'), message: /./ };
    },
  }));

const duplicateId: fc.Arbitrary<Mutation> = fc
  .constantFrom('stages' as const, 'tenets' as const, 'questions' as const)
  .chain((kind) => {
    const list = ids(kind);
    return fc
      .tuple(fc.nat({ max: list.length - 1 }), fc.nat({ max: list.length - 1 }))
      .filter(([a, b]) => a !== b)
      .map(([a, b]): Mutation => {
        const [first, second] = a < b ? [list[a]!, list[b]!] : [list[b]!, list[a]!];
        return {
          label: `give ${second.path.join('.')} the id of ${first.path.join('.')}`,
          apply: (data) => {
            const id = get(data, first.path);
            if (typeof id !== 'string') throw new Error('the first id is gone');
            container(data, second.path).id = id;
            return {
              path: second.path.join('.'),
              message: `duplicate ${kind.slice(0, -1)} id "${id}" (first used on line`,
            };
          },
        };
      });
  });

const unknownKey: fc.Arbitrary<Mutation> = fc
  .tuple(
    fc.constantFrom(...objectNodes),
    fc.constantFrom(
      '__proto__',
      'constructor',
      'prototype',
      'toString',
      'hasOwnProperty',
      'colour',
    ),
    looseValue,
  )
  .map(([{ path }, key, value]) => ({
    label: `add ${key} to ${path.join('.') || 'the top'}`,
    apply: (data) => {
      const target = get(data, path);
      if (target === null || typeof target !== 'object' || Array.isArray(target)) {
        throw new Error('not a mapping any more');
      }
      withOwnKey(target as Record<string, unknown>, key, value);
      return { path: [...path, key].join('.'), message: `unknown key "${key}"` };
    },
  }));

const badNumber: fc.Arbitrary<Mutation> = fc
  .tuple(
    fc.constantFrom(
      ...allNodes.filter(({ path }) => path.at(-1) === 'weight' || path.at(-1) === 'threshold'),
    ),
    fc.constantFrom(
      0,
      -1,
      -0.5,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      1.5,
    ),
  )
  .filter(([{ path }, n]) => path.at(-1) === 'threshold' || n !== 1.5)
  .map(([{ path }, n]) => ({
    label: `set ${path.join('.')} to ${n}`,
    apply: (data) => {
      const parent = container(data, path);
      if (Array.isArray(parent)) throw new Error('not a mapping any more');
      parent[path.at(-1)!] = n;
      return { path: path.join('.'), message: /./ };
    },
  }));

describe('mutations of the built-in rubric', () => {
  it('the built-in rubric itself is valid, as YAML, flow YAML and JSON', () => {
    for (const how of ['yaml', 'json', 'flow'] as const) {
      expect(checkRubric(render(builtinData, how))).toEqual([]);
    }
  });

  it('are always reported, at the node that changed', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(dropRequired, changeType, duplicateId, unknownKey, badNumber), {
          minLength: 1,
          maxLength: 3,
        }),
        fc.constantFrom<'yaml' | 'json'>('yaml', 'json'),
        (mutations, how) => {
          const data = clone(builtinData);
          // A later mutation may remove the node of an earlier one; the last one applied stands.
          let last: { label: string; expected: Expected } | undefined;
          for (const mutation of mutations) {
            try {
              last = { label: mutation.label, expected: mutation.apply(data) };
            } catch {
              // Its node is gone: nothing to apply.
            }
          }
          const problems = checkRubric(render(data, how));
          expect(problems.length).toBeGreaterThan(0);
          const { label, expected } = last!;
          const hit = problems.some(
            ({ path, message }) =>
              path === expected.path &&
              (typeof expected.message === 'string'
                ? message.startsWith(expected.message)
                : expected.message.test(message)),
          );
          expect(hit, `${label}: ${JSON.stringify(problems.slice(0, 3))}`).toBe(true);
          expectNoPollution();
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it('never crash, whatever the value put anywhere (valid or not)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...typedNodes),
        fc.oneof(looseValue, fc.jsonValue({ maxDepth: 3 })),
        style,
        ({ path }, value, how) => {
          const data = clone(builtinData);
          container(data, path)[path.at(-1)!] = value;
          checkRubric(render(data, how));
          expectNoPollution();
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('the fast answers parser agrees with yaml', () => {
  /**
   * `parseSimpleYaml` declines, or returns exactly what `yaml` (and our full parser) would; with
   * `answersMap`, the same but for the answers in a Map (same entries, same order), which
   * checkAnswersShape reads as it reads the object.
   */
  function agrees(text: string): boolean {
    const fast = parseSimpleYaml(text);
    const mapped = parseSimpleYaml(text, { answersMap: true });
    expect(mapped === undefined).toBe(fast === undefined);
    if (fast === undefined || mapped === undefined) return false;
    const { answers, ...rest } = mapped.value;
    const plain =
      answers instanceof Map ? { ...rest, answers: Object.fromEntries(answers) } : mapped.value;
    if (!sameData(plain, fast.value)) expect(plain).toStrictEqual(fast.value);
    if (answers instanceof Map)
      expect(Object.keys(fast.value.answers!)).toEqual([...answers.keys()]);
    const fromObject = checkAnswersShape(fast.value);
    const fromMap = checkAnswersShape(mapped.value);
    expect(fromMap.problems).toEqual(fromObject.problems);
    expect(fromMap.file === undefined).toBe(fromObject.file === undefined);
    if (fromMap.file && fromObject.file) {
      const { answers: a, ...fieldsA } = fromMap.file;
      const { answers: b, ...fieldsB } = fromObject.file;
      expect(fieldsA).toEqual(fieldsB);
      expect([...a]).toEqual([...b]);
    }
    const full = parseYaml(text, 'answers.yaml');
    expect(full.problems).toEqual([]);
    if (!sameData(fast.value, full.value)) expect(fast.value).toStrictEqual(full.value);
    const reference = parseYamlPackage(text, { schema: 'core' }) as unknown;
    if (!sameData(fast.value, reference)) expect(fast.value).toStrictEqual(reference);
    return true;
  }

  it('on generated answers files, taking the fast path for most simple ones', () => {
    let simple = 0;
    let fast = 0;
    fc.assert(
      fc.property(simpleAnswersYaml, (text) => {
        simple += 1;
        if (agrees(text)) fast += 1;
      }),
      { numRuns: NUM_RUNS * 10 },
    );
    // Not a vacuous test: the fast path is really taken.
    expect(fast / simple).toBeGreaterThan(0.3);
  });

  it('on answers-like YAML with traps, and with random edits', () => {
    fc.assert(
      fc.property(fc.oneof(answersLikeYaml, mutatedYaml), (text) => {
        agrees(text);
      }),
      { numRuns: NUM_RUNS * 40 },
    );
  });

  it('gives a Map for the top-level answers only, blank, n/a and block answers included', () => {
    const texts = [
      'organization:\n  answers:\n    q: 1\nanswers:\n  q: 2\n',
      'answers:\n  a: 1\n  b:\n  c: n/a\n  d:\n    value: 3\n    note: x\n  e: { value: 2, note: "y" }\n',
      'answers:\n',
      'answers: {}\n',
    ];
    for (const text of texts) expect(agrees(text)).toBe(true);
    const nested = parseSimpleYaml(texts[0]!, { answersMap: true })!.value;
    expect(nested.answers).toBeInstanceOf(Map);
    expect(nested.organization).toStrictEqual({ answers: { q: 1 } });
    const blank = checkAnswersShape(parseSimpleYaml(texts[1]!, { answersMap: true })!.value).file!;
    expect(blank.ids).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect([...blank.answers.keys()]).toEqual(['a', 'c', 'd', 'e']);
    expect(blank.answers.get('d')).toEqual({ value: 3, note: 'x' });
  });

  it('on every tricky scalar, as a value, in a flow mapping and as a key, with LF and CRLF', () => {
    let taken = 0;
    for (const scalar of TRICKY_SCALARS) {
      for (const eol of ['\n', '\r\n']) {
        const texts = [
          `answers:${eol}  q: ${scalar}${eol}`,
          `answers:${eol}  q: ${scalar}   # comment${eol}`,
          `answers:${eol}  q: { value: ${scalar}, note: ${scalar} }${eol}`,
          `organization: ${scalar}`,
          `answers:${eol}  ${scalar}: 1${eol}`,
          `${scalar}: 1${eol}answers: {}${eol}`,
        ];
        for (const text of texts) if (agrees(text)) taken += 1;
      }
    }
    expect(taken).toBeGreaterThan(100);
  });

  it('on `{ value, note }` answers in and around the form read in one scan', () => {
    const notes = [
      '',
      'plain',
      'a: b',
      'x # y',
      '{ } [ ] ,',
      "it's",
      'Ünïcode ·',
      '😀',
      ' ',
      '\\t',
      '\\"',
    ];
    const spacings = [
      (v: string, n: string) => `{ value: ${v}, note: "${n}" }`,
      (v: string, n: string) => `{value: ${v},note: "${n}"}`,
      (v: string, n: string) => `{   value:   ${v},   note:   "${n}"   }   `,
      (v: string, n: string) => `{ value: ${v} , note: "${n}" }`,
      (v: string, n: string) => `{ note: "${n}", value: ${v} }`,
      (v: string, n: string) => `{ value: ${v}, note: "${n}" } # seen`,
      (v: string, n: string) => `{ value: ${v}, note: "${n}", extra: 1 }`,
      (v: string, n: string) => `{ value: ${v}, note: '${n}' }`,
    ];
    let taken = 0;
    for (const value of ['0', '3', '007', '-1', '3.5', '1234567890123456', 'n/a', '']) {
      for (const note of notes) {
        for (const spacing of spacings) {
          for (const eol of ['\n', '\r\n']) {
            if (agrees(`answers:${eol}  q: ${spacing(value, note)}${eol}`)) taken += 1;
          }
        }
      }
    }
    expect(taken).toBeGreaterThan(200);
  });

  it('on keys around the 1024-character limit of implicit keys, in every place a key goes', () => {
    let taken = 0;
    for (const length of [1, 1000, 1023, 1024, 1025, 1100, 5000]) {
      const key = `${'k'.repeat(length - 1)}y`;
      const texts = [
        `${key}: 1\nanswers: {}\n`,
        `answers:\n  ${key}: 3\n`,
        `answers:\n  q: { value: 1, ${key}: 2 }\n`,
        `answers:\n  ${key}:\n    value: 1\n`,
        `---\nanswers:\n  ${key}: 3\n`,
      ];
      for (const text of texts) {
        if (agrees(text)) taken += 1;
        // Whichever parser reads it, the answer is the same: the `---` line sends it to `yaml`.
        if (!text.startsWith('---')) {
          const plain = parseYaml(text, 'a.yaml').problems.length > 0;
          expect(parseYaml(`---\n${text}`, 'a.yaml').problems.length > 0).toBe(plain);
        }
      }
    }
    expect(taken).toBeGreaterThan(10);
  });

  it('on generated answers files with long keys', () => {
    const longKey = fc
      .tuple(fc.integer({ min: 1000, max: 1100 }), fc.constantFrom('k', 'a-', 'q_1'))
      .map(([length, unit]) => unit.repeat(length).slice(0, length));
    fc.assert(
      fc.property(
        simpleAnswersYaml,
        longKey,
        fc.nat(),
        fc.constantFrom('  ', ''),
        (text, key, at, indent) => {
          const lines = text.split('\n');
          const i = at % lines.length;
          // An answer or a top-level key, inserted anywhere.
          lines.splice(i, 0, `${i > 0 && lines[i - 1]!.startsWith(' ') ? indent : ''}${key}: 1`);
          agrees(lines.join('\n'));
        },
      ),
      { numRuns: NUM_RUNS * 4 },
    );
  });

  it('leaves deep nesting to yaml, which refuses it', () => {
    const nested = (depth: number) =>
      Array.from({ length: depth }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' 1\n';
    expect(agrees(nested(10))).toBe(true);
    expect(parseSimpleYaml(nested(20))).toBeUndefined();
    expect(parseSimpleYaml(nested(3000))).toBeUndefined();
  });
});

describe('keys that become the same property', () => {
  it.each([
    ['1: a\n"1": b\n', 2, 1],
    ['~: a\n"": b\n', 2, 1],
    ['true: a\n"true": b\n', 2, 1],
    ['a: 1\nb: {x: 1, "x": 2}\n', 2, 11],
  ])('%j is a duplicate key', (text, line, column) => {
    expect(parseYaml(text, 'f.yaml').problems).toEqual([
      {
        file: 'f.yaml',
        path: '',
        message: 'duplicate key (YAML map keys must be unique)',
        line,
        column,
      },
    ]);
  });
});

describe('what the interview saves reads back as given', () => {
  const rubric = builtin;
  const text = fc.oneof(
    fc.constantFrom(...TRICKY_SCALARS, ...TRICKY_KEYS),
    fc.string({ unit: 'binary', maxLength: 30 }),
    fc.string({ maxLength: 30 }),
  );
  // Control characters are refused when a file is read (and by the interview when typed).
  const storable = text.filter((value) => !CONTROL_CHARACTERS.test(value));

  it('metadata and notes of any text, numbers and YAML keywords included', async () => {
    await fc.assert(
      fc.asyncProperty(storable, storable, fc.constantFrom(0, 1, 4), async (name, note, value) => {
        const header = { rubric: rubric.id, rubricVersion: rubric.version, organization: name };
        const answers = new Map([['social-listening', { value, note }]]);
        const saved = await parseAnswersText(formatAnswersFile(rubric, header, answers), 'saved');
        expect(saved.problems).toEqual([]);
        expect(saved.answers?.organization).toBe(name);
        expect(saved.answers?.answers.get('social-listening')).toEqual({ value, note });
      }),
      { numRuns: NUM_RUNS * 4 },
    );
  });
});
