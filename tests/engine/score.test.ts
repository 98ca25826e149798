import { describe, expect, it } from 'vitest';
import { DEFAULT_MOVES } from '../../src/engine/analyse.js';
import { EPSILON } from '../../src/engine/score.js';
import { rubric, score, stageOf, tenetOf } from './builders.js';

/** Scale 0..100: a question answered n scores n / 100, so a tenet's score is set directly. */
const PERCENT = Array.from({ length: 101 }, (_, i) => i);

/** A rubric of one stage per entry, each with single-question tenets on the PERCENT scale. */
function ladder(stages: Record<string, string[]>, threshold = 0.7) {
  return rubric({
    threshold,
    scale: PERCENT,
    stages: Object.entries(stages).map(([id, tenets]) => ({ id, tenets })),
  });
}

describe('question score = (value − lowest) / (highest − lowest)', () => {
  it('scores values on the default 0..4 scale', () => {
    const r = rubric({ stages: [{ id: 's1', tenets: ['a', 'b', 'c'] }] });
    const a = score(r, { a: 0, b: 3, c: 4 });
    expect(tenetOf(a, 'a').questions[0]!.score).toBe(0); // (0 − 0) / (4 − 0)
    expect(tenetOf(a, 'b').questions[0]!.score).toBe(0.75); // (3 − 0) / (4 − 0)
    expect(tenetOf(a, 'c').questions[0]!.score).toBe(1); // (4 − 0) / (4 − 0)
    expect(tenetOf(a, 'b').questions[0]!.value).toBe(3);
  });

  it('subtracts the lowest value of a scale that does not start at 0', () => {
    const r = rubric({ scale: [1, 2, 3, 4, 5], stages: [{ id: 's1', tenets: ['a', 'b'] }] });
    const a = score(r, { a: 4, b: 1 });
    expect(tenetOf(a, 'a').score).toBe(0.75); // (4 − 1) / (5 − 1)
    expect(tenetOf(a, 'b').score).toBe(0); // (1 − 1) / (5 − 1)
  });

  it('handles negative and fractional scale values', () => {
    const r = rubric({
      stages: [
        {
          id: 's1',
          tenets: [
            { id: 'a', questions: [{ id: 'a', scale: [-2, 0, 2] }] },
            { id: 'b', questions: [{ id: 'b', scale: [0, 0.5, 1.5, 2] }] },
          ],
        },
      ],
    });
    const a = score(r, { a: 0, b: 1.5 });
    expect(tenetOf(a, 'a').score).toBe(0.5); // (0 − −2) / (2 − −2) = 2/4
    expect(tenetOf(a, 'b').score).toBe(0.75); // (1.5 − 0) / (2 − 0)
  });

  it('uses a per-question scale override instead of the rubric scale', () => {
    const r = rubric({
      stages: [
        {
          id: 's1',
          tenets: [{ id: 't', questions: ['plain', { id: 'own', scale: [10, 20, 30] }] }],
        },
      ],
    });
    const a = score(r, { plain: 2, own: 20 });
    expect(tenetOf(a, 't').questions.map((q) => q.score)).toEqual([
      0.5, // (2 − 0) / (4 − 0) on the rubric scale
      0.5, // (20 − 10) / (30 − 10) on its own scale
    ]);
  });

  it('takes lowest and highest by value, whatever order the levels are written in', () => {
    // SPEC: "(value − lowest scale value) / (highest − lowest)": numeric bounds, not first/last level.
    const r = rubric({
      stages: [{ id: 's1', tenets: [{ id: 't', questions: [{ id: 'q', scale: [4, 0, 2] }] }] }],
    });
    expect(tenetOf(score(r, { q: 4 }), 't').score).toBe(1); // (4 − 0) / (4 − 0)
  });

  it('scores an unanswered question 0 and an n/a one null', () => {
    const r = rubric({
      stages: [
        {
          id: 's1',
          tenets: [
            { id: 't', questions: ['answered', 'missing', { id: 'na', notApplicable: true }] },
          ],
        },
      ],
    });
    const questions = tenetOf(score(r, { answered: 4, na: 'n/a' }), 't').questions;
    expect(questions.map((q) => [q.id, q.value, q.score])).toEqual([
      ['answered', 4, 1],
      ['missing', null, 0],
      ['na', 'n/a', null],
    ]);
  });

  it('keeps the note of an answer', () => {
    const r = rubric({ stages: [{ id: 's1', tenets: ['a', 'b'] }] });
    const a = score(r, { a: { value: 2, note: 'two pilots in Q3' }, b: 1 });
    expect(tenetOf(a, 'a').questions[0]!.note).toBe('two pilots in Q3');
    expect(tenetOf(a, 'b').questions[0]).not.toHaveProperty('note');
  });
});

