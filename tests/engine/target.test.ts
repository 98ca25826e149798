import { describe, expect, it } from 'vitest';
import { rubric, score } from './builders.js';

// SPEC §10: progress to a target is the mean over stages 1..target of 1 for an attained stage and
// score / threshold for any other; the roadmap has one phase per unattained stage up to the target.

const r = rubric({
  stages: [
    { id: 's1', tenets: [{ id: 'a', weight: 2 }, 'b'] },
    { id: 's2', tenets: ['c', 'd'] },
    { id: 's3', tenets: [{ id: 'e', questions: [{ id: 'e', notApplicable: true }] }] },
  ],
});

describe('targets and the roadmap', () => {
  it('measures progress and lists a phase for each unattained stage up to the target', () => {
    // s1 (2 × 4/4 + 1/4) / 3 = 0.75 attained; s2 (1/4 + 2/4) / 2 = 0.375; s3 n/a (attained).
    const a = score(r, { a: 4, b: 1, c: 1, d: 2, e: 'n/a' }, { target: 3 });
    expect(a.currentStage.number).toBe(1);
    expect(a.target).toEqual({
      stage: { number: 3, id: 's3', name: 'Stage s3' },
      reached: false,
      // (1 + 0.375 / 0.7 + 1) / 3
      progress: (1 + 0.375 / 0.7 + 1) / 3,
      phases: [
        {
          stage: 's2',
          score: 0.375,
          threshold: 0.7,
          // impacts c 1 × (0.7 − 0.25) = 0.45, d 1 × (0.7 − 0.5) = 0.2
          tenets: [
            { tenet: 'c', score: 0.25, raiseTo: 0.7 },
            { tenet: 'd', score: 0.5, raiseTo: 0.7 },
          ],
          moves: [
            { stage: 's2', tenet: 'c', text: 'do c' },
            { stage: 's2', tenet: 'd', text: 'do d' },
          ],
        },
      ],
    });
  });

  it('puts a foundation gap first and skips stages already attained above it', () => {
    // s1 (2 × 1/4 + 1/4) / 3 = 0.25; s2 1 attained: a foundation gap under an attained stage.
    const a = score(r, { a: 1, b: 1, c: 4, d: 4 }, { target: 2 });
    expect(a.foundationGaps).toEqual(['s1']);
    expect(a.target!.progress).toBeCloseTo((0.25 / 0.7 + 1) / 2, 12);
    expect(a.target!.phases.map((p) => p.stage)).toEqual(['s1']);
    // impacts a 2 × (0.7 − 0.25) = 0.9, b 1 × 0.45
    expect(a.target!.phases[0]!.tenets.map((t) => t.tenet)).toEqual(['a', 'b']);
  });

  it('is reached with progress 1 and no phases at or below the current stage, and at 0', () => {
    for (const target of [0, 1]) {
      const a = score(r, { a: 4, b: 1, c: 1, d: 2 }, { target });
      expect(a.target).toMatchObject({ reached: true, progress: 1, phases: [] });
    }
    expect(score(r, {}, { target: 0 }).target!.stage).toEqual({ number: 0, id: null, name: null });
  });

  it('is null without a target', () => {
    expect(score(r, { a: 4 }).target).toBeNull();
  });
});
