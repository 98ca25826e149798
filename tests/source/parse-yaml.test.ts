import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAnswersText } from '../../src/answers/load.js';
import { checkRubricText } from '../../src/rubric/load.js';
import { MAX_UNCOUNTED_LENGTH } from '../../src/source/limits.js';
import {
  exceedsTokenLimit,
  MAX_COLLECTED_PROBLEMS,
  MAX_TOKENS,
  parseYaml,
  tokenCost,
  type ParsedDocument,
} from '../../src/source/parse-yaml.js';
import { Lexer } from 'yaml';
import { tempFolders } from '../helpers/run-cli.js';
import { runMain } from '../helpers/run-main.js';

const MB = 1024 * 1024;
const freshDir = tempFolders('parse-yaml');

/** `unit` repeated to about `bytes` characters. */
function repeated(unit: string, bytes: number): string {
  return unit.repeat(Math.floor(bytes / unit.length));
}

/** Every problem's position is inside the text: a line it has, a column at most one past its end. */
function expectInside(text: string, problems: ParsedDocument['problems']): void {
  const lines = text.split('\n');
  for (const { line, column } of problems) {
    if (line === undefined) continue;
    expect(line).toBeGreaterThanOrEqual(1);
    expect(line).toBeLessThanOrEqual(lines.length);
    expect(column).toBeGreaterThanOrEqual(1);
    expect(column!).toBeLessThanOrEqual(lines[line - 1]!.length + 1);
  }
}

