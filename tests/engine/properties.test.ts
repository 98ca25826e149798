import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessAnswers as assess } from '../../src/engine/analyse.js';
import { EPSILON } from '../../src/engine/score.js';
import type { Answer, Assessment } from '../../src/engine/types.js';
import type { Rubric } from '../../src/rubric/types.js';
import { caseArb, NUM_RUNS, questionsOf, topValue, withAnswers } from './builders.js';

const params = { numRuns: NUM_RUNS };

/** Every question, tenet and stage score of an assessment, flattened in rubric order. */
function allScores(a: Assessment): (number | null)[] {
  return a.stages.flatMap((stage) => [
    stage.score,
    ...stage.tenets.flatMap((tenet) => [tenet.score, ...tenet.questions.map((q) => q.score)]),
  ]);
}

/** The answers with every question of the given tenets set to its scale's top value. */
function raiseTenets(r: Rubric, answers: Map<string, Answer>, tenetIds: readonly string[]) {
  const raised = r.stages
    .flatMap((stage) => stage.tenets)
    .filter((tenet) => tenetIds.includes(tenet.id))
    .flatMap((tenet) => tenet.questions)
    .map((q): [string, Answer] => [q.id, { value: topValue(q) }]);
  return withAnswers(answers, raised);
}

/** Index (1-based) of the stage the gaps and the path look up to. */
function nextNumber(a: Assessment): number {
  return Math.min(a.currentStage.number + 1, a.stages.length);
}

