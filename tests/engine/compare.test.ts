import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessAnswers } from '../../src/engine/analyse.js';
import { compareAssessments, regressedFrom } from '../../src/engine/compare.js';
import { caseArb, NUM_RUNS, rubric, score } from './builders.js';

describe('comparing two assessments (SPEC §9)', () => {
  it('reports no change between an assessment and itself', () => {
    fc.assert(
      fc.property(caseArb, ({ rubric: r, answers }) => {
        const a = assessAnswers(r, answers);
        const change = compareAssessments(
          { date: '2026-01-01', assessment: a },
          { date: '2026-01-01', assessment: a },
        );
        expect(change.currentStage.from).toBe(change.currentStage.to);
        expect(change.maturityIndex.delta).toBe(0);
        expect(change.improved).toEqual([]);
        expect(change.regressed).toEqual([]);
        expect(change.gapsClosed).toEqual([]);
        expect(change.newGaps).toEqual([]);
        expect(change.answers).toEqual([]);
        expect(change.stages.every((s) => s.from === s.to && s.attainedFrom === s.attainedTo)).toBe(
          true,
        );
        expect(regressedFrom(change)).toBe(false);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('calls a lower stage or a lower index a regression, not a rise', () => {
    const r = rubric({
      stages: [
        { id: 's1', tenets: ['a'] },
        { id: 's2', tenets: ['b'] },
      ],
    });
    const high = { date: '2026-01-01', assessment: score(r, { a: 4, b: 2 }) }; // 1.5
    const low = { date: '2026-06-01', assessment: score(r, { a: 4, b: 1 }) }; // 1.25
    expect(regressedFrom(compareAssessments(high, low))).toBe(true);
    expect(regressedFrom(compareAssessments(low, high))).toBe(false);
    expect(compareAssessments(low, high).improved).toEqual([
      { tenet: 'b', stage: 's2', from: 0.25, to: 0.5, delta: 0.25 },
    ]);
  });
});