describe('pathological YAML: problems are collected up to a bound, inside the parse', () => {
  // One character repeated over a megabyte: each makes about a million problems for `yaml`.
  // (How long they take, and how much memory, is measured by `npm run bench -- --only hostile`.)
  it.each([']', '}', '"', '"\n', '[]', '{}', ']\n', ': ]', '- ]'])(
    '%j repeated over 1 MB',
    (unit) => {
      const text = repeated(unit, MB);
      const { problems, value } = parseYaml(text, 'big.yaml');
      expect(value).toBeUndefined();
      expect(problems.length).toBeGreaterThan(0);
      expect(problems.length).toBeLessThanOrEqual(11);
      // The last line counts what is not shown: never more than were collected.
      const counted = problems.reduce((sum, problem) => sum + (problem.omitted ?? 1), 0);
      expect(counted).toBeLessThanOrEqual(MAX_COLLECTED_PROBLEMS);
      for (const problem of problems) expect(problem.message.length).toBeLessThan(250);
      expectInside(text, problems);
    },
  );

  it('any short unit repeated many times (a generator of such inputs)', () => {
    const unit = fc.string({
      unit: fc.constantFrom(...' \n-?:,[]{}#&*!|>\'"%@`a1'.split('')),
      minLength: 1,
      maxLength: 4,
    });
    fc.assert(
      fc.property(unit, fc.integer({ min: 1_000, max: 60_000 }), (piece, times) => {
        const text = piece.repeat(times);
        const { problems } = parseYaml(text, 'big.yaml');
        expect(problems.length).toBeLessThanOrEqual(11);
        const counted = problems.reduce((sum, problem) => sum + (problem.omitted ?? 1), 0);
        expect(counted).toBeLessThanOrEqual(MAX_COLLECTED_PROBLEMS);
        expectInside(text, problems);
      }),
      { numRuns: 40 },
    );
  });

  it('says when it stopped counting, and rubric validate says "more than"', async () => {
    const text = repeated(']', 100_000);
    const { problems } = parseYaml(text, 'big.yaml');
    expect(problems).toHaveLength(11);
    expect(problems[10]).toMatchObject({
      message: `more than ${MAX_COLLECTED_PROBLEMS - 10} more YAML problems not shown (the rest of the file was not checked)`,
      atLeast: true,
    });
    const dir = freshDir('validate');
    writeFileSync(join(dir, 'big.yaml'), text);
    const result = await runMain(['rubric', 'validate', 'big.yaml'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr.trimEnd().split('\n').slice(-2)).toEqual([
      `big.yaml: more than ${MAX_COLLECTED_PROBLEMS - 10} more YAML problems not shown (the rest of the file was not checked)`,
      `big.yaml: more than ${MAX_COLLECTED_PROBLEMS} problems`,
    ]);
  });

  it('still counts exactly below the bound', () => {
    const { problems } = parseYaml(`a: 1\n${']\n'.repeat(30)}`, 'f.yaml');
    expect(problems[10]).toMatchObject({ message: '20 more YAML problems not shown', omitted: 20 });
    expect(problems[10]!.atLeast).toBeUndefined();
  });

  it('cuts messages that quote a megabyte of source', () => {
    for (const text of [`a: ${repeated('!', MB)}`, `a: ${repeated('*', MB)}`, repeated('|', MB)]) {
      const { problems } = parseYaml(text, 'f.yaml');
      expect(problems.length).toBeGreaterThan(0);
      for (const problem of problems) expect(problem.message.length).toBeLessThanOrEqual(200);
    }
  });

  it('refuses a document of more than MAX_TOKENS tokens at the token where it passes the limit', () => {
    const text = `a: [${'1,'.repeat(MAX_TOKENS)}1]\n`;
    expect(parseYaml(text, 'f.yaml').problems).toEqual([
      {
        file: 'f.yaml',
        path: '',
        message: `the document is too large: more than ${MAX_TOKENS} YAML tokens`,
        line: 1,
        column: expect.any(Number),
      },
    ]);
  });
});

describe('a multi-line value costs a token per line', () => {
  // `yaml` folds a scalar line by line: a 5 MB block scalar of short lines took 350 MB before.
  const lines = MAX_TOKENS + 10;
  it.each([
    ['a block scalar', `a: |\n${' x\n'.repeat(lines)}`, 2],
    ['a folded scalar', `a: >\n${' x\n'.repeat(lines)}`, 2],
    ['a plain scalar', `a: x\n${'  x\n'.repeat(lines)}`, 1],
    ['a single-quoted scalar', `a: '${' x\n'.repeat(lines)}'\n`, 1],
    ['a double-quoted scalar', `a: "${' x\n'.repeat(lines)}"\n`, 1],
    ['a scalar that never ends', `"${'x\n'.repeat(lines)}`, 1],
  ])('%s of more than MAX_TOKENS lines is refused', (_, text, line) => {
    expect(exceedsTokenLimit(text)).toBe(true);
    expect(parseYaml(text, 'f.yaml').problems).toEqual([
      {
        file: 'f.yaml',
        path: '',
        message: `the document is too large: more than ${MAX_TOKENS} YAML tokens`,
        line,
        column: expect.any(Number),
      },
    ]);
  });

  it('a long value of few lines is not', () => {
    const text = `a: |\n${` ${'x'.repeat(1000)}\n`.repeat(1000)}`;
    expect(exceedsTokenLimit(text)).toBe(false);
    expect(parseYaml(text, 'f.yaml').problems).toEqual([]);
  });

  it('a CR LF line break costs what a LF does', () => {
    const text = `a: 1\n${'b: |\n  x\n  y\n'.repeat(3)}`;
    const cost = (t: string) => [...new Lexer().lex(t)].reduce((n, l) => n + tokenCost(l), 0);
    expect(cost(text.replace(/\n/g, '\r\n'))).toBe(cost(text));
  });

  it('text up to MAX_UNCOUNTED_LENGTH cannot pass the limit (3 tokens a character at most)', () => {
    const unit = fc.constantFrom(...' \n\r\t-?:,[]{}#&*!|>\'"%@`a1\\'.split(''));
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 200 }), (text) => {
        const cost = [...new Lexer().lex(text)].reduce((n, l) => n + tokenCost(l), 0);
        expect(cost).toBeLessThanOrEqual(3 * text.length + 1);
      }),
      { numRuns: 2000, seed: 12 },
    );
    expect(4 * MAX_UNCOUNTED_LENGTH).toBeLessThanOrEqual(MAX_TOKENS);
  });
});

describe('positions are counted from the text', () => {
  it('after a multi-line plain scalar the parser rejects', () => {
    const text = ' organization: Acme\nunit: Sales\n team\nanswers:\n  x: 1\n';
    const at = parseYaml(text, 'f.yaml').problems.map(({ line, column }) => `${line}:${column}`);
    // `answers` is on line 4 and `x: 1` on line 5 (one line too early before).
    expect(at).toEqual(['2:1', '2:5', '2:7', '4:1', '4:8', '5:3', '5:4', '5:6']);
    expectInside(text, parseYaml(text, 'f.yaml').problems);
  });

  it('never past the end of a line', () => {
    const text = ' a: 1\nb\n  c: 2\n';
    const { problems } = parseYaml(text, 'f.yaml');
    expect(problems.map(({ line, column }) => `${line}:${column}`)).toEqual(['2:1', '3:4', '3:6']);
    expectInside(text, problems);
  });

  it('in answers files too, where the fast path steps aside', async () => {
    const text = 'organization: Acme\nunit: "Sales\n\n dept\nanswers:\n  x: 1\n';
    const source = await parseAnswersText(text, 'a.yaml');
    expect(source.problems.map(({ line, column }) => `${line}:${column}`)).toEqual(['2:7']);
    const other = await parseAnswersText(' a: 1\nb\n  c: 2\nanswers: {}\n', 'a.yaml');
    expect(other.problems.map(({ line, column }) => `${line}:${column}`)).toEqual([
      '2:1',
      '3:4',
      '3:6',
      '4:1',
      '4:8',
      '4:10',
      '4:11',
    ]);
  });

  it('with CR LF line endings, CR LF is one break', () => {
    const text = ' a: 1\r\nb\r\n  c: 2\r\n';
    const { problems } = parseYaml(text, 'f.yaml');
    expect(problems.map(({ line, column }) => `${line}:${column}`)).toEqual(['2:1', '3:4', '3:6']);
  });
});

