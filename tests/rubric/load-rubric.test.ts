import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/problems/user-error.js';
import { checkRubricText, loadRubricFile } from '../../src/rubric/load.js';
import { fixture, ROOT } from '../helpers/run-cli.js';

const BUILTIN = join(ROOT, 'rubrics', 'social-business.yaml');
const MINIMAL = 'rubric-minimal.yaml';

/** A rubric of tests/fixtures: rubric-minimal.yaml is the good one, the others are bad. */
function rubricFixture(name: string): string {
  return fixture(name === MINIMAL ? 'ok' : 'bad', name);
}

/** Checks a fixture the way the CLI does: read as text, then parse and validate. */
function checkFixture(name: string) {
  return checkRubricText(readFileSync(rubricFixture(name), 'utf8'), name);
}

describe('the built-in rubric', () => {
  const rubric = loadRubricFile(BUILTIN);

  it('loads with its six stages in order', () => {
    expect(rubric.id).toBe('social-business');
    expect(rubric.version).toBe('1.0.0');
    expect(rubric.stages.map((stage) => stage.id)).toEqual([
      'planning',
      'presence',
      'engagement',
      'formalized',
      'strategic',
      'converged',
    ]);
  });

  it('has 22 tenets and 53 questions', () => {
    const tenets = rubric.stages.flatMap((stage) => stage.tenets);
    expect(tenets).toHaveLength(22);
    expect(tenets.flatMap((tenet) => tenet.questions)).toHaveLength(53);
  });

  it('gives every tenet at least one move and every benchmark a known target', () => {
    const tenets = rubric.stages.flatMap((stage) => stage.tenets);
    const questions = new Set(tenets.flatMap((tenet) => tenet.questions.map((q) => q.id)));
    for (const tenet of tenets) expect(tenet.moves.length).toBeGreaterThan(0);
    for (const benchmark of rubric.benchmarks) {
      if (benchmark.question !== undefined) expect(questions).toContain(benchmark.question);
      else expect(tenets.map((tenet) => tenet.id)).toContain(benchmark.tenet);
    }
  });
});

