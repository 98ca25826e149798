// Rubrics may use any finite number for scale values and any positive one for weights: the scores
// must stay finite and in [0, 1] however large or small they are (a scale of -1e308 to 1e308 once
// printed "index NaN").
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PLAIN } from '../../src/format/paint.js';
import { assessAnswers } from '../../src/engine/analyse.js';
import type { Assessment } from '../../src/engine/types.js';
import { jsonReporter } from '../../src/report/json.js';
import { render } from '../../src/report/index.js';
import { createMarkdownReporter } from '../../src/report/markdown.js';
import { renderRubricOutline } from '../../src/report/rubric-text.js';
import { textReporter } from '../../src/report/text.js';
import type { Rubric } from '../../src/rubric/types.js';
import { tempFolders } from '../helpers/run-cli.js';
import { runMain } from '../helpers/run-main.js';
import { answersArb, NUM_RUNS, rubric } from './builders.js';

/** Doubles at the edges: the largest and smallest (subnormal) ones, powers of ten, and any. */
const extremeDouble = fc.oneof(
  fc.constantFrom(
    Number.MAX_VALUE,
    -Number.MAX_VALUE,
    Number.MIN_VALUE,
    -Number.MIN_VALUE,
    1e308,
    -1e308,
    1e-308,
    1e300,
    -1e300,
    0,
    1,
    -1,
    2 ** 53,
  ),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** A scale of 2–5 distinct values (0 and -0 are one value, as the rubric validator says). */
const extremeScale = fc
  .uniqueArray(extremeDouble, { minLength: 2, maxLength: 5, comparator: 'SameValueZero' })
  .map((values) => [...values].sort((a, b) => a - b));

/** Any positive finite weight, the extremes over-represented. */
const extremeWeight = fc.oneof(
  fc.constantFrom(Number.MAX_VALUE, 1e308, 1e300, Number.MIN_VALUE, 1e-300, 1),
  fc.double({ min: Number.MIN_VALUE, max: Number.MAX_VALUE, noNaN: true }),
);

const extremeRubric: fc.Arbitrary<Rubric> = fc
  .record({
    threshold: fc.oneof(
      fc.constantFrom(Number.MIN_VALUE, 1e-300, 0.7, 1),
      fc.double({ min: Number.MIN_VALUE, max: 1, noNaN: true }),
    ),
    scale: extremeScale,
    stages: fc.array(
      fc.array(
        fc.record({
          weight: extremeWeight,
          questions: fc.array(
            fc.record({
              weight: extremeWeight,
              notApplicable: fc.boolean(),
              scale: fc.option(extremeScale, { nil: undefined }),
            }),
            { minLength: 1, maxLength: 3 },
          ),
        }),
        { minLength: 1, maxLength: 4 },
      ),
      { minLength: 1, maxLength: 4 },
    ),
    benchmark: fc.tuple(extremeDouble, fc.double({ min: 0, max: 1, noNaN: true })),
  })
  .map((raw) =>
    rubric({
      threshold: raw.threshold,
      scale: raw.scale,
      stages: raw.stages.map((tenets, i) => ({
        id: `s${i + 1}`,
        tenets: tenets.map((tenet, j) => ({
          id: `s${i + 1}t${j + 1}`,
          weight: tenet.weight,
          questions: tenet.questions.map((q, k) => ({ id: `s${i + 1}t${j + 1}q${k + 1}`, ...q })),
        })),
      })),
      benchmarks: [
        {
          tenet: 's1t1',
          atLeast: raw.benchmark[0],
          share: raw.benchmark[1],
          statement: 'A figure about the first tenet.',
        },
        {
          question: 's1t1q1',
          atLeast: raw.benchmark[0],
          share: raw.benchmark[1],
          statement: 'A figure about the first question.',
        },
      ],
    }),
  );

function expectShare(value: number | null, what: string): void {
  if (value === null) return;
  expect(Number.isFinite(value), `${what} = ${value}`).toBe(true);
  expect(value, what).toBeGreaterThanOrEqual(0);
  expect(value, what).toBeLessThanOrEqual(1);
}

function expectFinite(assessment: Assessment): void {
  for (const stage of assessment.stages) {
    expectShare(stage.score, `stage ${stage.id}`);
    for (const tenet of stage.tenets) {
      expectShare(tenet.score, `tenet ${tenet.id}`);
      for (const question of tenet.questions)
        expectShare(question.score, `question ${question.id}`);
    }
  }
  expect(Number.isFinite(assessment.maturityIndex), `index ${assessment.maturityIndex}`).toBe(true);
  expect(assessment.maturityIndex).toBeGreaterThanOrEqual(0);
  expect(assessment.maturityIndex).toBeLessThanOrEqual(assessment.stages.length);
  expectShare(assessment.completeness, 'completeness');
  for (const gap of assessment.gaps) {
    expect(Number.isFinite(gap.impact), `impact ${gap.impact}`).toBe(true);
    expect(gap.impact).toBeGreaterThanOrEqual(0);
  }
  for (const benchmark of assessment.benchmarks) {
    if (benchmark.value !== null) expect(Number.isFinite(benchmark.value)).toBe(true);
  }
}

describe('extreme finite numbers in a rubric', () => {
  it('every score is finite and in [0, 1], the index finite, and no report says NaN or Infinity', () => {
    fc.assert(
      fc.property(
        extremeRubric.chain((r) => answersArb(r).map((a) => ({ r, a }))),
        ({ r, a }) => {
          const assessment = assessAnswers(r, a);
          expectFinite(assessment);
          const result = { source: 'a.yaml', rubric: r, assessment };
          for (const reporter of [textReporter, createMarkdownReporter(), jsonReporter]) {
            expect(render(reporter, [result], { color: false, paint: PLAIN })).not.toMatch(
              /NaN|Infinity/,
            );
          }
          expect(renderRubricOutline(r, { paint: PLAIN })).not.toMatch(/NaN|Infinity/);
        },
      ),
      { numRuns: NUM_RUNS * 2 },
    );
  });

  it('gaps of huge weights are still ranked by impact, largest first', () => {
    const r = rubric({
      stages: [
        {
          id: 's',
          tenets: [
            { id: 'a', weight: 1e307 },
            { id: 'b', weight: 1e308 },
          ],
        },
      ],
    });
    const assessment = assessAnswers(
      r,
      new Map([
        ['a', { value: 0 }],
        ['b', { value: 0 }],
      ]),
    );
    expect(assessment.gaps.map((gap) => gap.tenet)).toEqual(['b', 'a']);
    expect(assessment.path?.tenets).toEqual(['b']);
  });
});

const freshDir = tempFolders('extreme-numbers');

describe('the rubrics of the report, end to end', () => {
  it('a scale of -1e308 to 1e308 and weights of 1e308 score like any other', async () => {
    const dir = freshDir('cli');
    writeFileSync(
      join(dir, 'r.yaml'),
      [
        'id: huge',
        'version: 1.0.0',
        'title: Huge numbers',
        'scale: [{ value: -1e308, label: Low }, { value: 0, label: Middle }, { value: 1e308, label: High }]',
        'stages:',
        '  - id: one',
        '    name: One',
        '    tenets:',
        '      - id: a',
        '        title: A',
        '        weight: 1e308',
        '        questions: [{ id: qa, text: A?, weight: 1e308 }, { id: qb, text: B?, weight: 1e308 }]',
        '        moves: [Do A]',
        '      - id: b',
        '        title: B',
        '        weight: 1e308',
        '        questions: [{ id: qc, text: C? }]',
        '        moves: [Do B]',
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'a.yaml'),
      'rubric: r.yaml\nanswers:\n  qa: 1e308\n  qb: 0\n  qc: -1e308\n',
    );
    for (const format of ['text', 'json', 'markdown', 'csv', 'junit']) {
      const result = await runMain(['score', 'a.yaml', '--format', format], { cwd: dir });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).not.toMatch(/NaN|Infinity/);
    }
    const json = await runMain(['score', 'a.yaml', '--format', 'json'], { cwd: dir });
    const [file] = (JSON.parse(json.stdout) as { results: { stages: { score: number }[] }[] })
      .results;
    // a: (1 + 0.5) / 2 = 0.75, b: 0; the stage: (0.75 + 0) / 2.
    expect(file!.stages[0]!.score).toBe(0.375);
    const shown = await runMain(['rubric', 'show', 'r.yaml'], { cwd: dir });
    expect(shown.stdout).toContain('weight 1e+308 (50%)');
  });
});