describe('engine properties', () => {
  it('keeps every score null or in [0, 1], the index in [0, stages], completeness in [0, 1]', () => {
    fc.assert(
      fc.property(caseArb, ({ rubric, answers }) => {
        const a = assess(rubric, answers);
        for (const s of allScores(a)) {
          if (s !== null) {
            expect(s).toBeGreaterThanOrEqual(0);
            expect(s).toBeLessThanOrEqual(1);
          }
        }
        expect(a.maturityIndex).toBeGreaterThanOrEqual(0);
        expect(a.maturityIndex).toBeLessThanOrEqual(rubric.stages.length);
        expect(a.maturityIndex).toBeGreaterThanOrEqual(a.currentStage.number);
        expect(a.completeness).toBeGreaterThanOrEqual(0);
        expect(a.completeness).toBeLessThanOrEqual(1);
        const all = questionsOf(rubric).length;
        expect(a.completeness).toBe((all - a.unanswered.length) / all);
      }),
      params,
    );
  });

  it('never lowers a score, the current stage or the index when one answer is raised', () => {
    const arb = caseArb.chain(({ rubric, answers }) => {
      const raisable = questionsOf(rubric).flatMap((q) => {
        const answer = answers.get(q.id);
        // unanswered scores 0, the lowest: any value is a raise; n/a is not on the scale
        const from = answer === undefined ? -Infinity : answer.value;
        if (from === 'n/a') return [];
        const higher = q.scale.map((l) => l.value).filter((v) => v > from);
        return higher.length > 0 ? [{ id: q.id, higher }] : [];
      });
      if (raisable.length === 0) return fc.constant(null);
      return fc
        .constantFrom(...raisable)
        .chain(({ id, higher }) => fc.constantFrom(...higher).map((value) => ({ id, value })))
        .map((raise) => ({ rubric, answers, raise }));
    });
    fc.assert(
      fc.property(arb, (input) => {
        if (input === null) return;
        const { rubric, answers, raise } = input;
        const before = assess(rubric, answers);
        const after = assess(rubric, withAnswers(answers, [[raise.id, { value: raise.value }]]));
        const b = allScores(before);
        const c = allScores(after);
        c.forEach((score, i) => {
          // n/a stays n/a: raising a numeric answer cannot make anything n/a or un-n/a
          if (b[i] === null) expect(score).toBeNull();
          else expect(score).toBeGreaterThanOrEqual(b[i]!);
        });
        expect(after.currentStage.number).toBeGreaterThanOrEqual(before.currentStage.number);
        expect(after.maturityIndex).toBeGreaterThanOrEqual(before.maturityIndex);
        after.stages.forEach((stage, i) => {
          if (before.stages[i]!.attained) expect(stage.attained).toBe(true);
        });
      }),
      params,
    );
  });

  it('is deterministic: identical input gives deep-equal, JSON-identical output', () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 0, max: 8 }), ({ rubric, answers }, moves) => {
        const first = assess(rubric, answers, { moves });
        const second = assess(rubric, answers, { moves });
        expect(second).toEqual(first);
        expect(JSON.stringify(second)).toBe(JSON.stringify(first));
        // the order answers were given in does not matter either
        const reversed = new Map([...answers].reverse());
        expect(JSON.stringify(assess(rubric, reversed, { moves }))).toBe(JSON.stringify(first));
      }),
      params,
    );
  });

  it('gives a path that attains the next stage when its tenets are answered at the top, and no shorter prefix does', () => {
    fc.assert(
      fc.property(caseArb, ({ rubric, answers }) => {
        const a = assess(rubric, answers);
        if (a.currentStage.number === rubric.stages.length) {
          expect(a.path).toBeNull();
          return;
        }
        const next = a.stages[a.currentStage.number]!;
        expect(next.attained).toBe(false);
        expect(a.path).not.toBeNull();
        const path = a.path!;
        expect(path.stage).toBe(next.id);
        expect(path.tenets.length).toBeGreaterThan(0);
        expect(new Set(path.tenets).size).toBe(path.tenets.length);
        for (const id of path.tenets) {
          const tenet = next.tenets.find((t) => t.id === id);
          expect(tenet).toBeDefined();
          expect(tenet!.score).not.toBeNull(); // an n/a tenet is never in the path
        }
        // greedy order: weight × (1 − score) never increases along the path
        const gains = path.tenets.map((id) => {
          const t = next.tenets.find((x) => x.id === id)!;
          return t.weight * (1 - t.score!);
        });
        gains.forEach((gain, i) => {
          if (i > 0) expect(gain).toBeLessThanOrEqual(gains[i - 1]! + EPSILON);
        });
        const stageAfter = (ids: readonly string[]) =>
          assess(rubric, raiseTenets(rubric, answers, ids)).stages[next.number - 1]!;
        expect(stageAfter(path.tenets).attained).toBe(true);
        for (let k = 0; k < path.tenets.length; k += 1) {
          expect(stageAfter(path.tenets.slice(0, k)).attained).toBe(false);
        }
      }),
      params,
    );
  });

  it('lists as gaps exactly the scored tenets below threshold in stages 1..next, ranked', () => {
    fc.assert(
      fc.property(caseArb, ({ rubric, answers }) => {
        const a = assess(rubric, answers);
        const expected = a.stages
          .slice(0, nextNumber(a))
          .flatMap((stage) =>
            stage.tenets
              .filter((t) => t.score !== null && t.score < stage.threshold - EPSILON)
              .map((t) => `${stage.id}/${t.id}`),
          );
        expect(a.gaps.map((g) => `${g.stage}/${g.tenet}`).sort()).toEqual(expected.sort());
        const stageIndex = (id: string) => a.stages.findIndex((s) => s.id === id);
        a.gaps.forEach((gap, i) => {
          expect(gap.impact).toBe(gap.weight * (gap.threshold - gap.score));
          expect(gap.impact).toBeGreaterThan(0);
          if (i === 0) return;
          const prev = a.gaps[i - 1]!;
          expect(stageIndex(gap.stage)).toBeGreaterThanOrEqual(stageIndex(prev.stage));
          // Impacts equal within 1e-9 count as a tie (broken by rubric order), so allow that much.
          if (gap.stage === prev.stage)
            expect(gap.impact).toBeLessThanOrEqual(prev.impact + EPSILON);
        });
      }),
      params,
    );
  });

  it("takes moves from the gaps in order, each tenet's moves in rubric order, at most N", () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 0, max: 12 }), ({ rubric, answers }, n) => {
        const a = assess(rubric, answers, { moves: n });
        const tenets = new Map(rubric.stages.flatMap((s) => s.tenets.map((t) => [t.id, t])));
        const all = a.gaps.flatMap((gap) =>
          tenets
            .get(gap.tenet)!
            .moves.map((text) => ({ stage: gap.stage, tenet: gap.tenet, text })),
        );
        expect(a.moves).toEqual(all.slice(0, n));
      }),
      params,
    );
  });

  it('keeps the profile consistent: current, ahead, foundation gaps, unanswered', () => {
    fc.assert(
      fc.property(caseArb, ({ rubric, answers }) => {
        const a = assess(rubric, answers);
        const current = a.currentStage.number;
        a.stages.forEach((stage, i) => {
          if (i < current) expect(stage.attained).toBe(true);
          if (stage.score === null) expect(stage.attained).toBe(true);
        });
        if (current < a.stages.length) expect(a.stages[current]!.attained).toBe(false);
        const scored = a.stages.filter((s) => s.score !== null);
        expect(a.ahead).toEqual(
          scored.filter((s) => s.attained && s.number > current).map((s) => s.id),
        );
        const top = Math.max(0, ...scored.filter((s) => s.attained).map((s) => s.number));
        expect(a.foundationGaps).toEqual(
          scored.filter((s) => !s.attained && s.number < top).map((s) => s.id),
        );
        expect(a.unanswered).toEqual(
          questionsOf(rubric)
            .filter((q) => !answers.has(q.id))
            .map((q) => q.id),
        );
      }),
      params,
    );
  });
});