describe('tenet score = weighted mean of its question scores', () => {
  it('weights questions by their weight', () => {
    const r = rubric({
      stages: [
        {
          id: 's1',
          tenets: [
            {
              id: 't',
              questions: [
                { id: 'q1', weight: 3 },
                { id: 'q2', weight: 1 },
              ],
            },
          ],
        },
      ],
    });
    // q1 = 1/4 = 0.25, q2 = 3/4 = 0.75: (3 × 0.25 + 1 × 0.75) / 4 = 1.5 / 4
    expect(tenetOf(score(r, { q1: 1, q2: 3 }), 't').score).toBe(0.375);
    // (3 × 1 + 1 × 0) / 4
    expect(tenetOf(score(r, { q1: 4, q2: 0 }), 't').score).toBe(0.75);
  });

  it('leaves n/a questions out of the mean, weights included', () => {
    const r = rubric({
      stages: [
        {
          id: 's1',
          tenets: [
            {
              id: 't',
              questions: [
                { id: 'q1', weight: 3, notApplicable: true },
                { id: 'q2', weight: 1 },
                { id: 'q3', weight: 2 },
              ],
            },
          ],
        },
      ],
    });
    // q1 left out: (1 × 2/4 + 2 × 4/4) / (1 + 2) = 2.5 / 3
    expect(tenetOf(score(r, { q1: 'n/a', q2: 2, q3: 4 }), 't').score).toBe(2.5 / 3);
  });

  it('counts unanswered questions as 0 with their full weight', () => {
    const r = rubric({
      stages: [{ id: 's1', tenets: [{ id: 't', questions: ['q1', { id: 'q2', weight: 3 }] }] }],
    });
    // (1 × 1 + 3 × 0) / 4
    expect(tenetOf(score(r, { q1: 4 }), 't').score).toBe(0.25);
  });

  it('is n/a (null) when all its questions are n/a', () => {
    const r = rubric({
      stages: [
        {
          id: 's1',
          tenets: [
            {
              id: 't',
              questions: [
                { id: 'q1', notApplicable: true },
                { id: 'q2', notApplicable: true },
              ],
            },
            'other',
          ],
        },
      ],
    });
    expect(tenetOf(score(r, { q1: 'n/a', q2: 'n/a', other: 1 }), 't').score).toBeNull();
    // one n/a and one unanswered is not n/a: the unanswered one scores 0
    expect(tenetOf(score(r, { q1: 'n/a', other: 1 }), 't').score).toBe(0);
  });
});

describe('stage score = weighted mean of its tenet scores', () => {
  it('weights tenets by their weight', () => {
    const r = rubric({
      stages: [
        {
          id: 's1',
          tenets: [
            { id: 'a', weight: 3 },
            { id: 'b', weight: 1 },
          ],
        },
      ],
    });
    // a = 2/4 = 0.5, b = 4/4 = 1: (3 × 0.5 + 1 × 1) / 4 = 2.5 / 4
    expect(stageOf(score(r, { a: 2, b: 4 }), 's1').score).toBe(0.625);
  });

  it('weights a tenet by its tenet weight, not by how many questions it has', () => {
    const r = rubric({
      stages: [
        {
          id: 's1',
          tenets: [{ id: 'a', questions: ['a1', 'a2', 'a3'] }, 'b'],
        },
      ],
    });
    // a = (1 + 1 + 1) / 3 = 1, b = 0: (1 × 1 + 1 × 0) / 2
    expect(stageOf(score(r, { a1: 4, a2: 4, a3: 4, b: 0 }), 's1').score).toBe(0.5);
  });

  it('leaves n/a tenets out, weights included', () => {
    const r = rubric({
      stages: [
        {
          id: 's1',
          tenets: [{ id: 'a', weight: 3, questions: [{ id: 'a', notApplicable: true }] }, 'b', 'c'],
        },
      ],
    });
    // a left out: (1 × 2/4 + 1 × 4/4) / 2
    const a = score(r, { a: 'n/a', b: 2, c: 4 });
    expect(tenetOf(a, 'a').score).toBeNull();
    expect(stageOf(a, 's1').score).toBe(0.75);
    expect(stageOf(a, 's1').attained).toBe(true);
  });

  it('is n/a (null) and attained when all its tenets are n/a', () => {
    const r = rubric({
      stages: [
        {
          id: 's1',
          tenets: [
            { id: 'a', questions: [{ id: 'a', notApplicable: true }] },
            { id: 'b', weight: 2, questions: [{ id: 'b', notApplicable: true }] },
          ],
        },
      ],
    });
    const s1 = stageOf(score(r, { a: 'n/a', b: 'n/a' }), 's1');
    expect(s1.score).toBeNull();
    expect(s1.attained).toBe(true);
  });

  it('numbers stages from 1 in rubric order and reports their threshold', () => {
    const r = rubric({
      threshold: 0.6,
      stages: [
        { id: 'first', tenets: ['a'] },
        { id: 'second', threshold: 0.9, tenets: ['b'] },
      ],
    });
    const a = score(r, { a: 4, b: 4 });
    expect(a.stages.map((s) => [s.number, s.id, s.name, s.threshold])).toEqual([
      [1, 'first', 'Stage first', 0.6],
      [2, 'second', 'Stage second', 0.9],
    ]);
  });
});

