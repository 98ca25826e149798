import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { lines, ROOT, tempFolders } from '../helpers/run-cli.js';
import { runMain } from '../helpers/run-main.js';

// What a CI job reads: the gate in every format, invalid files reported rather than dropped, the
// markdown job summary, and the ways files reach the command (stdin, folders).

const fresh = tempFolders('ci-reports');
const ACME = 'examples/acme-engagement.yaml'; // stage 2, 51% answered
const INITECH = 'examples/initech-strategic.yaml'; // stage 5, complete
const BAD = 'tests/fixtures/bad/answers-unknown-question.yaml';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => name === 'testsuite' || name === 'testcase',
});

/** RFC 4180 records (CRLF, quoted fields) as arrays of cells. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(cell);
      records.push(record);
      record = [];
      cell = '';
      i += 1;
    } else cell += c;
  }
  return records;
}

/** CSV rows as objects by header. */
function csvRows(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  return rows.map((row) => Object.fromEntries(header!.map((name, i) => [name, row[i]!])));
}

describe('JUnit for CI dashboards', () => {
  it('with --min-stage: a gate test case per file, stages above the minimum skipped, not failed', async () => {
    const run = await runMain(['score', ACME, INITECH, '--min-stage', 'formalized', '-f', 'junit']);
    expect(run.code).toBe(1);
    const [acme, initech] = parser.parse(run.stdout).testsuites.testsuite;
    // Acme is at stage 2: the gate fails, stages 3 and 4 fail, 5 and 6 are skipped.
    expect(acme.testcase[0]).toMatchObject({
      name: 'reaches at least Formalized',
      failure: { message: 'at stage 2 (Presence), below the minimum', type: 'below-minimum' },
    });
    const outcome = (t: Record<string, unknown>) =>
      t.failure ? 'failure' : t.skipped ? 'skipped' : 'passed';
    expect(acme.testcase.slice(1).map(outcome)).toEqual([
      'passed',
      'passed',
      'failure',
      'failure',
      'skipped',
      'skipped',
    ]);
    expect(acme.testcase[5].skipped.message).toMatch(
      /^not attained \(score 0% below threshold 70%\), and not required by the gate$/,
    );
    expect([acme.tests, acme.failures, acme.skipped]).toEqual(['7', '3', '2']);
    // Initech (stage 5) passes the gate; Converged, not attained, is only skipped: a green suite.
    expect(initech.testcase[0]).toEqual({
      classname: 'social-business.examples/initech-strategic.yaml',
      name: 'reaches at least Formalized',
    });
    expect([initech.failures, initech.skipped]).toEqual(['0', '1']);
  });

  it('without a gate: unchanged, a failure per stage not attained', async () => {
    const run = await runMain(['score', ACME, '-f', 'junit']);
    const [acme] = parser.parse(run.stdout).testsuites.testsuite;
    expect(acme.testcase.map((t: { name: string }) => t.name)).toEqual([
      'Stage 1 Planning',
      'Stage 2 Presence',
      'Stage 3 Engagement',
      'Stage 4 Formalized',
      'Stage 5 Strategic',
      'Stage 6 Converged',
    ]);
    expect([acme.failures, acme.skipped]).toEqual(['4', '0']);
  });

  it('with --min-completeness: a test case that fails when too few questions are answered', async () => {
    const run = await runMain(['score', ACME, '--min-completeness', '80', '-f', 'junit']);
    expect(run.code).toBe(1);
    const [acme] = parser.parse(run.stdout).testsuites.testsuite;
    expect(acme.testcase[0]).toMatchObject({
      name: 'answers at least 80% of the questions',
      failure: { message: '51% of the questions answered', type: 'incomplete' },
    });
    expect(lines(run.stderr)).toEqual([
      `maturity: below the minimum completeness 80% (--min-completeness): ${ACME}`,
    ]);
  });

  it('reports an invalid file as a suite with an error carrying its problems', async () => {
    const run = await runMain(['score', ACME, BAD, '-f', 'junit']);
    expect(run.code).toBe(2);
    const suites = parser.parse(run.stdout).testsuites.testsuite;
    const bad = suites.find((s: { name: string }) => s.name === BAD);
    expect(bad).toMatchObject({ tests: '1', errors: '1', failures: '0' });
    expect(bad.testcase[0].error.message).toBe('not a valid answers file: 1 problem');
    expect(bad.testcase[0].error['#text']).toBe(
      `${BAD}:3:3: unknown question "social-hearing" (not in rubric social-business) (at answers.social-hearing)`,
    );
  });
});

