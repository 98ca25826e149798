import fc from 'fast-check';

/** Number of runs for property tests; FAST_CHECK_RUNS overrides. */
export const NUM_RUNS = Number(process.env.FAST_CHECK_RUNS) || 150;

/** Scalars that YAML's core schema reads in surprising ways, as they would be written in a file. */
export const TRICKY_SCALARS = [
  '0',
  '1',
  '3',
  '-1',
  '-0',
  '+3',
  '007',
  '0x1F',
  '0X1F',
  '0o17',
  '0b1',
  '1e3',
  '1E3',
  '1e+3',
  '1e-3',
  '.5',
  '5.',
  '-.5',
  '+.5',
  '1.0',
  '1_000',
  '1,5',
  '12345678901234567890',
  '.inf',
  '-.inf',
  '+.inf',
  '.Inf',
  '.NaN',
  '.nan',
  'nan',
  'inf',
  '~',
  'null',
  'Null',
  'NULL',
  'nULL',
  'true',
  'True',
  'TRUE',
  'tRUE',
  'false',
  'FALSE',
  'yes',
  'no',
  'on',
  'off',
  'y',
  'n',
  'n/a',
  'N/A',
  'a#b',
  'a # b',
  'a:b',
  'key:value',
  'a: b',
  'x:',
  '- x',
  '-x',
  '? x',
  '?x',
  ':x',
  '&a',
  '*a',
  '!x',
  '!!str x',
  '|',
  '>',
  '%x',
  '@x',
  '`x',
  '<<',
  '=',
  '[a]',
  '{a}',
  '{}',
  '[]',
  'a,b',
  'a]',
  'a}',
  '"a # b"',
  "'it''s'",
  "'a'",
  '"a"',
  '""',
  "''",
  '"\\u00e9"',
  '"\\x41"',
  '"\\/"',
  '"\\t"',
  '"\\"q\\""',
  '"\\\\"',
  '"\\ud83d\\ude00"',
  '"\\0"',
  '"\\e"',
  '"\\N"',
  '"a\\',
  "'a",
  '"a" b',
  "'a' 'b'",
  'é',
  'ünïcödé',
  '日本',
  '😀',
  'a\u00a0b',
  'a\u2028b',
  'a\u0085b',
  'a\ufeffb',
  'a\u007fb',
  'caf\u00e9 # x',
  "it's",
  'a"b',
  "a'b",
  'a  b',
  'two words',
  'n/a # comment',
  '2026-11-22',
  '12:30',
  '1:30',
  '0:0',
];

/** Keys as they might appear in answers files, including ones YAML resolves to non-strings. */
export const TRICKY_KEYS = [
  'answers',
  'rubric',
  'organization',
  'social-listening',
  'pilot-projects',
  'a',
  'a-b',
  'a_b',
  'a.b',
  'a/b',
  '$schema',
  '$x',
  'A1',
  'value',
  'note',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'null',
  'Null',
  'NULL',
  'true',
  'TRUE',
  'False',
  'yes',
  '1',
  '01',
  '007',
  '-1',
  '0x1F',
  '1e3',
  '5.',
  '1.0',
  'n/a',
  'nan',
  'inf',
  '1_0',
  'a#b',
  'a b',
  'é',
  'key',
  // YAML allows implicit block keys of at most 1024 characters.
  'k'.repeat(1024),
  'k'.repeat(1025),
  `long-${'x'.repeat(2000)}`,
];

const plainChars = fc.constantFrom(
  ...'abcxyz019 -_./:#\'"{}[],!&*?|>%@`~\\'.split(''),
  'é',
  '日',
  '😀',
  '\u00a0',
  '\u2028',
  '\u0085',
  '\ufeff',
  '\u007f',
  '\u0001',
  '\r',
  '\t',
);

/** A plain-ish scalar built from characters that matter to YAML. */
const plainish = fc.string({ unit: plainChars, minLength: 1, maxLength: 8 });

/** A double-quoted scalar: JSON-escaped text, or hand-made escapes. */
const doubleQuoted = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 8 }).map((s) => JSON.stringify(s)),
  fc
    .array(
      fc.constantFrom(
        'a',
        ' ',
        '#',
        "'",
        '\\"',
        '\\\\',
        '\\n',
        '\\t',
        '\\/',
        '\\u00e9',
        '\\x41',
        '\\ ',
        'é',
        ':',
      ),
      { maxLength: 6 },
    )
    .map((parts) => `"${parts.join('')}"`),
);