describe('attained: score >= threshold with a 1e-9 tolerance', () => {
  /** One stage of one question whose scale holds exactly the value we want as the score. */
  function oneValue(value: number, threshold = 0.7) {
    const r = rubric({
      threshold,
      stages: [{ id: 's1', tenets: [{ id: 't', questions: [{ id: 'q', scale: [0, value, 1] }] }] }],
    });
    return stageOf(score(r, { q: value }), 's1');
  }

  it('attains at exactly the threshold', () => {
    expect(oneValue(0.7).score).toBe(0.7);
    expect(oneValue(0.7).attained).toBe(true);
    expect(oneValue(1, 1).attained).toBe(true);
  });

  it('attains a hair (1e-12) below the threshold', () => {
    const s1 = oneValue(0.7 - 1e-12);
    expect(s1.score).toBeLessThan(0.7);
    expect(s1.attained).toBe(true);
  });

  it('does not attain 1e-6 below the threshold', () => {
    expect(oneValue(0.7 - 1e-6).attained).toBe(false);
    expect(oneValue(0.69).attained).toBe(false);
    expect(EPSILON).toBe(1e-9);
  });

  it('absorbs floating-point error such as 0.1 + 0.2', () => {
    // Two tenets weighted 0.1 and 0.2, both at 7/10 = 0.7: the mean is 0.7 on paper, but
    // (0.1 × 0.7 + 0.2 × 0.7) / (0.1 + 0.2) = 0.6999999999999997 in doubles.
    const r = rubric({
      scale: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      stages: [
        {
          id: 's1',
          tenets: [
            { id: 'a', weight: 0.1 },
            { id: 'b', weight: 0.2 },
          ],
        },
      ],
    });
    const s1 = stageOf(score(r, { a: 7, b: 7 }), 's1');
    expect(s1.score).toBe((0.1 * 0.7 + 0.2 * 0.7) / (0.1 + 0.2));
    expect(s1.score).toBeLessThan(0.7);
    expect(s1.attained).toBe(true);
  });

  it('uses a per-stage threshold override over the rubric threshold', () => {
    const r = ladder({ s1: ['a'], s2: ['b'] }, 0.7);
    r.stages[0]!.threshold = 0.5;
    const a = score(r, { a: 55, b: 65 });
    expect(stageOf(a, 's1')).toMatchObject({ score: 0.55, threshold: 0.5, attained: true });
    expect(stageOf(a, 's2')).toMatchObject({ score: 0.65, threshold: 0.7, attained: false });
    // and an override can make a stage harder than the default
    r.stages[0]!.threshold = 0.9;
    expect(stageOf(score(r, { a: 85 }), 's1').attained).toBe(false);
  });
});

