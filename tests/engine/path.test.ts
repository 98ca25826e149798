import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/engine/analyse.js';
import { scoreSheet } from '../../src/engine/score.js';
import { answers, rubric, score } from './builders.js';

// SPEC §3, path to the next stage: the fewest one-level answer raises that attain it. A step
// raises one question by one level; its gain is (tenet weight / non-n/a tenet weights) ×
// (question weight / non-n/a question weights) × (next level − value) / (highest − lowest). The
// largest gain goes first (within 1e-12: rubric order), and raising stops once the stage is attained.

describe('path to the next stage', () => {
  it('climbs an uneven scale one level at a time, largest gain first', () => {
    const r = rubric({ scale: [0, 1, 5, 10], stages: [{ id: 's1', tenets: ['a', 'b'] }] });
    // a 5/10 = 0.5, b 1/10 = 0.1: stage 0.3.
    // gains: a 5 → 10: ½ × (10 − 5) / 10 = 0.25; b 1 → 5: ½ × (5 − 1) / 10 = 0.2 → raise a.
    // stage (1 + 0.1) / 2 = 0.55 < 0.7; a is at the top, b 1 → 5 (0.2) → (1 + 0.5) / 2 = 0.75 ✓
    expect(score(r, { a: 5, b: 1 }).path).toEqual({
      stage: 's1',
      steps: [
        { question: 'a', tenet: 'a', from: 5, to: 10 },
        { question: 'b', tenet: 'b', from: 1, to: 5 },
      ],
      tenets: ['a', 'b'],
    });
  });

  it('breaks a tie in gain by rubric order, and lists a question raised twice once', () => {
    const xFirst = rubric({ stages: [{ id: 's1', tenets: ['x', 'y'] }] });
    // x 2/4, y 2/4: stage 0.5. Both gain ½ × 1/4 = 0.125: x (first) → 3, stage 0.625 < 0.7.
    // Again both gain 0.125: x → 4, stage (1 + 0.5) / 2 = 0.75 ✓
    expect(score(xFirst, { x: 2, y: 2 }).path).toEqual({
      stage: 's1',
      steps: [{ question: 'x', tenet: 'x', from: 2, to: 4 }],
      tenets: ['x'],
    });
    const yFirst = rubric({ stages: [{ id: 's1', tenets: ['y', 'x'] }] });
    expect(score(yFirst, { x: 2, y: 2 }).path?.steps).toEqual([
      { question: 'y', tenet: 'y', from: 2, to: 4 },
    ]);
  });

  it('raises an unanswered question from its lowest level, and says it was unanswered', () => {
    const r = rubric({
      scale: [1, 2, 3, 4, 5],
      stages: [{ id: 's1', tenets: [{ id: 't', questions: ['q1', 'q2'] }] }],
    });
    // q1 5 → 1, q2 unanswered → 0: stage 0.5. q2 counts as 1 (the lowest): 1 → 2 gains
    // ½ × 1/4 = 0.125 → 0.625; 2 → 3 → 0.75 ✓
    expect(score(r, { q1: 5 }).path).toEqual({
      stage: 's1',
      steps: [{ question: 'q2', tenet: 't', from: null, to: 3 }],
      tenets: ['t'],
    });
  });

  it('leaves n/a questions and n/a tenets out of the gains and of the path', () => {
    const r = rubric({
      stages: [
        {
          id: 's1',
          tenets: [
            { id: 'na', weight: 5, questions: [{ id: 'na', notApplicable: true }] },
            { id: 't2', questions: [{ id: 'q2a', notApplicable: true }, 'q2b'] },
            'q3',
          ],
        },
      ],
    });
    // Tenet na is n/a, so the weights are t2 1 and q3 1 (not 7); q2a is n/a, so q2b carries t2.
    // t2 = 1/4, q3 = 2/4: stage 0.375. Gains q2b ½ × 1 × 1/4 = 0.125, q3 0.125: q2b first, and
    // it stays first in every tie: 2 → 0.5, 3 → 0.625, 4 → (1 + 0.5) / 2 = 0.75 ✓
    expect(score(r, { na: 'n/a', q2a: 'n/a', q2b: 1, q3: 2 }).path).toEqual({
      stage: 's1',
      steps: [{ question: 'q2b', tenet: 't2', from: 1, to: 4 }],
      tenets: ['t2'],
    });
  });

  it('weighs questions within their tenet and tenets within their stage', () => {
    const r = rubric({
      stages: [
        {
          id: 's1',
          tenets: [
            { id: 'heavy', weight: 3, questions: [{ id: 'h1', weight: 3 }, 'h2'] },
            { id: 'light', questions: ['l1'] },
          ],
        },
      ],
    });
    // heavy = (3 × 0 + 1 × 0) / 4 = 0, light 0: stage 0.
    // gains h1 ¾ × ¾ × ¼ = 0.140625, h2 ¾ × ¼ × ¼ = 0.046875, l1 ¼ × 1 × ¼ = 0.0625.
    // h1 → 1, 2, 3, 4 (each 0.140625): stage 0.5625; then l1 0.0625 → 0.625, l1 → 0.6875,
    // l1 → 0.75 ✓ (l1's 0.0625 beats h2's 0.046875 each time).
    expect(score(r, {}).path).toEqual({
      stage: 's1',
      steps: [
        { question: 'h1', tenet: 'heavy', from: null, to: 4 },
        { question: 'l1', tenet: 'light', from: null, to: 3 },
      ],
      tenets: ['heavy', 'light'],
    });
  });

  it('takes a combined value between two levels to the next level above it', () => {
    const r = rubric({ stages: [{ id: 's1', tenets: ['a'] }] });
    // A team's median of 2 and 3 is 2.5: score 0.625. The next level above 2.5 is 3: 0.75 ✓
    const sheet = scoreSheet(r, answers({ a: 2.5 }));
    expect(analyse(r, sheet).path).toEqual({
      stage: 's1',
      steps: [{ question: 'a', tenet: 'a', from: 2.5, to: 3 }],
      tenets: ['a'],
    });
  });

  it('can attain the stage with a single step, and aims at the first unattained stage', () => {
    const r = rubric({
      stages: [
        { id: 's1', tenets: ['a'] },
        { id: 's2', tenets: ['b', 'c'] },
      ],
    });
    // s1 attained (3/4); s2: b 4/4, c 1/4 = 0.625; c 1 → 2 gains ½ × ¼ → 0.75 ✓
    expect(score(r, { a: 3, b: 4, c: 1 }).path).toEqual({
      stage: 's2',
      steps: [{ question: 'c', tenet: 'c', from: 1, to: 2 }],
      tenets: ['c'],
    });
  });

  it('is null at the top stage', () => {
    const r = rubric({ stages: [{ id: 's1', tenets: ['a'] }] });
    expect(score(r, { a: 4 }).path).toBeNull();
  });
});
