import { rankKey } from './gaps.js';
import { EPSILON } from './score.js';
import type { AnswerValue, Assessment, Change, TenetChange } from './types.js';

/**
 * What changed from a baseline assessment to the latest one (SPEC §9). Stages, tenets and
 * questions are compared by id, and only those present in both (rubric versions may differ);
 * everything is listed in the latest assessment's rubric order.
 */
export function compareAssessments(
  from: { date: string; assessment: Assessment },
  to: { date: string; assessment: Assessment },
): Change {
  const before = from.assessment;
  const after = to.assessment;
  const stagesBefore = new Map(before.stages.map((stage) => [stage.id, stage]));
  const tenetsBefore = new Map(
    before.stages.flatMap((stage) => stage.tenets.map((tenet) => [tenet.id, tenet] as const)),
  );
  const questionsBefore = new Map(
    before.stages.flatMap((stage) =>
      stage.tenets.flatMap((tenet) => tenet.questions.map((q) => [q.id, q] as const)),
    ),
  );

  const stages: Change['stages'] = [];
  const improved: (TenetChange & { order: number })[] = [];
  const regressed: (TenetChange & { order: number })[] = [];
  const answers: Change['answers'] = [];
  let order = 0;
  for (const stage of after.stages) {
    const old = stagesBefore.get(stage.id);
    if (old) {
      stages.push({
        id: stage.id,
        from: old.score,
        to: stage.score,
        attainedFrom: old.attained,
        attainedTo: stage.attained,
      });
    }
    for (const tenet of stage.tenets) {
      order += 1;
      const previous = tenetsBefore.get(tenet.id);
      if (previous && previous.score !== null && tenet.score !== null) {
        const delta = tenet.score - previous.score;
        const change = {
          tenet: tenet.id,
          stage: stage.id,
          from: previous.score,
          to: tenet.score,
          delta,
          order,
        };
        if (delta > EPSILON) improved.push(change);
        else if (delta < -EPSILON) regressed.push(change);
      }
      for (const question of tenet.questions) {
        const earlier = questionsBefore.get(question.id);
        if (earlier && !sameValue(earlier.value, question.value)) {
          answers.push({ question: question.id, from: earlier.value, to: question.value });
        }
      }
    }
  }
  improved.sort((a, b) => rankKey(b.delta) - rankKey(a.delta) || a.order - b.order);
  regressed.sort((a, b) => rankKey(a.delta) - rankKey(b.delta) || a.order - b.order);

  const gapsBefore = new Set(before.gaps.map((gap) => gap.tenet));
  const gapsAfter = new Set(after.gaps.map((gap) => gap.tenet));
  const inRubricOrder = (ids: Set<string>, of: Assessment) =>
    of.stages.flatMap((stage) => stage.tenets.map((t) => t.id)).filter((id) => ids.has(id));
  const shared = new Set(after.stages.flatMap((stage) => stage.tenets.map((t) => t.id)));

  return {
    from: from.date,
    to: to.date,
    currentStage: { from: before.currentStage.number, to: after.currentStage.number },
    maturityIndex: {
      from: before.maturityIndex,
      to: after.maturityIndex,
      delta: after.maturityIndex - before.maturityIndex,
    },
    stages,
    improved: improved.map(({ order: _order, ...rest }) => rest),
    regressed: regressed.map(({ order: _order, ...rest }) => rest),
    gapsClosed: inRubricOrder(
      new Set([...gapsBefore].filter((id) => !gapsAfter.has(id) && shared.has(id))),
      after,
    ),
    newGaps: inRubricOrder(
      new Set([...gapsAfter].filter((id) => !gapsBefore.has(id) && tenetsBefore.has(id))),
      after,
    ),
    answers,
  };
}

/** Whether the latest assessment is below the baseline: a lower stage or a lower index. */
export function regressedFrom(change: Change): boolean {
  return change.currentStage.to < change.currentStage.from || change.maturityIndex.delta < -EPSILON;
}

function sameValue(a: AnswerValue | null, b: AnswerValue | null): boolean {
  return a === b;
}
