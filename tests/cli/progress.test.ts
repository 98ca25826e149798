import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lines, tempFolders } from '../helpers/run-cli.js';
import { runMain } from '../helpers/run-main.js';

// SPEC §9 by hand. Scale 0–4 everywhere; each tenet has one question, so a tenet's score is its
// answer / 4; each stage averages its two tenets; both thresholds are 0.5.
const RUBRIC = (version = '1.0.0', withD = true) => `id: growth
version: ${version}
title: Growth
threshold: 0.5
scale:
  - { value: 0, label: Never }
  - { value: 1, label: Rarely }
  - { value: 2, label: Sometimes }
  - { value: 3, label: Often }
  - { value: 4, label: Always }
stages:
  - id: start
    name: Start
    tenets:
      - { id: a, title: Tenet A, questions: [{ id: a1, text: A? }], moves: [Do A.] }
      - { id: b, title: Tenet B, questions: [{ id: b1, text: B? }], moves: [Do B.] }
  - id: grow
    name: Grow
    tenets:
      - { id: c, title: Tenet C, questions: [{ id: c1, text: C? }], moves: [Do C.] }
${withD ? '      - { id: d, title: Tenet D, questions: [{ id: d1, text: D? }], moves: [Do D.] }\n' : ''}`;

const fresh = tempFolders('progress');

function answers(
  dir: string,
  name: string,
  head: Record<string, string>,
  values: Record<string, number>,
  rubric = 'rubrics/growth.yaml',
): void {
  const lines = [
    `rubric: ${rubric}`,
    ...Object.entries(head).map(([k, v]) => `${k}: ${v}`),
    'answers:',
  ];
  for (const [id, value] of Object.entries(values)) lines.push(`  ${id}: ${value}`);
  writeFileSync(join(dir, name), `${lines.join('\n')}\n`);
}

/** Three dates of Org · U: stage 0, then a team of two at stage 1, then stage 2 (the top). */
let histories = 0;