/** A single-quoted scalar with '' escapes. */
const singleQuoted = fc
  .string({
    unit: fc.constantFrom('a', ' ', "'", '"', '#', '\\', 'é', ':', '\u0001'),
    maxLength: 8,
  })
  .map((s) => `'${s.replace(/'/g, "''")}'`);

const numberText = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }).map(String),
  fc.double({ noNaN: true }).map(String),
  fc.double({ noNaN: true, min: -10, max: 10 }).map((n) => n.toExponential()),
  fc.double({ noNaN: true, min: -10, max: 10 }).map((n) => n.toFixed(3)),
);

/** A scalar as written after `key: ` in an answers file. */
export const scalarText = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...TRICKY_SCALARS) },
  { weight: 2, arbitrary: numberText },
  { weight: 2, arbitrary: doubleQuoted },
  { weight: 2, arbitrary: singleQuoted },
  { weight: 2, arbitrary: plainish },
);

const keyText = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...TRICKY_KEYS) },
  { weight: 1, arbitrary: fc.stringMatching(/^[a-z0-9][a-z0-9_./$-]{0,6}$/) },
);

/** `{ value: …, note: … }` in flow style, sometimes malformed. */
const flowMapping = fc
  .tuple(
    fc.array(fc.tuple(fc.constantFrom('value', 'note', 'x', 'TRUE', '1'), scalarText), {
      maxLength: 3,
    }),
    fc.constantFrom(', ', ',', ' , ', ',  '),
    fc.constantFrom('{', '{ '),
    fc.constantFrom('}', ' }', ',}', ', }'),
  )
  .map(
    ([pairs, comma, open, close]) =>
      `${open}${pairs.map(([k, v]) => `${k}: ${v}`).join(comma)}${close}`,
  );

const comment = fc.constantFrom('', '', '', ' # note', '  #x', '#x', ' #', " # it's", ' # "q');
const trailing = fc.constantFrom('', '', ' ', '  ');
const separator = fc.constantFrom(': ', ': ', ':  ', ':');

/** One `key: value` entry (value may be a flow mapping, or empty for a nested block). */
const entry = fc
  .tuple(
    keyText,
    separator,
    fc.oneof(
      { weight: 3, arbitrary: scalarText },
      { weight: 1, arbitrary: flowMapping },
      { weight: 1, arbitrary: fc.constant('') },
    ),
    trailing,
    comment,
  )
  .map(([key, sep, value, space, note]) => `${key}${sep}${value}${space}${note}`);

type Line = { indent: number; text: string };

const blockLine: fc.Arbitrary<Line[]> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .tuple(fc.constantFrom(0, 0, 0, 2, 4, 1, 3), entry)
      .map(([indent, text]) => [{ indent, text }]),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom<Line[]>(
      [{ indent: 0, text: '' }],
      [{ indent: 2, text: '' }],
      [{ indent: 0, text: '# comment' }],
      [{ indent: 3, text: '# indented comment' }],
    ),
  },
  {
    weight: 2,
    // A nested block such as `answers:` followed by its entries.
    arbitrary: fc
      .tuple(keyText, fc.constantFrom(1, 2, 4), fc.array(entry, { minLength: 1, maxLength: 4 }))
      .map(([key, step, entries]) => [
        { indent: 0, text: `${key}:` },
        ...entries.map((text) => ({ indent: step, text })),
      ]),
  },
);

/** Answers-like YAML text: mostly simple, with every kind of trap the fast parser must notice. */
export const answersLikeYaml = fc
  .tuple(
    fc.array(blockLine, { minLength: 1, maxLength: 8 }),
    fc.constantFrom('\n', '\n', '\r\n'),
    fc.boolean(),
    fc.boolean(),
  )
  .map(([blocks, eol, mixed, finalEol]) => {
    const lines = blocks.flat().map((line) => ' '.repeat(line.indent) + line.text);
    let text = '';
    lines.forEach((line, i) => {
      text += line + (mixed && i % 2 === 1 ? '\r\n' : eol);
    });
    return finalEol ? text : text.replace(/\r?\n$/, '');
  });