describe('the gate and invalid files in the other formats', () => {
  it('JSON: gate {minimum, minimumCompleteness, passed} per result, and errors[] at the end', async () => {
    const run = await runMain(['score', ACME, INITECH, BAD, '--min-stage', '3', '-f', 'json']);
    expect(run.code).toBe(2); // the invalid file wins over the gate
    const report = JSON.parse(run.stdout);
    expect(report.results.map((r: { gate: unknown }) => r.gate)).toEqual([
      {
        minimum: { number: 3, id: 'engagement', name: 'Engagement' },
        minimumCompleteness: null,
        passed: false,
      },
      {
        minimum: { number: 3, id: 'engagement', name: 'Engagement' },
        minimumCompleteness: null,
        passed: true,
      },
    ]);
    expect(report.errors).toEqual([
      {
        source: BAD,
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

  it('JSON: every answer with its value and note, per tenet', async () => {
    const report = JSON.parse((await runMain(['score', ACME, '-f', 'json'])).stdout);
    const questions = report.results[0].stages[0].tenets[0].questions;
    expect(questions[0]).toEqual({
      id: 'social-listening',
      value: 3,
      score: 0.75,
      weight: 1,
      note: 'Brandwatch since 2024; weekly report to marketing and product.',
    });
    expect(questions[1]).toMatchObject({ id: 'audience-behavior-insight', note: null });
    const unanswered = report.results[0].stages[2].tenets
      .flatMap((t: { questions: { value: unknown }[] }) => t.questions)
      .find((q: { value: unknown }) => q.value === null);
    expect(unanswered).toMatchObject({ score: 0, note: null });
  });

  it('CSV: respondent, role, assessed_at and status after unit; invalid rows; gate_passed', async () => {
    const run = await runMain(['score', ACME, BAD, INITECH, '--min-stage', '3', '-f', 'csv']);
    const [header] = parseCsv(run.stdout);
    expect(header!.slice(0, 8)).toEqual([
      'file',
      'organization',
      'unit',
      'respondent',
      'role',
      'assessed_at',
      'status',
      'rubric',
    ]);
    const rows = csvRows(run.stdout);
    expect(rows.map((r) => [r.file, r.status, r.gate_passed])).toEqual([
      [ACME, 'ok', 'false'],
      [INITECH, 'ok', 'true'],
      [BAD, 'invalid', ''],
    ]);
    expect(rows[0]).toMatchObject({
      respondent: 'Wile E. Coyote',
      role: 'Social Media Lead',
      assessed_at: '2026-11-22',
    });
    expect(rows[2]!.current_stage).toBe('');
  });

  it('CSV: a run whose only file is invalid still has a header and its row', async () => {
    const rows = csvRows((await runMain(['score', BAD, '-f', 'csv'])).stdout);
    expect(rows).toEqual([expect.objectContaining({ file: BAD, status: 'invalid', rubric: '' })]);
  });

  it('text: the summary marks invalid files and shows the gate', async () => {
    const run = await runMain(['score', ACME, BAD, INITECH, '--min-stage', '3']);
    const summary = run.stdout.slice(run.stdout.indexOf('Summary of 3 files'));
    expect(lines(summary)).toEqual([
      'Summary of 3 files',
      expect.stringMatching(/^STAGE +INDEX +ANSWERED +GATE +ORGANIZATION +FILE$/),
      expect.stringMatching(
        /^2\/6 Presence +2\.48 +51% +FAIL +Acme Corp · Marketing +examples\/acme/,
      ),
      expect.stringMatching(/^5\/6 Strategic +5\.63 +100% +pass +Initech/),
      expect.stringMatching(new RegExp(`^invalid +- +- +- +1 problem +${BAD}$`)),
    ]);
    expect(lines(run.stderr).at(-1)).toBe(
      `maturity: below the minimum stage 3 (--min-stage): ${ACME}`,
    );
  });

  it('markdown: a job summary whose first table gives stage, index, completeness, gate and file', async () => {
    const run = await runMain(['score', ACME, INITECH, BAD, '--min-stage', '3', '-f', 'markdown']);
    const table = run.stdout.split('\n\n')[1]!.split('\n');
    expect(run.stdout.startsWith('## Summary of 3 files\n\n')).toBe(true);
    expect(table[0]).toBe('| Stage | Index | Answered | Gate | Organization | File |');
    expect(table.slice(2)).toEqual([
      `| 2/6 Presence | 2.48 | 51% | ❌ fail | Acme Corp · Marketing | ${ACME} |`,
      `| 5/6 Strategic | 5.63 | 100% | ✅ pass | Initech · Whole company | ${INITECH} |`,
      `| ❌ invalid | – | – | – | 1 problem | ${BAD} |`,
    ]);
    expect(run.stdout).toContain(
      '\n<details>\n<summary>Acme Corp · Marketing — Stage 2 of 6 — Presence · index 2.48</summary>\n',
    );
    expect(run.stdout).toContain('\n<details>\n<summary>Initech · Whole company — Stage 5 of 6');
  });
});

describe('where the files come from', () => {
  it('score - reads one answers file from standard input, named <stdin>', async () => {
    const text = readFileSync(join(ROOT, ACME), 'utf8');
    const run = await runMain(['score', '-', '-f', 'json'], { input: text });
    expect(run.code).toBe(0);
    const [result] = JSON.parse(run.stdout).results;
    expect(result.source).toBe('<stdin>');
    expect(result.maturityIndex).toBeCloseTo(2.48, 2);
    const bad = await runMain(['score', '-'], { input: 'answers:\n  nope: 1\n' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      '<stdin>:2:3: unknown question "nope" (not in rubric social-business) (at answers.nope)\n',
    );
  });

  it('a folder scores the .yaml, .yml and .json files under it, sorted, skipping hidden folders and node_modules', async () => {
    const dir = fresh('folder');
    const text = readFileSync(join(ROOT, ACME), 'utf8');
    for (const path of ['b.yaml', 'a.yml', 'sub/c.json', '.hidden/d.yaml', 'node_modules/e.yaml']) {
      mkdirSync(join(dir, 'answers', path, '..'), { recursive: true });
      writeFileSync(join(dir, 'answers', path), path.endsWith('.json') ? '{"answers": {}}' : text);
    }
    writeFileSync(join(dir, 'answers', 'notes.txt'), 'not an answers file');
    const run = await runMain(['score', 'answers', '-f', 'json'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout).results.map((r: { source: string }) => r.source)).toEqual([
      'answers/a.yml',
      'answers/b.yaml',
      'answers/sub/c.json',
    ]);
  });
});

describe('options that name a stage', () => {
  it('--min-stage takes an id, a name in any case, or a number', async () => {
    for (const value of ['engagement', 'Engagement', 'ENGAGEMENT', '3']) {
      const run = await runMain(['score', ACME, '--min-stage', value]);
      expect(run.code).toBe(1);
    }
  });

  it('refuses a stage the files’ rubric lacks before anything is written, with or without --rubric', async () => {
    const dir = fresh('refuse');
    for (const extra of [[], ['--rubric', 'social-business']]) {
      const run = await runMain(
        ['score', join(ROOT, ACME), '--min-stage', 'nirvana', '-o', 'out.txt', ...extra],
        { cwd: dir },
      );
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(lines(run.stderr)).toHaveLength(1);
    }
    expect(() => readFileSync(join(dir, 'out.txt'))).toThrow();
  });
});

describe('help', () => {
  it('score --help lists the exit codes and --moves shows its default as a number', async () => {
    const { stdout } = await runMain(['score', '--help']);
    expect(stdout).toContain(
      'Exit codes: 0 done · 1 a check failed (--min-stage, --min-completeness) · 2 usage or input error',
    );
    expect(stdout).toMatch(/--moves <n> +how many recommended moves to show \(default:\s+5\)/);
  });

  it('assess --help says it needs a terminal and that --resume and --force exclude each other', async () => {
    const { stdout } = await runMain(['assess', '--help']);
    expect(stdout).toContain('It needs a terminal');
    expect(stdout).toContain('--resume and --force cannot be used together.');
  });

  it('help nope is an unknown command (exit 2), like rubric help nope', async () => {
    for (const argv of [
      ['help', 'nope'],
      ['rubric', 'help', 'nope'],
    ]) {
      const run = await runMain(argv);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(
        /^maturity: unknown command 'nope' \(the commands of maturity( rubric)? are /,
      );
    }
    expect((await runMain(['help', 'score'])).code).toBe(0);
  });

  it('rubric show nope has the maturity: prefix; rubric show fits 80 columns with the stages’ summaries', async () => {
    const nope = await runMain(['rubric', 'show', 'nope']);
    expect(nope.stderr).toMatch(/^maturity: unknown rubric "nope"/);
    const { stdout } = await runMain(['rubric', 'show']);
    expect(lines(stdout).filter((line) => [...line].length > 80)).toEqual([]);
    expect(stdout).toContain('1. Planning — Listen to learn\n   Lay the groundwork before acting');
  });
});