describe('current stage and maturity index', () => {
  it('is 0 with null id and name when stage 1 is not attained', () => {
    const r = ladder({ s1: ['a'], s2: ['b'] });
    const a = score(r, { a: 60, b: 100 });
    expect(a.currentStage).toEqual({ number: 0, id: null, name: null });
    // index = 0 + score of stage 1 = 0.6
    expect(a.maturityIndex).toBe(0.6);
  });

  it('stops at the first unattained stage even when a later one is attained', () => {
    const r = ladder({ s1: ['a'], s2: ['b'], s3: ['c'], s4: ['d'] });
    const a = score(r, { a: 80, b: 70, c: 20, d: 90 });
    expect(a.currentStage).toEqual({ number: 2, id: 's2', name: 'Stage s2' });
    expect(a.maturityIndex).toBe(2 + 0.2);
  });

  it('gives 3.45 of 6 for stages 1–3 attained and stage 4 at 45%', () => {
    const r = ladder({ s1: ['a'], s2: ['b'], s3: ['c'], s4: ['d'], s5: ['e'], s6: ['f'] });
    const a = score(r, { a: 100, b: 90, c: 70, d: 45, e: 10, f: 95 });
    expect(a.currentStage.number).toBe(3);
    expect(a.maturityIndex).toBe(3 + 0.45);
    expect(a.maturityIndex).toBe(3.45);
    // stage 6 is attained but does not count towards the index: it is "ahead"
    expect(a.ahead).toEqual(['s6']);
  });

  it('adds the weighted next-stage score to the index', () => {
    const r = rubric({
      stages: [
        { id: 's1', tenets: ['a'] },
        {
          id: 's2',
          tenets: [
            { id: 'b', weight: 3 },
            { id: 'c', weight: 1 },
          ],
        },
      ],
    });
    // stage 1: 4/4 = 1; stage 2: (3 × 1/4 + 1 × 3/4) / 4 = 0.375
    expect(score(r, { a: 4, b: 1, c: 3 }).maturityIndex).toBe(1 + 0.375);
  });

  it('is the number of stages at the top, whatever the top score', () => {
    const r = ladder({ s1: ['a'], s2: ['b'], s3: ['c'] });
    const a = score(r, { a: 70, b: 80, c: 75 });
    expect(a.currentStage).toEqual({ number: 3, id: 's3', name: 'Stage s3' });
    expect(a.maturityIndex).toBe(3); // 3 + 0: no next stage
    expect(a.path).toBeNull();
  });

  it('passes through an n/a stage, which counts as attained', () => {
    const r = rubric({
      scale: PERCENT,
      stages: [
        { id: 's1', tenets: ['a'] },
        { id: 's2', tenets: [{ id: 'b', questions: [{ id: 'b', notApplicable: true }] }] },
        { id: 's3', tenets: ['c'] },
        { id: 's4', tenets: ['d'] },
      ],
    });
    const a = score(r, { a: 90, b: 'n/a', c: 80, d: 30 });
    expect(a.currentStage.number).toBe(3);
    expect(a.maturityIndex).toBe(3 + 0.3);
    // n/a top stage: the top is reached and the index is the number of stages
    const top = rubric({
      stages: [
        { id: 's1', tenets: ['a'] },
        { id: 's2', tenets: [{ id: 'b', questions: [{ id: 'b', notApplicable: true }] }] },
      ],
    });
    const t = score(top, { a: 4, b: 'n/a' });
    expect(t.currentStage.number).toBe(2);
    expect(t.maturityIndex).toBe(2);
    expect(t.path).toBeNull();
  });
});

describe('gaps', () => {
  // Stage 1 (threshold 0.7) attained with one weak tenet; stage 2 (threshold 0.75) is next;
  // stage 3 is not looked at.
  const r = rubric({
    stages: [
      {
        id: 's1',
        tenets: [
          { id: 'a1', moves: ['a1 first', 'a1 second'] },
          { id: 'a2', weight: 3 },
        ],
      },
      {
        id: 's2',
        threshold: 0.75,
        tenets: [
          { id: 'b1', moves: ['b1 only'] },
          { id: 'b2', weight: 3, moves: ['b2 first', 'b2 second', 'b2 third'] },
          { id: 'b3', weight: 2, moves: ['b3 only'] },
          'b4',
          { id: 'b5', questions: [{ id: 'b5', notApplicable: true }] },
        ],
      },
      { id: 's3', tenets: ['c1'] },
    ],
  });
  const answered = { a1: 2, a2: 4, b1: 1, b2: 2, b3: 2, b4: 3, b5: 'n/a' as const, c1: 0 };

  it('sets the scene: stage 1 attained, stage 2 next', () => {
    const a = score(r, answered);
    // s1: (1 × 0.5 + 3 × 1) / 4 = 0.875 >= 0.7; s2: (0.25 + 3 × 0.5 + 2 × 0.5 + 0.75) / 7 = 0.5
    expect(stageOf(a, 's1').score).toBe(0.875);
    expect(stageOf(a, 's2').score).toBe(0.5);
    expect(a.currentStage.number).toBe(1);
  });

  it('lists tenets below threshold in stages 1..next, by stage, impact, then rubric order', () => {
    const a = score(r, answered);
    expect(a.gaps).toEqual([
      // stage 1: a1 = 0.5 < 0.7, impact 1 × (0.7 − 0.5); a2 = 1 is no gap
      { stage: 's1', tenet: 'a1', score: 0.5, threshold: 0.7, weight: 1, impact: 1 * (0.7 - 0.5) },
      // stage 2: b2 impact 3 × (0.75 − 0.5) = 0.75
      { stage: 's2', tenet: 'b2', score: 0.5, threshold: 0.75, weight: 3, impact: 0.75 },
      // b1 = 1 × (0.75 − 0.25) = 0.5 and b3 = 2 × (0.75 − 0.5) = 0.5 tie: rubric order, b1 first
      { stage: 's2', tenet: 'b1', score: 0.25, threshold: 0.75, weight: 1, impact: 0.5 },
      { stage: 's2', tenet: 'b3', score: 0.5, threshold: 0.75, weight: 2, impact: 0.5 },
      // b4 = 0.75 is at the threshold: no gap; b5 is n/a: no gap; c1 is in stage 3: not looked at
    ]);
  });

  it('breaks an impact tie by rubric order, not by weight or score', () => {
    // same tie as above, with the heavier tenet first in the rubric
    const swapped = rubric({
      stages: [
        {
          id: 's1',
          threshold: 0.75,
          tenets: [{ id: 'heavy', weight: 2 }, 'light'],
        },
      ],
    });
    // heavy: 2 × (0.75 − 0.5) = 0.5; light: 1 × (0.75 − 0.25) = 0.5
    const a = score(swapped, { heavy: 2, light: 1 });
    expect(a.gaps.map((g) => [g.tenet, g.impact])).toEqual([
      ['heavy', 0.5],
      ['light', 0.5],
    ]);
  });

  it('looks only at stage 1 when stage 1 is not attained', () => {
    const a = score(r, { ...answered, a2: 1 });
    // s1: (0.5 + 3 × 0.25) / 4 = 0.3125 < 0.7
    expect(a.currentStage.number).toBe(0);
    // a2: 3 × (0.7 − 0.25) = 1.35 before a1: 1 × (0.7 − 0.5) = 0.2
    expect(a.gaps.map((g) => g.tenet)).toEqual(['a2', 'a1']);
  });

  it('looks at every stage at the top, attained ones included', () => {
    const a = score(r, { a1: 2, a2: 4, b1: 4, b2: 4, b3: 4, b4: 1, b5: 'n/a', c1: 4 });
    // s2: (1 + 3 + 2 + 0.25) / 7 >= 0.75; all three stages attained
    expect(a.currentStage.number).toBe(3);
    expect(a.gaps.map((g) => [g.stage, g.tenet])).toEqual([
      ['s1', 'a1'],
      ['s2', 'b4'],
    ]);
  });

  it('skips a gap in a stage beyond next even when that stage is attained', () => {
    const l = ladder({ s1: ['a'], s2: ['b'], s3: ['c', 'd'] });
    const a = score(l, { a: 10, b: 10, c: 100, d: 60 });
    // s3 = 0.8 attained (ahead) but d = 0.6 < 0.7 is not a gap: s3 is beyond next (s1)
    expect(a.ahead).toEqual(['s3']);
    expect(a.gaps.map((g) => g.tenet)).toEqual(['a']);
  });

  it('applies the same 1e-9 tolerance as attainment', () => {
    // a tenet at 0.7 − 1e-12 "reaches" 0.7, so it is no gap (engine choice; SPEC says "below")
    const l = rubric({
      stages: [
        {
          id: 's1',
          tenets: [{ id: 'hair', questions: [{ id: 'hair', scale: [0, 0.7 - 1e-12, 1] }] }, 'low'],
        },
      ],
    });
    const a = score(l, { hair: 0.7 - 1e-12, low: 0 });
    expect(a.gaps.map((g) => g.tenet)).toEqual(['low']);
  });
});