function history(): string {
  histories += 1;
  const dir = fresh(`history-${histories}`);
  // The rubric sits apart, so that *.yaml names the answers files only.
  mkdirSync(join(dir, 'rubrics'));
  writeFileSync(join(dir, 'rubrics', 'growth.yaml'), RUBRIC());
  const head = (date: string) => ({ organization: 'Org', unit: 'U', assessedAt: date });
  // 2026-01-10: start (2/4 + 1/4) / 2 = 0.375 < 0.5: stage 0, index 0.375.
  answers(dir, 'jan.yaml', head('2026-01-10'), { a1: 2, b1: 1, c1: 0, d1: 0 });
  // 2026-04-10, two members; the median of two is their mean: a1 3, b1 3, c1 1, d1 1.
  // start (0.75 + 0.75) / 2 = 0.75; grow (0.25 + 0.25) / 2 = 0.25: stage 1, index 1.25.
  answers(dir, 'apr-1.yaml', head('2026-04-10'), { a1: 3, b1: 2, c1: 1, d1: 2 });
  answers(dir, 'apr-2.yaml', head('2026-04-10T09:30:00Z'), { a1: 3, b1: 4, c1: 1, d1: 0 });
  // 2026-07-10: start (1 + 0.5) / 2 = 0.75; grow (0.5 + 0.5) / 2 = 0.5: stage 2, index 2.
  answers(dir, 'jul.yaml', head('2026-07-10'), { a1: 4, b1: 2, c1: 2, d1: 2 });
  return dir;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the report as a script reads it
type Json = Record<string, any>;

async function progress(
  dir: string,
  ...args: string[]
): Promise<{ code: number; json: Json; stderr: string }> {
  const run = await runMain(['progress', '*.yaml', '-f', 'json', ...args], { cwd: dir });
  return { code: run.code ?? -1, json: JSON.parse(run.stdout), stderr: run.stderr };
}

describe('maturity progress', () => {
  it('builds the timeline, one assessment per date (a date-time read as its date)', async () => {
    const { code, json, stderr } = await progress(history());
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(json.schemaVersion).toBe(1);
    const [group] = json.progress;
    expect(group.organization).toBe('Org');
    expect(group.unit).toBe('U');
    expect(group.rubric).toEqual({ id: 'growth', version: '1.0.0' });
    expect(group.timeline).toEqual([
      {
        assessedAt: '2026-01-10',
        members: 1,
        currentStage: { number: 0, id: null, name: null },
        maturityIndex: 0.375,
        completeness: 1,
      },
      {
        assessedAt: '2026-04-10',
        members: 2,
        currentStage: { number: 1, id: 'start', name: 'Start' },
        maturityIndex: 1.25,
        completeness: 1,
      },
      {
        assessedAt: '2026-07-10',
        members: 1,
        currentStage: { number: 2, id: 'grow', name: 'Grow' },
        maturityIndex: 2,
        completeness: 1,
      },
    ]);
  });

  it('compares the latest with the one before it', async () => {
    const { json } = await progress(history());
    expect(json.progress[0].change).toEqual({
      from: '2026-04-10',
      to: '2026-07-10',
      currentStage: { from: 1, to: 2 },
      maturityIndex: { from: 1.25, to: 2, delta: 0.75 },
      stages: [
        { id: 'start', from: 0.75, to: 0.75, attainedFrom: true, attainedTo: true },
        { id: 'grow', from: 0.25, to: 0.5, attainedFrom: false, attainedTo: true },
      ],
      // a, c and d rise by 0.25 each: a tie, in rubric order. b falls 0.75 → 0.5.
      improved: [
        { tenet: 'a', stage: 'start', from: 0.75, to: 1, delta: 0.25 },
        { tenet: 'c', stage: 'grow', from: 0.25, to: 0.5, delta: 0.25 },
        { tenet: 'd', stage: 'grow', from: 0.25, to: 0.5, delta: 0.25 },
      ],
      regressed: [{ tenet: 'b', stage: 'start', from: 0.75, to: 0.5, delta: -0.25 }],
      // April's gaps were c and d (grow, 0.25 < 0.5); in July b at 0.5 meets its threshold.
      gapsClosed: ['c', 'd'],
      newGaps: [],
      answers: [
        { question: 'a1', from: 3, to: 4 },
        { question: 'b1', from: 3, to: 2 },
        { question: 'c1', from: 1, to: 2 },
        { question: 'd1', from: 1, to: 2 },
      ],
    });
  });

  it.each([
    ['2026-01-01', '2026-01-10'], // before every date: the earliest
    ['2026-02-01', '2026-01-10'], // between: the latest on or before it
    ['2026-04-10', '2026-04-10'], // on a date: that one
    ['2026-05-01', '2026-04-10'],
    ['2026-12-31', '2026-07-10'], // after the latest: the latest itself, nothing changed
  ])('--since %s compares with %s', async (since, baseline) => {
    const { json } = await progress(history(), '--since', since);
    const change = json.progress[0].change;
    expect(change.from).toBe(baseline);
    if (baseline === '2026-07-10') {
      expect(change.maturityIndex.delta).toBe(0);
      expect([change.improved, change.regressed, change.answers]).toEqual([[], [], []]);
    }
    if (baseline === '2026-01-10') {
      expect(change.currentStage).toEqual({ from: 0, to: 2 });
      expect(change.maturityIndex).toEqual({ from: 0.375, to: 2, delta: 1.625 });
    }
  });

  it('tells the story in words, with a sparkline of the index', async () => {
    const run = await runMain(['progress', '*.yaml'], { cwd: history() });
    expect(run.code).toBe(0);
    const out = run.stdout;
    expect(lines(out)[0]).toBe('Org · U  3 assessments, 4 files');
    // 0.375, 1.25 and 2 of 2 stages: ▂ ▅ █.
    expect(out).toContain('Timeline  maturity index ▂▅█\n');
    expect(out).toMatch(/\n {2}2026-04-10 +2 +1\/2 Start +1\.25 +100%\n/);
    expect(out).toContain('\nStage 1 → 2, index 1.25 → 2.00 (+0.75) since 2026-04-10\n');
    expect(out).toContain('\n  Stages attained: Grow\n');
    expect(out).toContain('\n  Regressed\n    Tenet B (Start) 75% → 50%\n');
    expect(out).toContain('\n  Gaps closed\n    Tenet C\n    Tenet D\n');
    expect(out).toContain('\n    B?\n      Often (3) → Sometimes (2)\n');
  });

  it('keeps units apart even on the same date', async () => {
    const dir = history();
    answers(
      dir,
      'other-unit.yaml',
      { organization: 'Org', unit: 'V', assessedAt: '2026-04-10' },
      { a1: 1 },
    );
    const { json } = await progress(dir);
    expect(json.progress.map((g: Json) => [g.organization, g.unit, g.timeline.length])).toEqual([
      ['Org', 'U', 3],
      ['Org', 'V', 1],
    ]);
    expect(json.progress[1].change).toBeNull();
  });

  it('needs a real date in every file: a missing or impossible assessedAt is an error (exit 2)', async () => {
    const dir = history();
    answers(dir, 'undated.yaml', { organization: 'Org', unit: 'U' }, { a1: 1 });
    answers(
      dir,
      'impossible.yaml',
      { organization: 'Org', unit: 'U', assessedAt: '2026-02-30' },
      { a1: 1 },
    );
    const run = await runMain(['progress', '*.yaml', '-f', 'json'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(lines(run.stderr)).toEqual([
      'impossible.yaml:4:13: assessedAt "2026-02-30" is not a real date (at assessedAt)',
      'undated.yaml:1:1: assessedAt is missing: maturity progress needs the date of each assessment (e.g. assessedAt: 2026-11-22)',
    ]);
    // The other files are still followed.
    expect(JSON.parse(run.stdout).progress[0].timeline).toHaveLength(3);
    // score keeps accepting files without a date.
    expect((await runMain(['score', 'undated.yaml'], { cwd: dir })).code).toBe(0);
  });

  it('warns when rubric versions differ and compares only what both have', async () => {
    const dir = history();
    writeFileSync(join(dir, 'rubrics', 'growth-2.yaml'), RUBRIC('2.0.0', false));
    answers(
      dir,
      'oct.yaml',
      { organization: 'Org', unit: 'U', assessedAt: '2026-10-10' },
      { a1: 4, b1: 4, c1: 4 },
      'rubrics/growth-2.yaml',
    );
    const { code, json, stderr } = await progress(dir);
    expect(code).toBe(0);
    expect(stderr).toBe(
      'maturity: warning: group Org · U: its assessments use versions 1.0.0, 2.0.0 of growth; the change covers only the stages, tenets and questions they share\n',
    );
    const change = json.progress[0].change;
    expect(json.progress[0].rubric).toEqual({ id: 'growth', version: '2.0.0' });
    expect(change.improved.map((t: Json) => t.tenet)).toEqual(['b', 'c']);
    expect(change.answers.map((a: Json) => a.question)).toEqual(['b1', 'c1']);
  });

  it('--fail-on-regression exits 1 naming the groups that fell back, and 0 for an improvement', async () => {
    const dir = history();
    expect((await runMain(['progress', '*.yaml', '--fail-on-regression'], { cwd: dir })).code).toBe(
      0,
    );
    answers(
      dir,
      'dec.yaml',
      { organization: 'Org', unit: 'U', assessedAt: '2026-12-01' },
      { a1: 1, b1: 1, c1: 4, d1: 4 },
    );
    const run = await runMain(['progress', '*.yaml', '--fail-on-regression'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toEqual([
      'maturity: regressed since the baseline (--fail-on-regression): Org · U',
    ]);
    // Without the flag, a regression is reported but is no failure.
    expect((await runMain(['progress', '*.yaml'], { cwd: dir })).code).toBe(0);
  });

  it('compares two files: a lower index on the same stage is a regression', async () => {
    const dir = fresh('two-files');
    mkdirSync(join(dir, 'rubrics'));
    writeFileSync(join(dir, 'rubrics', 'growth.yaml'), RUBRIC());
    const head = (date: string) => ({ organization: 'Org', assessedAt: date });
    // start (4/4 + 4/4) / 2 = 1; grow (2/4 + 0) / 2 = 0.25: stage 1, index 1.25.
    answers(dir, 'one.yaml', head('2026-01-10'), { a1: 4, b1: 4, c1: 2, d1: 0 });
    // grow (1/4 + 0) / 2 = 0.125: still stage 1, index 1.125; c falls 0.5 → 0.25.
    answers(dir, 'two.yaml', head('2026-02-10'), { a1: 4, b1: 4, c1: 1, d1: 0 });
    const { code, json, stderr } = await progress(dir, '--fail-on-regression');
    expect(code).toBe(1);
    expect(stderr).toBe(
      'maturity: regressed since the baseline (--fail-on-regression): Org · (no unit)\n',
    );
    expect(json.progress[0]).toMatchObject({ organization: 'Org', unit: null });
    expect(json.progress[0].change).toEqual({
      from: '2026-01-10',
      to: '2026-02-10',
      currentStage: { from: 1, to: 1 },
      maturityIndex: { from: 1.25, to: 1.125, delta: -0.125 },
      stages: [
        { id: 'start', from: 1, to: 1, attainedFrom: true, attainedTo: true },
        { id: 'grow', from: 0.25, to: 0.125, attainedFrom: false, attainedTo: false },
      ],
      improved: [],
      regressed: [{ tenet: 'c', stage: 'grow', from: 0.5, to: 0.25, delta: -0.25 }],
      gapsClosed: [],
      newGaps: ['c'], // 0.5 met the threshold; 0.25 does not (d was a gap both times)
      answers: [{ question: 'c1', from: 2, to: 1 }],
    });
    const text = (await runMain(['progress', '*.yaml'], { cwd: dir })).stdout;
    expect(text).toContain('\nStage 1 → 1, index 1.25 → 1.13 (−0.13) since 2026-01-10\n');
  });

  it('writes long-format CSV: one row per group per date', async () => {
    const run = await runMain(['progress', '*.yaml', '-f', 'csv'], { cwd: history() });
    const rows = run.stdout.split('\r\n').filter(Boolean);
    expect(rows[0]).toBe(
      'organization,unit,rubric,rubric_version,assessed_at,members,current_stage,current_stage_id,maturity_index,completeness,stage_1_start,stage_2_grow',
    );
    expect(rows.slice(1)).toEqual([
      'Org,U,growth,1.0.0,2026-01-10,1,0,,0.375,1,0.375,0',
      'Org,U,growth,1.0.0,2026-04-10,2,1,start,1.25,1,0.75,0.25',
      'Org,U,growth,1.0.0,2026-07-10,1,2,grow,2,1,0.75,0.5',
    ]);
  });

  it('refuses a --since that is not a real date', async () => {
    for (const since of ['yesterday', '2026-02-30']) {
      const run = await runMain(['progress', '*.yaml', '--since', since], { cwd: history() });
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
    }
  });
});

describe('progress --target', () => {
  it('stops with exit 2 and no output when a file’s rubric lacks the target stage', async () => {
    for (const files of [
      // Files of one date each: no team to score, the target read per file.
      ['examples/history/2025-06-30.yaml', 'examples/history/2026-01-15.yaml'],
      ['examples/history/*.yaml'],
    ]) {
      for (const format of ['text', 'json', 'csv']) {
        const run = await runMain(['progress', ...files, '--target', '9', '-f', format]);
        expect(run.code).toBe(2);
        expect(run.stdout).toBe('');
        expect(run.stderr).toBe(
          'maturity: --target 9 is beyond the last stage of rubric social-business (6)\n',
        );
      }
    }
    const named = await runMain(['progress', 'examples/history/*.yaml', '--target', 'nirvana']);
    expect(named.code).toBe(2);
    expect(named.stdout).toBe('');
    expect(named.stderr).toMatch(/^maturity: --target .*nirvana/);
  });
});

describe('the example history', () => {
  it('shows a stage gained, a tenet that regressed and gaps closed', async () => {
    const run = await runMain(['progress', 'examples/history/*.yaml', '-f', 'json']);
    expect(run.code).toBe(0);
    const [group] = JSON.parse(run.stdout).progress;
    expect(
      group.timeline.map((p: Json) => [p.assessedAt, p.members, p.currentStage.number]),
    ).toEqual([
      ['2025-06-30', 1, 1],
      ['2026-01-15', 1, 2],
      ['2026-11-10', 2, 3],
    ]);
    expect(group.change.regressed.map((t: Json) => t.tenet)).toEqual(['risk-and-training']);
    expect(group.change.gapsClosed).toContain('build-communities');
  });
});

describe('maturity progress: warnings many files share', () => {
  it('names the first ten files, then says how many more had it', async () => {
    const dir = fresh('many-warnings');
    for (let day = 10; day < 24; day += 1) {
      writeFileSync(
        join(dir, `p${day}.yaml`),
        `organization: A\nassessedAt: 2026-01-${day}\nrubricVersion: 0.9.0\nanswers:\n  social-listening: 3\n`,
      );
    }
    const result = await runMain(['progress', '*.yaml', '--format', 'csv'], { cwd: dir });
    expect(result.code).toBe(0);
    const warning =
      'warning: answers were given for social-business 0.9.0; scoring with version 1.0.0';
    expect(lines(result.stderr)).toEqual([
      ...Array.from({ length: 10 }, (_, i) => `p${10 + i}.yaml: ${warning}`),
      `maturity: warning: the same for 4 more files: ${warning.slice('warning: '.length)}`,
    ]);
  });
});
