import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { loadAnswersFile } from '../../src/answers/load.js';
import { assessAnswers as assess } from '../../src/engine/analyse.js';
import { loadBuiltinRubric } from '../../src/rubric/builtin.js';
import { expectCleanFailure, lines, ROOT, tempFolders } from '../helpers/run-cli.js';
import { runMain, type MainOptions } from '../helpers/run-main.js';

/** The escape that starts every ANSI colour sequence. */
const ESC = '\u001b';

const ACME = 'examples/acme-engagement.yaml';
const GLOBEX = 'examples/globex-coe-trap.yaml';
const INITECH = 'examples/initech-strategic.yaml';
const NORTHWIND = 'examples/northwind-planning.yaml';
/** Every example of the full model, in the order the tool sorts them. */
const EXAMPLES = [ACME, GLOBEX, INITECH, NORTHWIND];
/** The example of the quick check (social-business-quick). */
const QUICK = 'examples/quick-check.yaml';
/** Every file in examples/, in the order the tool sorts them. */
const ALL_EXAMPLES = [...EXAMPLES, QUICK];

const BAD = 'tests/fixtures/bad';
const MINIMAL_RUBRIC = 'tests/fixtures/ok/rubric-minimal.yaml';
/** Answers for the minimal rubric that name it by a path relative to the file. */
const MINIMAL_ANSWERS = 'tests/fixtures/ok/answers-minimal-rubric-by-path.yaml';
/** Answers for the minimal rubric that do not name it: scored with --rubric. */
const MINIMAL_WITHOUT_RUBRIC = 'answers:\n  has-plan: 1\n  reviewed: 3\n';

interface JsonStage {
  number: number;
  id: string;
  name: string;
  score: number | null;
  threshold: number;
  attained: boolean;
}

interface JsonResult {
  source: string;
  organization: string | null;
  unit: string | null;
  rubric: { id: string; version: string };
  currentStage: { number: number; id: string | null; name: string | null };
  maturityIndex: number;
  completeness: number;
  stages: JsonStage[];
  gaps: unknown[];
  path: { stage: string; tenets: string[] } | null;
  moves: { stage: string; tenet: string; text: string }[];
  ahead: string[];
  foundationGaps: string[];
  pitfalls: { stage: string; tenet: string; text: string }[];
  unanswered: string[];
}

interface JsonReport {
  schemaVersion: number;
  results: JsonResult[];
}

/** Runs `maturity score …` and parses its JSON report. */
async function scoreJson(args: string[], options: MainOptions = {}): Promise<JsonReport> {
  const result = await runMain(['score', ...args, '--format', 'json'], options);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as JsonReport;
}

const freshDir = tempFolders('cli-score');