describe('recommended moves', () => {
  const r = rubric({
    stages: [
      {
        id: 's1',
        tenets: [
          { id: 'a', moves: ['a first', 'a second'] },
          { id: 'b', weight: 3, moves: ['b first', 'b second', 'b third'] },
          { id: 'ok', moves: ['ok move'] },
        ],
      },
      { id: 's2', tenets: [{ id: 'c', moves: ['c first', 'c second'] }] },
    ],
  });
  // s1: a = 0, b = 0.25, ok = 1 → (0 + 0.75 + 1) / 5 = 0.35, not attained; gaps b (3 × 0.45), a (0.7)
  const answered = { a: 0, b: 1, ok: 4, c: 0 };

  it(`walks the gaps in order, each tenet's moves in rubric order, first ${DEFAULT_MOVES} by default`, () => {
    const a = score(r, answered);
    expect(a.gaps.map((g) => g.tenet)).toEqual(['b', 'a']);
    expect(a.moves).toEqual([
      { stage: 's1', tenet: 'b', text: 'b first' },
      { stage: 's1', tenet: 'b', text: 'b second' },
      { stage: 's1', tenet: 'b', text: 'b third' },
      { stage: 's1', tenet: 'a', text: 'a first' },
      { stage: 's1', tenet: 'a', text: 'a second' },
    ]);
  });

  it('shows the first N moves', () => {
    expect(score(r, answered, { moves: 2 }).moves.map((m) => m.text)).toEqual([
      'b first',
      'b second',
    ]);
    expect(score(r, answered, { moves: 4 }).moves.map((m) => m.text)).toEqual([
      'b first',
      'b second',
      'b third',
      'a first',
    ]);
  });

  it('shows none for N = 0', () => {
    expect(score(r, answered, { moves: 0 }).moves).toEqual([]);
  });

  it('shows all there are when N is larger, never moves of tenets that are no gap', () => {
    const moves = score(r, answered, { moves: 50 }).moves;
    expect(moves.map((m) => m.text)).toEqual([
      'b first',
      'b second',
      'b third',
      'a first',
      'a second',
    ]);
  });

  it('names the stage of each move, across stages', () => {
    // s1 attained with a at 0.5 (gap), s2 next with c (gap)
    const a = score(r, { a: 2, b: 4, ok: 4, c: 0 }, { moves: 10 });
    expect(a.moves).toEqual([
      { stage: 's1', tenet: 'a', text: 'a first' },
      { stage: 's1', tenet: 'a', text: 'a second' },
      { stage: 's2', tenet: 'c', text: 'c first' },
      { stage: 's2', tenet: 'c', text: 'c second' },
    ]);
  });
});