describe('a valid rubric', () => {
  it('loads the minimal fixture', () => {
    const { rubric, problems } = checkFixture(MINIMAL);
    expect(problems).toEqual([]);
    expect(rubric?.id).toBe('minimal');
    expect(rubric?.stages.map((stage) => stage.id)).toEqual(['start', 'finish']);
  });

  it('applies the defaults: weight 1, the rubric threshold and scale, notApplicable false', () => {
    const rubric = loadRubricFile(rubricFixture(MINIMAL));
    const [start, finish] = rubric.stages;
    const basics = start!.tenets[0]!;
    const hasPlan = basics.questions[0]!;
    expect(rubric.threshold).toBe(0.6);
    expect(start!.threshold).toBe(0.6);
    expect(basics.weight).toBe(1);
    expect(hasPlan.weight).toBe(1);
    expect(hasPlan.notApplicable).toBe(false);
    expect(hasPlan.scale).toEqual(rubric.scale);
    expect(hasPlan).not.toHaveProperty('help');

    // Values written in the file win over the defaults.
    const review = finish!.tenets[0]!;
    const reviewed = review.questions[0]!;
    expect(finish!.threshold).toBe(0.9);
    expect(review.weight).toBe(2);
    expect(reviewed.weight).toBe(3);
    expect(reviewed.notApplicable).toBe(true);
    expect(reviewed.scale.map((level) => level.value)).toEqual([1, 2, 3]);
  });

  it('defaults the rubric threshold to 0.7 and benchmarks to an empty list', () => {
    const text = readFileSync(rubricFixture(MINIMAL), 'utf8')
      .replace('threshold: 0.6\n', '')
      .replace(/\nbenchmarks:[\s\S]*$/, '\n');
    const { rubric, problems } = checkRubricText(text, 'no-threshold.yaml');
    expect(problems).toEqual([]);
    expect(rubric?.threshold).toBe(0.7);
    expect(rubric?.stages[0]?.threshold).toBe(0.7);
    expect(rubric?.stages[1]?.threshold).toBe(0.9);
    expect(rubric?.benchmarks).toEqual([]);
  });

  it('accepts CRLF line endings, with the same positions for problems', () => {
    const good = readFileSync(rubricFixture(MINIMAL), 'utf8');
    expect(checkRubricText(good.replace(/\n/g, '\r\n'), 'crlf.yaml')).toEqual(
      checkRubricText(good, 'crlf.yaml'),
    );
    const bad = readFileSync(rubricFixture('rubric-weight-zero.yaml'), 'utf8');
    expect(checkRubricText(bad.replace(/\n/g, '\r\n'), 'crlf.yaml').problems).toEqual([
      {
        file: 'crlf.yaml',
        path: 'stages.0.tenets.0.weight',
        message: 'weight must be greater than 0',
        line: 15,
        column: 17,
      },
    ]);
  });

  it('accepts a byte order mark, in a file and in text', () => {
    const good = readFileSync(rubricFixture(MINIMAL), 'utf8');
    expect(checkRubricText(`\ufeff${good}`, 'bom.yaml').problems).toEqual([]);
    const dir = mkdtempSync(join(tmpdir(), 'maturity-bom-'));
    try {
      const file = join(dir, 'bom.yaml');
      writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(good)]));
      expect(loadRubricFile(file).id).toBe('minimal');
      const bad = readFileSync(rubricFixture('rubric-weight-zero.yaml'), 'utf8');
      expect(checkRubricText(`\ufeff${bad}`, 'bom.yaml').problems[0]).toMatchObject({
        line: 15,
        column: 17,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('accepts JSON, which is YAML', () => {
    const rubric = loadRubricFile(rubricFixture(MINIMAL));
    const { rubric: again, problems } = checkRubricText(JSON.stringify(rubric), 'minimal.json');
    expect(problems).toEqual([]);
    expect(again).toEqual(rubric);
  });
});

interface Case {
  file: string;
  path: string;
  message: string;
  line: number;
  column: number;
  /** The only problem, unless the YAML parser goes on to report what follows from it. */
  followedBy?: 'parser errors';
}

// One fixture of tests/fixtures/bad per rule. Each position was checked by hand against the
// fixture: it points at the offending value (or key, for unknown and duplicate keys), or at the
// mapping that lacks a field.
const cases: Case[] = [
  // YAML syntax and safety
  {
    file: 'rubric-yaml-unclosed-flow-mapping.yaml',
    path: '',
    // The unclosed flow mapping starts on line 5; the parser notices on the next line.
    message:
      'invalid YAML: flow map in block collection must be sufficiently indented and end with a }',
    line: 6,
    column: 3,
  },
  {
    file: 'rubric-yaml-duplicate-key.yaml',
    path: '',
    message: 'duplicate key (YAML map keys must be unique)',
    line: 26,
    column: 5,
  },
  {
    file: 'rubric-yaml-tab-indent.yaml',
    path: '',
    message: 'tabs are not allowed as indentation in YAML; indent with spaces',
    line: 11,
    column: 1,
    followedBy: 'parser errors',
  },
  {
    file: 'rubric-tag-js-function.yaml',
    path: '',
    message: 'unsupported YAML tag: tag:yaml.org,2002:js/function (files are data only)',
    line: 3,
    column: 8,
  },
  {
    file: 'rubric-yaml-several-documents.yaml',
    path: '',
    message: 'the file holds several YAML documents; put everything in one',
    line: 41,
    column: 1,
  },
  {
    file: 'rubric-alias-bomb.yaml',
    path: '',
    message: 'aliases expand too much (more than 100); refused as unsafe',
    line: 1,
    column: 1,
  },
  // The document itself
  {
    file: 'rubric-document-empty.yaml',
    path: '',
    message: 'the rubric file is empty',
    line: 1,
    column: 1,
  },
  {
    file: 'rubric-document-only-comments.yaml',
    path: '',
    message: 'the rubric file is empty',
    line: 1,
    column: 1,
  },
  {
    file: 'rubric-document-list.yaml',
    path: '',
    message: 'the document must be a mapping, not a list',
    line: 1,
    column: 1,
  },
  // Unknown keys: at the key
  {
    file: 'rubric-unknown-key-top-level.yaml',
    path: 'author',
    message: 'unknown key "author"',
    line: 5,
    column: 1,
  },
  {
    file: 'rubric-unknown-key-tenet.yaml',
    path: 'stages.1.tenets.0.wieght',
    message: 'unknown key "wieght"; did you mean "weight"?',
    line: 30,
    column: 9,
  },
  {
    file: 'rubric-unknown-key-scale-level.yaml',
    path: 'scale.2.colour',
    message: 'unknown key "colour"',
    line: 8,
    column: 29,
  },
  {
    file: 'rubric-proto-key-top-level.yaml',
    path: '__proto__',
    message: 'unknown key "__proto__"',
    line: 4,
    column: 1,
  },
  // Missing required fields: at the mapping that lacks them
  {
    file: 'rubric-missing-title.yaml',
    path: 'title',
    message: 'missing required field "title"',
    line: 1,
    column: 1,
  },
  {
    file: 'rubric-missing-question-text.yaml',
    path: 'stages.0.tenets.0.questions.0.text',
    message: 'missing required field "text"',
    line: 14,
    column: 13,
  },
  // Wrong types: at the value
  {
    file: 'rubric-weight-string.yaml',
    path: 'stages.0.tenets.0.weight',
    message: 'weight must be a finite number, not the string "heavy"',
    line: 15,
    column: 17,
  },
  {
    file: 'rubric-wrong-type-stages-mapping.yaml',
    path: 'stages',
    message: 'stages must be a list, not a mapping',
    line: 8,
    column: 3,
  },
  {
    file: 'rubric-wrong-type-not-applicable-string.yaml',
    path: 'stages.0.tenets.0.questions.1.notApplicable',
    message: 'notApplicable must be true or false, not the string "sometimes"',
    line: 21,
    column: 28,
  },
  {
    file: 'rubric-wrong-type-version-number.yaml',
    path: 'version',
    message: 'version must be a string, not the number 1',
    line: 2,
    column: 10,
  },
  // Formats
  {
    file: 'rubric-question-id-not-kebab-case.yaml',
    path: 'stages.0.tenets.0.questions.0.id',
    message: 'id must be kebab-case: lowercase letters, digits and single dashes',
    line: 14,
    column: 17,
  },
  {
    file: 'rubric-version-not-semver.yaml',
    path: 'version',
    message: 'version must be a semantic version such as 1.0.0',
    line: 2,
    column: 10,
  },
  {
    file: 'rubric-empty-title.yaml',
    path: 'title',
    message: 'title must not be empty',
    line: 3,
    column: 8,
  },
  // Empty lists
  {
    file: 'rubric-empty-stages.yaml',
    path: 'stages',
    message: 'stages must have at least 1 stage',
    line: 9,
    column: 9,
  },
  {
    file: 'rubric-empty-tenets.yaml',
    path: 'stages.1.tenets',
    message: 'tenets must have at least 1 tenet',
    line: 27,
    column: 13,
  },
  {
    file: 'rubric-empty-questions.yaml',
    path: 'stages.1.tenets.0.questions',
    message: 'questions must have at least 1 question',
    line: 30,
    column: 20,
  },
  {
    file: 'rubric-empty-moves.yaml',
    path: 'stages.0.tenets.0.moves',
    message: 'moves must have at least 1 move',
    line: 16,
    column: 16,
  },
  // Weights and thresholds
  {
    file: 'rubric-weight-zero.yaml',
    path: 'stages.0.tenets.0.weight',
    message: 'weight must be greater than 0',
    line: 15,
    column: 17,
  },
  {
    file: 'rubric-weight-negative.yaml',
    path: 'stages.1.tenets.0.questions.0.weight',
    message: 'weight must be greater than 0',
    line: 33,
    column: 21,
  },
  {
    file: 'rubric-threshold-above-one.yaml',
    path: 'stages.1.threshold',
    message: 'threshold must be greater than 0 and at most 1',
    line: 26,
    column: 16,
  },
  {
    file: 'rubric-threshold-zero.yaml',
    path: 'threshold',
    message: 'threshold must be greater than 0 and at most 1',
    line: 4,
    column: 12,
  },
  // Scales
  {
    file: 'rubric-scale-one-level.yaml',
    path: 'scale',
    message: 'scale must have at least 2 levels',
    line: 6,
    column: 3,
  },
  {
    file: 'rubric-scale-duplicate-values.yaml',
    path: 'scale.2.value',
    message: 'duplicate scale value 1 (already used on line 7)',
    line: 8,
    column: 14,
  },
  {
    file: 'rubric-question-scale-duplicate-values.yaml',
    path: 'stages.0.tenets.0.questions.0.scale.1.value',
    message: 'duplicate scale value 2 (already used on line 17)',
    line: 19,
    column: 24,
  },
  // Duplicate ids: at the second one
  {
    file: 'rubric-duplicate-stage-id.yaml',
    path: 'stages.1.id',
    message: 'duplicate stage id "start" (first used on line 10)',
    line: 24,
    column: 9,
  },
  {
    file: 'rubric-duplicate-tenet-id-across-stages.yaml',
    path: 'stages.1.tenets.0.id',
    message: 'duplicate tenet id "basics" (first used on line 13)',
    line: 28,
    column: 13,
  },
  {
    file: 'rubric-duplicate-question-id-across-stages.yaml',
    path: 'stages.1.tenets.0.questions.0.id',
    message: 'duplicate question id "has-owner" (first used on line 19)',
    line: 31,
    column: 17,
  },
  // Benchmarks
  {
    file: 'rubric-benchmark-unknown-question.yaml',
    path: 'benchmarks.0.question',
    message: 'benchmark names unknown question "has-a-plan"; did you mean "has-plan"?',
    line: 37,
    column: 15,
  },
  {
    file: 'rubric-benchmark-unknown-tenet.yaml',
    path: 'benchmarks.0.tenet',
    message: 'benchmark names unknown tenet "basic"; did you mean "basics"?',
    line: 37,
    column: 12,
  },
  {
    file: 'rubric-benchmark-no-target.yaml',
    path: 'benchmarks.0',
    message: 'a benchmark needs a "question" or a "tenet" to compare with',
    line: 19,
    column: 5,
  },
  {
    file: 'rubric-benchmark-question-and-tenet.yaml',
    path: 'benchmarks.0',
    message: 'a benchmark names either a "question" or a "tenet", not both',
    line: 19,
    column: 5,
  },
  {
    file: 'rubric-benchmark-share-above-one.yaml',
    path: 'benchmarks.0.share',
    message: 'share must be between 0 and 1; did you mean 0.4?',
    line: 21,
    column: 12,
  },
];

describe('an invalid rubric', () => {
  it.each(cases)('$file: $message', ({ file, followedBy, ...expected }) => {
    const { rubric, problems } = checkFixture(file);
    expect(rubric).toBeUndefined();
    if (followedBy) {
      expect(problems[0]).toEqual({ file, ...expected });
      expect(
        problems.slice(1).every((problem) => problem.message.startsWith('invalid YAML: ')),
      ).toBe(true);
    } else {
      expect(problems).toEqual([{ file, ...expected }]);
    }
  });

  it('reports every problem of a file, in file order', () => {
    const file = 'rubric-several-problems.yaml';
    const { rubric, problems } = checkFixture(file);
    expect(rubric).toBeUndefined();
    expect(
      problems.map(({ line, column, path, message }) => ({ line, column, path, message })),
    ).toEqual([
      { line: 1, column: 1, path: 'title', message: 'missing required field "title"' },
      {
        line: 1,
        column: 5,
        path: 'id',
        message: 'id must be kebab-case: lowercase letters, digits and single dashes',
      },
      {
        line: 3,
        column: 12,
        path: 'threshold',
        message: 'threshold must be greater than 0 and at most 1',
      },
      {
        line: 6,
        column: 14,
        path: 'scale.1.value',
        message: 'duplicate scale value 0 (already used on line 5)',
      },
      { line: 10, column: 5, path: 'stages.0.colour', message: 'unknown key "colour"' },
      {
        line: 14,
        column: 17,
        path: 'stages.0.tenets.0.weight',
        message: 'weight must be greater than 0',
      },
      {
        line: 20,
        column: 9,
        path: 'stages.1.id',
        message: 'duplicate stage id "start" (first used on line 8)',
      },
      {
        line: 25,
        column: 17,
        path: 'stages.1.tenets.0.weight',
        message: 'weight must be a finite number, not the string "2"',
      },
      {
        line: 27,
        column: 17,
        path: 'stages.1.tenets.0.questions.0.id',
        message: 'duplicate question id "has-plan" (first used on line 16)',
      },
      {
        line: 29,
        column: 16,
        path: 'stages.1.tenets.0.moves',
        message: 'moves must have at least 1 move',
      },
      {
        line: 31,
        column: 15,
        path: 'benchmarks.0.question',
        message: 'benchmark names unknown question "no-such-question"',
      },
    ]);
    expect(problems.every((problem) => problem.file === file)).toBe(true);
  });

  it('reports every unknown key, not only the first', () => {
    const text = readFileSync(rubricFixture(MINIMAL), 'utf8').replace(
      'title: Minimal rubric\n',
      'title: Minimal rubric\nauthor: me\nlicense: MIT\n',
    );
    expect(checkRubricText(text, 'keys.yaml').problems).toEqual([
      { file: 'keys.yaml', path: 'author', message: 'unknown key "author"', line: 4, column: 1 },
      { file: 'keys.yaml', path: 'license', message: 'unknown key "license"', line: 5, column: 1 },
    ]);
  });

  it('does not let a __proto__ key pollute objects', () => {
    const text = readFileSync(rubricFixture('rubric-proto-key-top-level.yaml'), 'utf8');
    const nested = text.replace(
      '    name: Start\n',
      '    name: Start\n    __proto__: { polluted: yes }\n',
    );
    const { problems } = checkRubricText(nested, 'proto.yaml');
    expect(problems.map((problem) => problem.path)).toEqual(['__proto__', 'stages.0.__proto__']);
    expect(problems[1]).toMatchObject({ message: 'unknown key "__proto__"', line: 12, column: 5 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('does not throw on input that is not a rubric at all', () => {
    for (const text of ['42', '"text"', 'null', '[]', '{}', '- - -', 'a: [1, {b: }]', '\u0000']) {
      expect(() => checkRubricText(text, 'odd.yaml')).not.toThrow();
      expect(checkRubricText(text, 'odd.yaml').problems.length).toBeGreaterThan(0);
    }
  });
});

describe('loadRubricFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'maturity-load-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function userError(load: () => unknown): UserError {
    try {
      load();
    } catch (error) {
      expect(error).toBeInstanceOf(UserError);
      return error as UserError;
    }
    throw new Error('expected a UserError');
  }

  it('throws a UserError listing every problem, with exit code 2', () => {
    const file = rubricFixture('rubric-several-problems.yaml');
    const error = userError(() => loadRubricFile(file));
    expect(error.message).toBe(`${file}: invalid rubric`);
    expect(error.exitCode).toBe(2);
    expect(error.problems).toHaveLength(11);
    expect(error.lines()[0]).toBe(`${file}:1:1: missing required field "title" (at title)`);
  });

  it('says when the file does not exist', () => {
    const file = join(dir, 'missing.yaml');
    expect(userError(() => loadRubricFile(file)).message).toBe(`${file}: no such file`);
  });

  it('says when the path is a directory', () => {
    expect(userError(() => loadRubricFile(dir)).message).toBe(`${dir}: is a directory, not a file`);
  });

  it('says where a file stops being UTF-8', () => {
    const file = join(dir, 'latin1.yaml');
    writeFileSync(file, Buffer.from('id: minimal\nversion: 0.1.0\ntitle: Caf\xe9\n', 'latin1'));
    expect(userError(() => loadRubricFile(file)).message).toBe(
      `${file}:3:11: file is not valid UTF-8 text`,
    );
  });

  it('refuses a file over 5 MB before parsing it', () => {
    const file = join(dir, 'huge.yaml');
    writeFileSync(file, `# ${'x'.repeat(5 * 1024 * 1024)}\n`);
    expect(userError(() => loadRubricFile(file)).message).toBe(
      `${file}: file is too large: ${5 * 1024 * 1024 + 3} bytes, over the 5 MB limit`,
    );
  });
});
