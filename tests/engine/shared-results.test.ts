import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { scoreSheet } from '../../src/engine/score.js';
import type { Answer } from '../../src/engine/types.js';
import { answers, caseArb, NUM_RUNS, rubric } from './builders.js';

// Question results of answers without a note are shared by every sheet of a rubric (score.ts):
// the same numbers as results made anew, never changed, and -0 and notes kept apart.

const r = rubric({
  stages: [
    {
      id: 'one',
      tenets: [{ id: 'a', questions: [{ id: 'q1' }, { id: 'q2', notApplicable: true }] }],
    },
  ],
});
const resultOf = (entries: Record<string, number | 'n/a' | Answer>, id = 'q1') =>
  scoreSheet(r, answers(entries)).stages[0]!.tenets[0]!.questions.find((q) => q.id === id)!;

describe('shared question results', () => {
  it('gives two sheets with the same answer the same frozen result', () => {
    const first = resultOf({ q1: 3, q2: 1 });
    const second = resultOf({ q1: 3, q2: 'n/a' });
    expect(second).toBe(first);
    expect(first).toEqual({ id: 'q1', value: 3, score: 0.75, weight: 1 });
    expect(Object.isFrozen(first)).toBe(true);
    expect(() => {
      (first as { score: number }).score = 1;
    }).toThrow(TypeError);
    expect(resultOf({ q1: 3 }).score).toBe(0.75);
    // Unanswered and n/a are shared too.
    expect(resultOf({}, 'q2')).toBe(resultOf({ q1: 1 }, 'q2'));
    expect(resultOf({ q2: 'n/a' }, 'q2')).toEqual({
      id: 'q2',
      value: 'n/a',
      score: null,
      weight: 1,
    });
  });

  it('makes a result of its own for an answer with a note, and for -0', () => {
    const noted = resultOf({ q1: { value: 2, note: 'two pilots' } });
    expect(noted).toEqual({ id: 'q1', value: 2, score: 0.5, weight: 1, note: 'two pilots' });
    expect(resultOf({ q1: 2 })).not.toHaveProperty('note');
    expect(resultOf({ q1: 0 }).value).toBe(0);
    expect(Object.is(resultOf({ q1: -0 }).value, -0)).toBe(true);
    expect(Object.is(resultOf({ q1: 0 }).value, 0)).toBe(true);
  });

  it("scores values beyond the ones it keeps (a team's combined answers) all the same", () => {
    for (let i = 0; i <= 40; i += 1) expect(resultOf({ q1: i / 10 }).score).toBe(i / 40);
  });

  it('scores every sheet as a fresh engine does, whatever came before', async () => {
    vi.resetModules();
    const fresh = (await import('../../src/engine/score.js')).scoreSheet;
    expect(fresh).not.toBe(scoreSheet);
    fc.assert(
      fc.property(
        caseArb,
        fc.array(fc.nat(3), { maxLength: 3 }),
        ({ rubric: rb, answers: a }, notes) => {
          // Some answers carry a note, so shared and own results mix within one sheet.
          const withNotes = new Map(a);
          [...a.keys()].forEach((id, i) => {
            if (notes.includes(i % 4)) withNotes.set(id, { ...a.get(id)!, note: `note ${i}` });
          });
          scoreSheet(rb, a);
          const sheet = scoreSheet(rb, withNotes);
          expect(sheet).toEqual(fresh(rb, withNotes));
          // Each result is its own answer's, note and all.
          for (const stage of sheet.stages) {
            for (const question of stage.tenets.flatMap((tenet) => tenet.questions)) {
              const answer = withNotes.get(question.id);
              expect(question.value).toBe(answer === undefined ? null : answer.value);
              expect(question.note).toBe(answer?.note);
            }
          }
          expect(scoreSheet(rb, a)).toEqual(fresh(rb, a));
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });
});