describe('non-linear profile', () => {
  const r = ladder({ s1: ['a'], s2: ['b'], s3: ['c'], s4: ['d'], s5: ['e'] });

  it('lists attained stages above the current one as ahead, unattained ones below as foundation gaps', () => {
    // attained: s1, s3, s5; not: s2, s4
    const a = score(r, { a: 90, b: 10, c: 80, d: 0, e: 70 });
    expect(a.currentStage.number).toBe(1);
    expect(a.ahead).toEqual(['s3', 's5']);
    expect(a.foundationGaps).toEqual(['s2', 's4']);
  });

  it('finds a foundation gap at stage 1 when a later stage is attained', () => {
    // a centre of excellence (s3) built before anyone listens to customers (s1)
    const a = score(r, { a: 10, b: 20, c: 95, d: 20, e: 0 });
    expect(a.currentStage.number).toBe(0);
    expect(a.ahead).toEqual(['s3']);
    expect(a.foundationGaps).toEqual(['s1', 's2']);
  });

  it('is empty for a linear profile', () => {
    const a = score(r, { a: 90, b: 80, c: 10, d: 0, e: 0 });
    expect(a.ahead).toEqual([]);
    expect(a.foundationGaps).toEqual([]);
    expect(a.pitfalls).toEqual([]);
  });

  describe('pitfalls', () => {
    // s3 holds a hub with a pitfall (and a plain tenet); s4 another pitfall.
    const withPitfalls = rubric({
      scale: PERCENT,
      stages: [
        { id: 's1', tenets: ['a'] },
        { id: 's2', tenets: ['b'] },
        { id: 's3', tenets: [{ id: 'hub', pitfall: 'hub too early' }, 'c'] },
        { id: 's4', tenets: [{ id: 'd', pitfall: 'd too early' }] },
      ],
    });

    it('warns of the pitfalls of attained stages above the lowest foundation gap', () => {
      const a = score(withPitfalls, { a: 10, b: 90, hub: 90, c: 90, d: 90 });
      expect(a.foundationGaps).toEqual(['s1']);
      expect(a.pitfalls).toEqual([
        { stage: 's3', tenet: 'hub', text: 'hub too early' },
        { stage: 's4', tenet: 'd', text: 'd too early' },
      ]);
    });

    it('counts the stage, not the tenet: a weak hub in an attained stage still warns', () => {
      // s3 = (0.5 + 1) / 2 = 0.75, attained although the hub tenet itself is at 50%.
      const a = score(withPitfalls, { a: 10, b: 90, hub: 50, c: 100, d: 0 });
      expect(a.pitfalls).toEqual([{ stage: 's3', tenet: 'hub', text: 'hub too early' }]);
    });

    it('says nothing when the stage is not attained, or when nothing below it is a gap', () => {
      expect(score(withPitfalls, { a: 10, b: 90, hub: 10, c: 10, d: 0 }).pitfalls).toEqual([]);
      expect(score(withPitfalls, { a: 90, b: 90, hub: 90, c: 90, d: 0 }).pitfalls).toEqual([]);
    });

    it('says nothing for a stage below the lowest gap', () => {
      // s3 attained, s4 a gap below nothing: no foundation gap at all.
      const a = score(withPitfalls, { a: 90, b: 90, hub: 90, c: 90, d: 10 });
      expect(a.foundationGaps).toEqual([]);
      expect(a.pitfalls).toEqual([]);
    });
  });

  describe('n/a stages', () => {
    const withNa = (naStage: number) =>
      rubric({
        scale: PERCENT,
        stages: ['s1', 's2', 's3', 's4'].map((id, i) => ({
          id,
          tenets: [
            i + 1 === naStage
              ? { id: `t${i + 1}`, questions: [{ id: `t${i + 1}`, notApplicable: true }] }
              : `t${i + 1}`,
          ],
        })),
      });

    it('never lists an n/a stage as ahead, nor lets it make a lower stage a foundation gap', () => {
      // s1 not attained, s2 n/a (attained), s3 and s4 not attained
      const a = score(withNa(2), { t1: 10, t2: 'n/a', t3: 10, t4: 10 });
      expect(stageOf(a, 's2')).toMatchObject({ score: null, attained: true });
      expect(a.currentStage.number).toBe(0);
      expect(a.ahead).toEqual([]);
      expect(a.foundationGaps).toEqual([]);
    });

    it('keeps an n/a stage above the current one out of ahead', () => {
      // s1 attained, s2 not, s3 n/a, s4 not
      const a = score(withNa(3), { t1: 90, t2: 10, t3: 'n/a', t4: 10 });
      expect(a.currentStage.number).toBe(1);
      expect(a.ahead).toEqual([]);
      expect(a.foundationGaps).toEqual([]);
    });

    it('still reports gaps below a scored attained stage above the n/a one', () => {
      // s1 not, s2 n/a, s3 attained, s4 not: s1 is below s3, a foundation gap
      const a = score(withNa(2), { t1: 10, t2: 'n/a', t3: 90, t4: 10 });
      expect(a.ahead).toEqual(['s3']);
      expect(a.foundationGaps).toEqual(['s1']);
    });
  });
});