describe('core-schema tags: one rule for all seven', () => {
  const value = (text: string) => {
    const doc = parseYaml(`a: ${text}\n`, 'f.yaml');
    expect(doc.problems).toEqual([]);
    return (doc.value as { a: unknown }).a;
  };
  const refusal = (text: string) => {
    const { problems } = parseYaml(`a: ${text}\n`, 'f.yaml');
    expect(problems).toHaveLength(1);
    return `${problems[0]!.line}:${problems[0]!.column}: ${problems[0]!.message}`;
  };

  it('mean what YAML 1.2 says on the values they describe', () => {
    expect(value('!!str 3')).toBe('3');
    expect(value('!!str true')).toBe('true');
    expect(value('!!int 3')).toBe(3);
    expect(value('!!int 0x1F')).toBe(31);
    expect(value('!!int 0o17')).toBe(15);
    expect(value('!!int -7')).toBe(-7);
    expect(value('!!float 3')).toBe(3);
    expect(value('!!float 3.5')).toBe(3.5);
    expect(value('!!float -1e3')).toBe(-1000);
    expect(value('!!float .inf')).toBe(Infinity);
    expect(value('!!float "2"')).toBe(2);
    expect(value('!!bool true')).toBe(true);
    expect(value('!!bool FALSE')).toBe(false);
    expect(value('!!null ~')).toBeNull();
    expect(value('!!null')).toBeNull();
    expect(value('!!map {b: 1}')).toEqual({ b: 1 });
    expect(value('!!seq [1, 2]')).toEqual([1, 2]);
    expect(value('!<tag:yaml.org,2002:float> 3')).toBe(3);
  });

  it('are an error on a value they cannot describe, at the tag', () => {
    expect(refusal('!!int 3.5')).toBe('1:4: !!int needs a whole number, not "3.5"');
    expect(refusal('!!int abc')).toBe('1:4: !!int needs a whole number, not "abc"');
    expect(refusal('!!float abc')).toBe('1:4: !!float needs a number, not "abc"');
    expect(refusal('!!float 0x1F')).toBe('1:4: !!float needs a number, not "0x1F"');
    expect(refusal('!!bool yes')).toBe('1:4: !!bool needs true or false, not "yes"');
    expect(refusal('!!null abc')).toBe('1:4: !!null needs null, not "abc"');
    expect(refusal('!!map [1]')).toBe('1:4: !!map can only tag a mapping');
    expect(refusal('!!seq {b: 1}')).toBe('1:4: !!seq can only tag a list');
    expect(refusal('!!str [1]')).toBe(
      '1:4: !!str can only tag a single value, not a list or a mapping',
    );
    expect(refusal('!!int {b: 1}')).toBe(
      '1:4: !!int can only tag a single value, not a list or a mapping',
    );
  });

  it('every other tag is refused', () => {
    for (const tag of ['!!set', '!!binary', '!!timestamp', '!!omap', '!custom', '!!js/function']) {
      expect(refusal(`${tag} x`)).toMatch(
        /^1:4: unsupported YAML tag: .* \(files are data only\)$/,
      );
    }
  });

  it('apply in rubrics the same way: !!float 3 is a valid weight', () => {
    const rubric = (weight: string) =>
      [
        'id: tiny',
        'version: 1.0.0',
        'title: Tiny',
        'scale: [{ value: 0, label: No }, { value: 1, label: Yes }]',
        'stages:',
        '  - id: one',
        '    name: One',
        '    tenets:',
        '      - id: t',
        '        title: T',
        `        weight: ${weight}`,
        '        questions: [{ id: q, text: Q? }]',
        '        moves: [Do it]',
      ].join('\n');
    expect(checkRubricText(rubric('!!float 3'), 'r.yaml').problems).toEqual([]);
    expect(checkRubricText(rubric('!!int 3'), 'r.yaml').problems).toEqual([]);
    expect(checkRubricText(rubric('!!int 2.5'), 'r.yaml').problems[0]).toMatchObject({
      line: 11,
      column: 17,
      message: '!!int needs a whole number, not "2.5"',
    });
  });
});