/**
 * Deep equality for plain data that also tells -0 from 0, NaN from NaN, key order, prototypes and
 * own keys such as `constructor` apart (vitest's equality reads `constructor` to compare types).
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const keysA = Reflect.ownKeys(a);
  const keysB = Reflect.ownKeys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((key, i) => {
    if (key !== keysB[i]) return false;
    const da = Object.getOwnPropertyDescriptor(a, key)!;
    const db = Object.getOwnPropertyDescriptor(b, key)!;
    return da.enumerable === db.enumerable && sameData(da.value, db.value);
  });
}

const cleanKey = fc.stringMatching(/^[a-z][a-z0-9]{0,5}(-[a-z0-9]{1,5}){0,2}$/);
const cleanScalar = fc.oneof(
  fc.integer({ min: -5, max: 10 }).map(String),
  fc.constantFrom('n/a', '~', 'null', '', 'true', '1.5', '0.0', '-0', '+3', '007', '1e3', '.5'),
  fc.string({ unit: 'grapheme', maxLength: 10 }).map((s) => JSON.stringify(s)),
  fc.string({ unit: 'grapheme-ascii', maxLength: 10 }).map((s) => `'${s.replace(/'/g, "''")}'`),
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ,.()/-]{0,12}[A-Za-z0-9.)]$/),
);
/** A trap: one value or key that the fast parser must decline or read exactly as `yaml` does. */
const trapScalar = fc.oneof(
  fc.constantFrom(...TRICKY_SCALARS),
  plainish,
  doubleQuoted,
  singleQuoted,
);
const someScalar = fc.oneof(
  { weight: 6, arbitrary: cleanScalar },
  { weight: 1, arbitrary: trapScalar },
);
const someKey = fc.oneof(
  { weight: 8, arbitrary: cleanKey },
  { weight: 1, arbitrary: fc.constantFrom(...TRICKY_KEYS) },
);
const someComment = fc.constantFrom('', '', '', '', ' # a note', '   # x', " # it's", ' #');

const answerEntry = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.tuple(someKey, someScalar, someComment).map(([k, v, c]) => `${k}: ${v}${c}`),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(someKey, someScalar, fc.option(someScalar), fc.boolean(), someComment)
      .map(([k, v, note, spaced, c]) => {
        const inner = note === null ? `value: ${v}` : `value: ${v}, note: ${note}`;
        return `${k}: ${spaced ? `{ ${inner} }` : `{${inner}}`}${c}`;
      }),
  },
);

/** Answers files as people write them: metadata, then `answers:` with indented entries; a few traps. */
export const simpleAnswersYaml = fc
  .tuple(
    fc.uniqueArray(
      fc.tuple(
        fc.constantFrom(
          'rubric',
          'organization',
          'unit',
          'respondent',
          'role',
          'assessedAt',
          'rubricVersion',
        ),
        someScalar,
      ),
      { selector: ([k]) => k, maxLength: 4 },
    ),
    fc.constantFrom(1, 2, 2, 4),
    fc.uniqueArray(answerEntry, { selector: (line) => line.split(':')[0], maxLength: 6 }),
    fc.array(fc.constantFrom('', '# comment', '  ', '   # indented comment'), { maxLength: 2 }),
    fc.constantFrom('\n', '\n', '\r\n'),
    fc.constantFrom('', ' ', '  '),
  )
  .map(([meta, step, entries, extras, eol, tail]) => {
    const lines = [
      '# answers',
      ...meta.map(([k, v]) => `${k}: ${v}`),
      ...extras,
      entries.length === 0 ? 'answers: {}' : 'answers:',
      ...entries.map((line) => ' '.repeat(step) + line + tail),
    ];
    return lines.join(eol) + eol;
  });

/** Answers-like YAML with a few characters inserted or deleted at random places. */
export const mutatedYaml = fc
  .tuple(
    fc.oneof(answersLikeYaml, simpleAnswersYaml),
    fc.array(
      fc.tuple(
        fc.nat(),
        fc.constantFrom(
          ' ',
          '\t',
          '#',
          ':',
          '"',
          "'",
          '{',
          '}',
          ',',
          '\r',
          '\n',
          '-',
          '?',
          '\\',
          '&',
          '*',
          '!',
          '|',
          '>',
          '%',
          '---\n',
          '...\n',
          '',
          '',
        ),
      ),
      { maxLength: 3 },
    ),
  )
  .map(([text, edits]) => {
    let out = text;
    for (const [at, insert] of edits) {
      const i = out.length === 0 ? 0 : at % (out.length + 1);
      out =
        insert === ''
          ? out.slice(0, i) + out.slice(i + 1)
          : out.slice(0, i) + insert + out.slice(i);
    }
    return out;
  });