describe('unanswered and completeness', () => {
  const r = rubric({
    stages: [
      { id: 's1', tenets: [{ id: 'a', questions: ['q1', { id: 'q2', notApplicable: true }] }] },
      { id: 's2', tenets: [{ id: 'b', questions: ['q3', 'q4'] }] },
    ],
  });

  it('lists unanswered questions in rubric order, not answer order, and scores them 0', () => {
    const a = score(r, { q3: 4, q2: 'n/a' });
    expect(a.unanswered).toEqual(['q1', 'q4']);
    expect(tenetOf(a, 'a').score).toBe(0); // q1 = 0, q2 n/a left out
    expect(tenetOf(a, 'b').score).toBe(0.5); // (1 + 0) / 2
  });

  it('counts n/a answers as answered: answered / all', () => {
    expect(score(r, { q3: 4, q2: 'n/a' }).completeness).toBe(2 / 4);
    expect(score(r, { q1: 0 }).completeness).toBe(1 / 4);
    expect(score(r, { q1: 0, q2: 'n/a', q3: 1, q4: 2 }).completeness).toBe(1);
    expect(score(r, { q1: 0, q2: 'n/a', q3: 1, q4: 2 }).unanswered).toEqual([]);
  });
});

describe('benchmarks', () => {
  const r = rubric({
    stages: [
      {
        id: 's1',
        tenets: [
          { id: 't', questions: ['q1', 'q2'] },
          { id: 'own', questions: [{ id: 'q3', scale: [10, 20, 30] }] },
          { id: 'na', questions: [{ id: 'q4', notApplicable: true }] },
        ],
      },
    ],
    benchmarks: [
      { question: 'q1', atLeast: 3, share: 0.12, statement: 'q1 at 3+', source: 'survey' },
      { question: 'q3', atLeast: 20, share: 0.3, statement: 'q3 at 20+' },
      { question: 'q4', atLeast: 1, share: 0.5, statement: 'q4 at 1+' },
      { tenet: 't', atLeast: 3, share: 0.2, statement: 't at 3+' },
      { tenet: 'own', atLeast: 2, share: 0.4, statement: 'own at 2+' },
      { tenet: 'na', atLeast: 1, share: 0.6, statement: 'na at 1+' },
    ],
  });

  it('compares a question answer with atLeast, on its own scale', () => {
    const [q1, q3] = score(r, { q1: 3, q2: 3, q3: 20 }).benchmarks;
    expect(q1).toEqual({
      question: 'q1',
      statement: 'q1 at 3+',
      share: 0.12,
      atLeast: 3,
      source: 'survey',
      value: 3,
      meets: true,
    });
    expect(q3).toMatchObject({ question: 'q3', value: 20, meets: true });
    const [low] = score(r, { q1: 2 }).benchmarks;
    expect(low).toMatchObject({ value: 2, meets: false });
  });

  it('has no value (meets null) for an unanswered or n/a question', () => {
    const results = score(r, { q4: 'n/a' }).benchmarks;
    expect(results[0]).toMatchObject({ question: 'q1', value: null, meets: null });
    expect(results[2]).toMatchObject({ question: 'q4', value: null, meets: null });
  });

  it('maps a tenet score onto the rubric scale: lowest + score × (highest − lowest)', () => {
    // t = (4/4 + 2/4) / 2 = 0.75 → 0 + 0.75 × 4 = 3 >= 3
    const results = score(r, { q1: 4, q2: 2, q3: 20 }).benchmarks;
    expect(results[3]).toEqual({
      tenet: 't',
      statement: 't at 3+',
      share: 0.2,
      atLeast: 3,
      value: 3,
      meets: true,
    });
    // own = (20 − 10) / (30 − 10) = 0.5 → on the rubric scale 0..4: 2, not 20
    expect(results[4]).toMatchObject({ tenet: 'own', value: 2, meets: true });
    // t = (4/4 + 1/4) / 2 = 0.625 → 2.5 < 3
    expect(score(r, { q1: 4, q2: 1 }).benchmarks[3]).toMatchObject({ value: 2.5, meets: false });
  });

  it('maps onto a rubric scale that does not start at 0', () => {
    const shifted = rubric({
      scale: [1, 2, 3, 4, 5],
      stages: [{ id: 's1', tenets: ['t'] }],
      benchmarks: [{ tenet: 't', atLeast: 4, share: 0.1, statement: 't at 4+' }],
    });
    // t = (3 − 1) / (5 − 1) = 0.5 → 1 + 0.5 × 4 = 3 < 4
    expect(score(shifted, { t: 3 }).benchmarks[0]).toMatchObject({ value: 3, meets: false });
    // t = (4 − 1) / 4 = 0.75 → 1 + 0.75 × 4 = 4 >= 4
    expect(score(shifted, { t: 4 }).benchmarks[0]).toMatchObject({ value: 4, meets: true });
  });

  it('has no value for an n/a tenet; an unanswered tenet scores 0, the lowest level', () => {
    const results = score(r, { q4: 'n/a' }).benchmarks;
    expect(results[5]).toMatchObject({ tenet: 'na', value: null, meets: null });
    // t: both questions unanswered → score 0 → value 0 (engine choice: not null)
    expect(results[3]).toMatchObject({ tenet: 't', value: 0, meets: false });
  });
});

