import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessAnswers as assess, assessStanding } from '../../src/engine/analyse.js';
import { EPSILON } from '../../src/engine/score.js';
import type { Answer, Assessment } from '../../src/engine/types.js';
import { caseArb, NUM_RUNS, questionsOf, withAnswers } from './builders.js';

const params = { numRuns: NUM_RUNS };

/** Every question, tenet and stage score of an assessment, flattened in rubric order. */
function allScores(a: Assessment): (number | null)[] {
  return a.stages.flatMap((stage) => [
    stage.score,
    ...stage.tenets.flatMap((tenet) => [tenet.score, ...tenet.questions.map((q) => q.score)]),
  ]);
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

  it('gives a path whose steps attain the next stage and that stops as soon as they do', () => {
    fc.assert(
      fc.property(caseArb, ({ rubric, answers }) => {
        const a = assess(rubric, answers);
        if (a.currentStage.number === rubric.stages.length) {
          expect(a.path).toBeNull();
          return;
        }
        const next = a.stages[a.currentStage.number]!;
        expect(next.attained).toBe(false);
        const path = a.path!;
        expect(path.stage).toBe(next.id);
        expect(path.steps.length).toBeGreaterThan(0);
        expect(new Set(path.steps.map((s) => s.question)).size).toBe(path.steps.length);
        expect(path.tenets).toEqual([...new Set(path.steps.map((s) => s.tenet))]);
        for (const step of path.steps) {
          const tenet = next.tenets.find((t) => t.id === step.tenet)!;
          const question = tenet.questions.find((q) => q.id === step.question)!;
          expect(question.score).not.toBeNull(); // never an n/a question
          expect(question.value).toBe(step.from);
          expect(step.to).toBeGreaterThan(step.from ?? -Infinity);
        }
        const stageAfter = (steps: readonly [string, number][]) =>
          assess(
            rubric,
            withAnswers(
              answers,
              steps.map(([question, value]): [string, Answer] => [question, { value }]),
            ),
          ).stages[next.number - 1]!;
        const raised = path.steps.map((step): [string, number] => [step.question, step.to]);
        expect(stageAfter(raised).attained).toBe(true);
        // Raising stops as soon as the stage is attained: undoing the last one-level raise (of
        // whichever question it was) leaves it unattained, so some step, one level lower, fails.
        const oneLower = path.steps.map((step, i) => {
          const { scale } = rubric.stages[next.number - 1]!.tenets.find(
            (t) => t.id === step.tenet,
          )!.questions.find((q) => q.id === step.question)!;
          const below = scale.map((l) => l.value).filter((v) => v < step.to);
          const value = Math.max(...below, step.from ?? -Infinity);
          return raised.map(([q, v], j): [string, number] => (j === i ? [q, value] : [q, v]));
        });
        expect(oneLower.some((steps) => !stageAfter(steps).attained)).toBe(true);
        // When every scale climbs in even steps, a question's raises all gain the same, and the
        // question raised last is the last listed: the path without it does not attain the stage.
        const even = rubric.stages[next.number - 1]!.tenets.every((t) =>
          t.questions.every((q) => {
            const values = q.scale.map((l) => l.value).sort((x, y) => x - y);
            return values.every((v, k) => k < 2 || v - values[k - 1]! === values[1]! - values[0]!);
          }),
        );
        if (even) expect(stageAfter(raised.slice(0, -1)).attained).toBe(false);
      }),
      params,
    );
  });

  it('gives progress to a target in [0, 1], exactly 1 when the target is reached', () => {
    fc.assert(
      fc.property(
        caseArb.chain((c) =>
          fc.integer({ min: 0, max: c.rubric.stages.length }).map((target) => ({ ...c, target })),
        ),
        ({ rubric, answers, target }) => {
          const a = assess(rubric, answers, { target });
          const t = a.target!;
          expect(t.stage.number).toBe(target);
          expect(t.reached).toBe(a.currentStage.number >= target);
          expect(t.progress).toBeGreaterThanOrEqual(0);
          expect(t.progress).toBeLessThanOrEqual(1);
          expect(t.progress === 1).toBe(t.reached);
          expect(t.phases.length === 0).toBe(t.reached);
        },
      ),
      params,
    );
  });

  it('gives a roadmap whose phases, applied, attain every stage up to the target', () => {
    fc.assert(
      fc.property(
        caseArb.chain((c) =>
          fc.integer({ min: 1, max: c.rubric.stages.length }).map((target) => ({ ...c, target })),
        ),
        ({ rubric, answers, target }) => {
          const a = assess(rubric, answers, { target });
          // Raise every listed tenet to its raiseTo and recompute each phase's stage score.
          for (const phase of a.target!.phases) {
            const stage = a.stages.find((s) => s.id === phase.stage)!;
            expect(stage.attained).toBe(false);
            expect(stage.number).toBeLessThanOrEqual(target);
            const raised = new Map(phase.tenets.map((t) => [t.tenet, t.raiseTo]));
            let total = 0;
            let weights = 0;
            for (const tenet of stage.tenets) {
              if (tenet.score === null) continue;
              total += tenet.weight * (raised.get(tenet.id) ?? tenet.score);
              weights += tenet.weight;
            }
            expect(total / weights).toBeGreaterThanOrEqual(stage.threshold - EPSILON);
            const moves = phase.tenets.flatMap(
              (t) => rubric.stages.flatMap((s) => s.tenets).find((x) => x.id === t.tenet)!.moves,
            );
            expect(phase.moves.map((m) => m.text)).toEqual(moves);
          }
          const unattained = a.stages.filter((s) => s.number <= target && !s.attained);
          expect(a.target!.phases.map((p) => p.stage)).toEqual(unattained.map((s) => s.id));
        },
      ),
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

describe('a standing', () => {
  it('is the same scores, stage, index, completeness and target as the full assessment', () => {
    fc.assert(
      fc.property(
        caseArb.chain((c) =>
          fc.record({
            c: fc.constant(c),
            target: fc.option(fc.integer({ min: 0, max: c.rubric.stages.length }), {
              nil: undefined,
            }),
          }),
        ),
        ({ c: { rubric: r, answers: map }, target }) => {
          const options = target === undefined ? {} : { target };
          const whole = assess(r, map, options);
          const standing = assessStanding(r, map, options);
          expect(standing).toStrictEqual({
            rubric: whole.rubric,
            currentStage: whole.currentStage,
            maturityIndex: whole.maturityIndex,
            completeness: whole.completeness,
            questionCount: whole.questionCount,
            stages: whole.stages,
            target: whole.target,
          });
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });
});