describe('maturity score: the examples land where they say', () => {
  it.each([
    [NORTHWIND, 1, 'planning', 1, 2],
    [GLOBEX, 0, null, 0, 1],
    [INITECH, 5, 'strategic', 5, 6],
    [ACME, 2, 'presence', 2, 3],
  ])('%s is at stage %i (%s)', async (file, number, id, low, high) => {
    const [result] = (await scoreJson([file])).results;
    expect(result!.currentStage.number).toBe(number);
    expect(result!.currentStage.id).toBe(id);
    expect(result!.maturityIndex).toBeGreaterThanOrEqual(low);
    expect(result!.maturityIndex).toBeLessThan(high);
  });

  it('the centre-of-excellence example attains later stages over an unattained Planning', async () => {
    const [result] = (await scoreJson([GLOBEX])).results;
    const attained = result!.stages.filter((s) => s.attained).map((s) => s.id);
    expect(attained).toEqual(['presence', 'engagement', 'formalized']);
    expect(result!.stages[0]!.score).toBeGreaterThan(0.6);
    expect(result!.ahead).toEqual(['presence', 'engagement', 'formalized']);
    expect(result!.foundationGaps).toEqual(['planning']);
    expect(result!.pitfalls).toEqual([
      {
        stage: 'formalized',
        tenet: 'center-of-excellence',
        text: expect.stringMatching(/^This is the center-of-excellence trap: /),
      },
    ]);
    expect(result!.completeness).toBe(1);
  });

  it('the partly answered example leaves about half the questions empty', async () => {
    const [result] = (await scoreJson([ACME])).results;
    expect(result!.completeness).toBeGreaterThan(0.4);
    expect(result!.completeness).toBeLessThan(0.6);
    expect(result!.unanswered.length).toBeGreaterThan(20);
  });

  it('every example records its organization, rubric and version', () => {
    for (const file of EXAMPLES) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      expect(text).toMatch(/^rubric: social-business$/m);
      expect(text).toMatch(/^rubricVersion: 1\.0\.0$/m);
      for (const key of ['organization', 'unit', 'respondent', 'role', 'assessedAt']) {
        expect(text).toMatch(new RegExp(`^${key}: \\S`, 'm'));
      }
      expect(text).toMatch(/note: "/);
      expect(text).toMatch(/: (\{ value: )?n\/a\b/);
    }
  });
});

describe('maturity score: JSON agrees with the engine', () => {
  it.each(EXAMPLES)('%s, field by field', async (file) => {
    const rubric = await loadBuiltinRubric('social-business');
    const source = await loadAnswersFile(join(ROOT, file), file);
    expect(source.problems).toEqual([]);
    const expected = assess(rubric, source.answers!.answers);

    const report = await scoreJson([file]);
    expect(report.schemaVersion).toBe(1);
    expect(report.results).toHaveLength(1);
    const actual = report.results[0]!;
    expect(actual.source).toBe(file);
    expect(actual.rubric).toEqual({ id: 'social-business', version: '1.0.0' });
    expect(actual.organization).toBe(source.answers!.organization);
    expect(actual.unit).toBe(source.answers!.unit);
    expect(actual.currentStage).toEqual(expected.currentStage);
    expect(actual.maturityIndex).toBe(expected.maturityIndex);
    expect(actual.completeness).toBe(expected.completeness);
    expect(
      actual.stages.map(({ number, id, name, score, threshold, attained }) => ({
        number,
        id,
        name,
        score,
        threshold,
        attained,
      })),
    ).toEqual(
      expected.stages.map(({ number, id, name, score, threshold, attained }) => ({
        number,
        id,
        name,
        score,
        threshold,
        attained,
      })),
    );
    expect(actual.gaps).toEqual(expected.gaps);
    expect(actual.path).toEqual(expected.path);
    expect(actual.moves).toEqual(expected.moves);
    expect(actual.ahead).toEqual(expected.ahead);
    expect(actual.foundationGaps).toEqual(expected.foundationGaps);
    expect(actual.pitfalls).toEqual(expected.pitfalls);
    expect(actual.unanswered).toEqual(expected.unanswered);
  });

  it('keeps the path as given for each file of a batch, in sorted order', async () => {
    const report = await scoreJson([NORTHWIND, `./${GLOBEX}`]);
    expect(report.results.map((r) => r.source)).toEqual([`./${GLOBEX}`, NORTHWIND]);
  });
});

describe('maturity score: formats', () => {
  it('text (the default) leads with the stage and the index', async () => {
    const result = await runMain(['score', NORTHWIND]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).not.toContain(ESC);
    const out = lines(result.stdout);
    expect(out[0]).toBe(`Northwind Traders · Marketing  ${NORTHWIND}`);
    expect(out).toContain('Stage 1 of 6 — Planning · index 1.47');
    expect((await runMain(['score', NORTHWIND, '--format', 'text'])).stdout).toBe(result.stdout);
  });

  it('json is one document with schemaVersion 1', async () => {
    const report = await scoreJson(EXAMPLES);
    expect(report.schemaVersion).toBe(1);
    expect(report.results.map((r) => r.source)).toEqual(EXAMPLES);
  });

  it('markdown is non-empty and never coloured, even when colour is forced', async () => {
    const result = await runMain(['score', ...EXAMPLES, '--format', 'markdown'], {
      env: { FORCE_COLOR: '1' },
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).not.toBe('');
    expect(result.stdout).not.toContain(ESC);
    for (const org of ['Acme Corp', 'Globex Corporation', 'Initech', 'Northwind Traders']) {
      expect(result.stdout).toContain(org);
    }
  });

  it('csv has a header starting with "file," and one row per answers file', async () => {
    const result = await runMain(['score', ...EXAMPLES, '--format', 'csv']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).not.toContain(ESC);
    const rows = lines(result.stdout);
    expect(rows[0]).toMatch(/^file,/);
    expect(rows).toHaveLength(1 + EXAMPLES.length);
    EXAMPLES.forEach((file, i) => expect(rows[i + 1]).toContain(file));
  });

  it('junit is XML with one test case per stage per file, failed when not attained', async () => {
    const result = await runMain(['score', NORTHWIND, INITECH, '--format', 'junit']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout.startsWith('<?xml')).toBe(true);
    expect(result.stdout).not.toContain(ESC);
    // Well formed: the parser throws on broken XML when validation is asked for.
    const parser = new XMLParser({ ignoreAttributes: false });
    expect(() => parser.parse(result.stdout, true)).not.toThrow();
    const testcases = result.stdout.match(/<testcase\b/g) ?? [];
    expect(testcases).toHaveLength(12);
    // Northwind attains 1 stage of 6, Initech 5 of 6: 5 + 1 failures.
    const failures = result.stdout.match(/<failure\b/g) ?? [];
    expect(failures).toHaveLength(6);
  });

  it('rejects an unknown format with exit 2', async () => {
    const result = await runMain(['score', NORTHWIND, '--format', 'xml']);
    expectCleanFailure(result, 2);
    expect(result.stdout).toBe('');
    expect(lines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toContain('xml');
  });
});

describe('maturity score: --min-stage', () => {
  it.each([
    ['0', 0],
    ['1', 0],
    ['2', 1],
    ['5', 1],
    ['6', 1],
    ['planning', 0],
    ['presence', 1],
    ['formalized', 1],
  ])('northwind (stage 1) with --min-stage %s exits %i', async (minimum, code) => {
    const result = await runMain(['score', NORTHWIND, '--min-stage', minimum]);
    expect(result.code).toBe(code);
    expect(result.stdout).toContain('Stage 1 of 6 — Planning');
    if (code === 0) {
      expect(result.stderr).toBe('');
    } else {
      expect(lines(result.stderr)).toEqual([
        `maturity: below the minimum stage ${minimum} (--min-stage): ${NORTHWIND}`,
      ]);
    }
  });

  it('initech (stage 5) reaches formalized and strategic but not converged', async () => {
    expect((await runMain(['score', INITECH, '--min-stage', 'formalized'])).code).toBe(0);
    expect((await runMain(['score', INITECH, '--min-stage', 'strategic'])).code).toBe(0);
    expect((await runMain(['score', INITECH, '--min-stage', 'converged'])).code).toBe(1);
  });

  it('fails when any file of a batch is below the minimum, and still reports them all', async () => {
    const result = await runMain([
      'score',
      INITECH,
      NORTHWIND,
      '--min-stage',
      '2',
      '--format',
      'json',
    ]);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.results.map((r) => r.source)).toEqual([INITECH, NORTHWIND]);
  });

  it('counts the centre-of-excellence trap as stage 0', async () => {
    expect((await runMain(['score', GLOBEX, '--min-stage', '1'])).code).toBe(1);
    expect((await runMain(['score', GLOBEX, '--min-stage', '0'])).code).toBe(0);
  });

  it('rejects an unknown stage id with exit 2 before any output, naming its stages', async () => {
    // Each file names its rubric: the stage is checked against the first file's before anything
    // is written, and the run stops there.
    const result = await runMain(['score', NORTHWIND, INITECH, '--min-stage', 'mature']);
    expectCleanFailure(result, 2);
    expect(lines(result.stderr)).toEqual([
      'maturity: --min-stage "mature" is not a stage of rubric social-business (planning, presence, engagement, formalized, strategic, converged, or 0 to 6)',
    ]);
  });

  it('with --rubric, rejects an unknown stage before any output', async () => {
    const result = await runMain([
      'score',
      NORTHWIND,
      '--rubric',
      'social-business',
      '--min-stage',
      '7',
    ]);
    expectCleanFailure(result, 2);
    expect(result.stdout).toBe('');
    expect(lines(result.stderr)).toEqual([
      'maturity: --min-stage 7 is beyond the last stage of rubric social-business (6)',
    ]);
  });

  it('checks the stage against the rubric of each file', async () => {
    // MINIMAL_ANSWERS names the two-stage minimal rubric; northwind the six-stage default.
    const result = await runMain(['score', NORTHWIND, MINIMAL_ANSWERS, '--min-stage', '3']);
    expectCleanFailure(result, 2, { output: true });
    expect(lines(result.stderr)).toEqual([
      'maturity: --min-stage 3 is beyond the last stage of rubric minimal (2)',
      `maturity: below the minimum stage 3 (--min-stage): ${NORTHWIND}`,
    ]);
  });

  it('refuses an empty --min-stage', async () => {
    const result = await runMain(['score', NORTHWIND, '--min-stage', ' ']);
    expectCleanFailure(result, 2);
    expect(result.stdout).toBe('');
    expect(lines(result.stderr)).toEqual([
      'maturity: --min-stage needs a stage id, name or number',
    ]);
  });
});

describe('maturity score: bad answers files', () => {
  it.each([
    [
      'answers-unknown-question.yaml',
      '3:3: unknown question "social-hearing" (not in rubric social-business) (at answers.social-hearing)',
    ],
    [
      'answers-value-off-scale.yaml',
      '2:21: 5 is not on the scale of question "social-listening" (0, 1, 2, 3, 4) (at answers.social-listening)',
    ],
    [
      'answers-na-not-allowed.yaml',
      '2:21: question "social-listening" cannot be answered n/a (at answers.social-listening)',
    ],
  ])('%s: exit 2 with file:line:col and the problem', async (name, message) => {
    const file = `${BAD}/${name}`;
    const result = await runMain(['score', file]);
    expectCleanFailure(result, 2);
    expect(result.stdout).toBe('');
    expect(lines(result.stderr)).toEqual([`${file}:${message}`]);
  });

  it('a YAML syntax error: exit 2, one line with file:line:col, no stack trace', async () => {
    const file = `${BAD}/answers-yaml-unclosed-flow-sequence.yaml`;
    const result = await runMain(['score', file]);
    expectCleanFailure(result, 2);
    expect(result.stdout).toBe('');
    const out = lines(result.stderr);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(new RegExp(`^${file}:\\d+:\\d+: invalid YAML: `));
  });

  it('a missing file: exit 2 naming it', async () => {
    const result = await runMain(['score', 'examples/no-such-file.yaml']);
    expectCleanFailure(result, 2);
    expect(result.stdout).toBe('');
    expect(lines(result.stderr)).toEqual(['examples/no-such-file.yaml: no such file']);
  });

  it('mixed good and bad files: the good ones are still reported, exit 2', async () => {
    const bad = `${BAD}/answers-unknown-question.yaml`;
    const result = await runMain(['score', NORTHWIND, bad, INITECH]);
    expectCleanFailure(result, 2, { output: true });
    expect(lines(result.stderr)).toEqual([
      `${bad}:3:3: unknown question "social-hearing" (not in rubric social-business) (at answers.social-hearing)`,
    ]);
    expect(result.stdout).toContain(`Northwind Traders · Marketing  ${NORTHWIND}`);
    expect(result.stdout).toContain(`Initech · Whole company  ${INITECH}`);
    // The summary marks the bad file invalid.
    expect(result.stdout).toMatch(new RegExp(`\\ninvalid +- +- +1 problem +${bad}\\n`));

    const json = await runMain(['score', NORTHWIND, bad, INITECH, '--format', 'json']);
    expect(json.code).toBe(2);
    const report = JSON.parse(json.stdout) as JsonReport;
    expect(report.results.map((r) => r.source)).toEqual([INITECH, NORTHWIND]);
    expect(JSON.parse(json.stdout).errors).toEqual([
      {
        source: bad,
        problems: [
          {
            line: 3,
            column: 3,
            path: 'answers.social-hearing',
            message: 'unknown question "social-hearing" (not in rubric social-business)',
          },
        ],
      },
    ]);
  });

  it('a bad file wins over --min-stage: exit 2, not 1', async () => {
    const result = await runMain([
      'score',
      NORTHWIND,
      'examples/no-such-file.yaml',
      '--min-stage',
      '6',
    ]);
    expect(result.code).toBe(2);
    expect(lines(result.stderr)).toEqual([
      'examples/no-such-file.yaml: no such file',
      `maturity: below the minimum stage 6 (--min-stage): ${NORTHWIND}`,
    ]);
  });
});

describe('maturity score: globs', () => {
  it('expands a quoted glob itself: every example, sorted, then a summary table', async () => {
    const result = await runMain(['score', 'examples/*.yaml']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const out = result.stdout.split('\n');
    const headers = ALL_EXAMPLES.map((file) => out.findIndex((line) => line.endsWith(`  ${file}`)));
    for (const index of headers) expect(index).toBeGreaterThanOrEqual(0);
    expect([...headers].sort((a, b) => a - b)).toEqual(headers);
    const summary = out.indexOf('Summary of 5 files');
    expect(summary).toBeGreaterThan(headers[headers.length - 1]!);
    const table = out.slice(summary + 2).filter((line) => line !== '');
    expect(table.map((line) => line.split(/\s+/).at(-1))).toEqual(ALL_EXAMPLES);
  });

  it('gives the same sources in JSON as the files named one by one', async () => {
    const report = await scoreJson(['examples/*.yaml']);
    expect(report.results.map((r) => r.source)).toEqual(ALL_EXAMPLES);
    expect(await scoreJson(['examples/*.yaml'])).toEqual(
      await scoreJson([...ALL_EXAMPLES].reverse()),
    );
  });

  it('keeps an absolute glob absolute in the sources', async () => {
    const pattern = join(ROOT, 'examples', '*.yaml');
    const report = await scoreJson([pattern]);
    expect(report.results.map((r) => r.source)).toEqual(
      ALL_EXAMPLES.map((file) => join(ROOT, file)),
    );
  });

  it('a glob matching nothing: exit 2 naming the pattern', async () => {
    const result = await runMain(['score', 'examples/*.nothing']);
    expectCleanFailure(result, 2);
    expect(result.stdout).toBe('');
    expect(lines(result.stderr)).toEqual(['examples/*.nothing: no files match this pattern']);
  });

  it('a glob matching nothing next to a good file: the good file is reported, exit 2', async () => {
    const result = await runMain(['score', NORTHWIND, 'examples/*.nothing']);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('Stage 1 of 6 — Planning');
    expect(lines(result.stderr)).toEqual(['examples/*.nothing: no files match this pattern']);
  });
});

describe('maturity score: --output', () => {
  it('writes the report to the file and nothing on stdout', async () => {
    const dir = freshDir('output');
    const target = join(dir, 'report.json');
    const result = await runMain(['score', ...EXAMPLES, '--format', 'json', '--output', target]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('');
    expect(readFileSync(target, 'utf8')).toBe(
      (await runMain(['score', ...EXAMPLES, '--format', 'json'])).stdout,
    );
  });

  it('writes text without colour even when colour is forced', async () => {
    const dir = freshDir('output-text');
    const target = join(dir, 'report.txt');
    // On stdout, forced colour shows…
    expect((await runMain(['score', NORTHWIND], { env: { FORCE_COLOR: '1' } })).stdout).toContain(
      ESC,
    );
    // …but a file never gets escape sequences.
    const result = await runMain(['score', NORTHWIND, '--output', target], {
      env: { FORCE_COLOR: '1' },
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(readFileSync(target, 'utf8')).toBe((await runMain(['score', NORTHWIND])).stdout);
  });

  it('a missing folder: exit 2, one line, no file created', async () => {
    const dir = freshDir('output-missing');
    const target = join(dir, 'no-such-folder', 'report.txt');
    const result = await runMain(['score', NORTHWIND, '--output', target]);
    expectCleanFailure(result, 2);
    expect(result.stdout).toBe('');
    expect(lines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toContain(target);
    expect(existsSync(join(dir, 'no-such-folder'))).toBe(false);
  });
});

describe('maturity score: --moves', () => {
  it('limits the recommended moves', async () => {
    const [two] = (await scoreJson([NORTHWIND, '--moves', '2'])).results;
    const [five] = (await scoreJson([NORTHWIND])).results;
    expect(two!.moves).toHaveLength(2);
    expect(five!.moves).toHaveLength(5);
    expect(two!.moves).toEqual(five!.moves.slice(0, 2));
    const [none] = (await scoreJson([NORTHWIND, '--moves', '0'])).results;
    expect(none!.moves).toEqual([]);
  });

  it('limits the moves in the text report too', async () => {
    const out = lines((await runMain(['score', NORTHWIND, '--moves', '2'])).stdout);
    expect(out.filter((line) => /^ {2}\d+\. /.test(line))).toHaveLength(2);
  });

  it.each(['x', '-1', '1.5'])('rejects --moves %s with exit 2', async (value) => {
    const result = await runMain(['score', NORTHWIND, '--moves', value]);
    expectCleanFailure(result, 2);
    expect(result.stdout).toBe('');
    expect(lines(result.stderr)).toHaveLength(1);
  });
});

describe('maturity score: --strict', () => {
  it('makes unanswered questions an error, in one line per file: the first ten and a count', async () => {
    const rubric = await loadBuiltinRubric('social-business');
    const source = await loadAnswersFile(join(ROOT, ACME), ACME);
    const { unanswered } = assess(rubric, source.answers!.answers);
    expect(unanswered.length).toBeGreaterThan(0);

    const result = await runMain(['score', ACME, '--strict']);
    expectCleanFailure(result, 2);
    expect(result.stdout).toBe('');
    expect(lines(result.stderr)).toEqual([
      `${ACME}:32:1: ${unanswered.length} questions are unanswered (--strict): ${unanswered.slice(0, 10).join(', ')} and ${unanswered.length - 10} more (at answers)`,
    ]);
  });

  it('passes a file with every question answered', async () => {
    const result = await runMain(['score', NORTHWIND, '--strict']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
  });
});

describe('maturity score: choosing the rubric', () => {
  it('--rubric <path> scores with a fixture rubric', async () => {
    const dir = freshDir('rubric-flag');
    writeFileSync(join(dir, 'answers.yaml'), MINIMAL_WITHOUT_RUBRIC);
    const report = await scoreJson(['answers.yaml', '--rubric', join(ROOT, MINIMAL_RUBRIC)], {
      cwd: dir,
    });
    const [result] = report.results;
    expect(result!.rubric).toEqual({ id: 'minimal', version: '0.1.0' });
    expect(result!.currentStage).toEqual({ number: 2, id: 'finish', name: 'Finish' });
    expect(result!.maturityIndex).toBe(2);
  });

  it('without --rubric the same file is checked against the default rubric and fails', async () => {
    const dir = freshDir('no-rubric-flag');
    writeFileSync(join(dir, 'answers.yaml'), MINIMAL_WITHOUT_RUBRIC);
    const result = await runMain(['score', 'answers.yaml'], { cwd: dir });
    expectCleanFailure(result, 2);
    expect(result.stderr).toContain('unknown question "has-plan"');
  });

  it("the file's rubric: field as a path is relative to the file, not the working folder", async () => {
    // From tests/fixtures/, the rubric's name would be a file that does not exist.
    const file = 'ok/answers-minimal-rubric-by-path.yaml';
    const report = await scoreJson([file], { cwd: join(ROOT, 'tests', 'fixtures') });
    const [result] = report.results;
    expect(result!.source).toBe(file);
    expect(result!.organization).toBe('Minimal Ltd');
    expect(result!.rubric).toEqual({ id: 'minimal', version: '0.1.0' });
    // has-plan 1 of [0, 1]: Start attained; reviewed 2 of [1, 3] = 50%, below Finish's 90%.
    expect(result!.currentStage).toEqual({ number: 1, id: 'start', name: 'Start' });
    expect(result!.maturityIndex).toBe(1.5);
  });

  it('the same rubric: name in two folders names two rubrics', async () => {
    const dir = freshDir('same-rubric-name');
    const minimal = readFileSync(join(ROOT, MINIMAL_RUBRIC), 'utf8');
    for (const unit of ['north', 'south']) {
      mkdirSync(join(dir, unit));
      writeFileSync(join(dir, unit, 'model'), minimal.replace('id: minimal', `id: ${unit}-model`));
      for (const n of [1, 2]) {
        writeFileSync(
          join(dir, unit, `answers-${n}.yaml`),
          'rubric: model\nanswers:\n  has-plan: 1\n',
        );
      }
    }
    const report = await scoreJson(['*/answers-*.yaml'], { cwd: dir });
    expect(report.results.map((result) => [result.source, result.rubric.id])).toEqual([
      ['north/answers-1.yaml', 'north-model'],
      ['north/answers-2.yaml', 'north-model'],
      ['south/answers-1.yaml', 'south-model'],
      ['south/answers-2.yaml', 'south-model'],
    ]);
  });

  it('a rubricVersion mismatch is a warning on stderr, exit 0', async () => {
    const dir = freshDir('version-mismatch');
    const file = 'version-mismatch.yaml';
    writeFileSync(
      join(dir, file),
      'rubric: social-business\nrubricVersion: 0.9.0\nanswers:\n  social-listening: 3\n',
    );
    const result = await runMain(['score', file], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Stage 0 of 6');
    expect(lines(result.stderr)).toEqual([
      `${file}: warning: answers were given for social-business 0.9.0; scoring with version 1.0.0`,
    ]);
  });

  it('names the first files of a warning many files share, then says how many more had it', async () => {
    const dir = freshDir('version-mismatch-many');
    const answers =
      'rubric: social-business\nrubricVersion: 0.9.0\nanswers:\n  social-listening: 3\n';
    for (let i = 0; i < 25; i += 1)
      writeFileSync(join(dir, `v${String(i).padStart(2, '0')}.yaml`), answers);
    // Another warning, of files that name another rubric than --rubric's, counted apart.
    for (let i = 0; i < 12; i += 1) {
      writeFileSync(
        join(dir, `w${String(i).padStart(2, '0')}.yaml`),
        'rubric: other-model\nanswers: {}\n',
      );
    }
    const version = (name: string) =>
      `${name}: warning: answers were given for social-business 0.9.0; scoring with version 1.0.0`;
    const other = (name: string) =>
      `${name}: warning: the file names rubric "other-model" but "social-business" is used (--rubric)`;
    for (const threads of ['0', '1']) {
      const result = await runMain(
        ['score', '*.yaml', '--rubric', 'social-business', '--format', 'csv'],
        { cwd: dir, env: { MATURITY_THREADS: threads } },
      );
      expect(result.code).toBe(0);
      expect(lines(result.stdout)).toHaveLength(1 + 37);
      expect(lines(result.stderr)).toEqual([
        ...Array.from({ length: 10 }, (_, i) => version(`v${String(i).padStart(2, '0')}.yaml`)),
        ...Array.from({ length: 10 }, (_, i) => other(`w${String(i).padStart(2, '0')}.yaml`)),
        'maturity: warning: the same for 15 more files: answers were given for social-business 0.9.0; scoring with version 1.0.0',
        'maturity: warning: the same for 2 more files: the file names rubric "other-model" but "social-business" is used (--rubric)',
      ]);
    }
  });
});

describe('maturity score: determinism', () => {
  it.each(['text', 'json'])('%s output is byte-identical across runs', async (format) => {
    const args = ['score', 'examples/*.yaml', '--format', format];
    const first = await runMain(args);
    const second = await runMain(args);
    expect(first.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
  });
});