describe('edge cases', () => {
  const naRubric = rubric({
    stages: [
      { id: 's1', tenets: [{ id: 'a', questions: [{ id: 'a', notApplicable: true }] }] },
      {
        id: 's2',
        tenets: [
          { id: 'b', questions: [{ id: 'b', notApplicable: true }] },
          { id: 'c', questions: [{ id: 'c', notApplicable: true }] },
        ],
      },
    ],
  });

  it('everything n/a: every stage n/a and attained, at the top, nothing to do', () => {
    const a = score(naRubric, { a: 'n/a', b: 'n/a', c: 'n/a' });
    expect(a.stages.map((s) => [s.score, s.attained])).toEqual([
      [null, true],
      [null, true],
    ]);
    expect(a.currentStage).toEqual({ number: 2, id: 's2', name: 'Stage s2' });
    expect(a.maturityIndex).toBe(2);
    expect(a.gaps).toEqual([]);
    expect(a.path).toBeNull();
    expect(a.moves).toEqual([]);
    expect(a.ahead).toEqual([]);
    expect(a.foundationGaps).toEqual([]);
    expect(a.unanswered).toEqual([]);
    expect(a.completeness).toBe(1);
  });

  it('nothing answered (empty map): everything 0, at stage 0, every question unanswered', () => {
    const r = rubric({
      stages: [
        {
          id: 's1',
          tenets: [
            { id: 'a', moves: ['a move'] },
            { id: 'b', weight: 2, questions: ['b1', 'b2'], moves: ['b move'] },
          ],
        },
        { id: 's2', tenets: ['c'] },
      ],
    });
    const a = score(r, {});
    expect(a.stages.map((s) => s.score)).toEqual([0, 0]);
    expect(a.currentStage).toEqual({ number: 0, id: null, name: null });
    expect(a.maturityIndex).toBe(0);
    expect(a.completeness).toBe(0);
    expect(a.unanswered).toEqual(['a', 'b1', 'b2', 'c']);
    // impacts 2 × 0.7 and 1 × 0.7
    expect(a.gaps.map((g) => [g.tenet, g.impact])).toEqual([
      ['b', 2 * 0.7],
      ['a', 0.7],
    ]);
    expect(a.path?.stage).toBe('s1');
    expect(a.moves.map((m) => m.text)).toEqual(['b move', 'a move']);
    expect(a.ahead).toEqual([]);
    expect(a.foundationGaps).toEqual([]);
  });

  it('echoes the rubric id, version and title', () => {
    const a = score(
      rubric({ id: 'demo', version: '2.1.0', stages: [{ id: 's1', tenets: ['a'] }] }),
    );
    expect(a.rubric).toEqual({ id: 'demo', version: '2.1.0', title: 'Test rubric' });
  });
});

describe('near ties in impact and gain are broken by rubric order', () => {
  // On paper both impacts are 0.4, but floating point gives B 0.3999999999999999 and A
  // 0.39999999999999997: within 1e-9 they tie, and rubric order (B first) decides.
  it('orders gaps with equal impact (within 1e-9) in rubric order', () => {
    const r = rubric({
      scale: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      stages: [
        {
          id: 's1',
          tenets: [
            { id: 'b', weight: 2 },
            { id: 'a', weight: 1 },
          ],
        },
      ],
    });
    // b: 2 × (0.7 − 0.5) = 0.4; a: 1 × (0.7 − 0.3) = 0.4
    const a = score(r, { b: 5, a: 3 });
    expect(a.gaps.map((gap) => gap.tenet)).toEqual(['b', 'a']);
  });
});
