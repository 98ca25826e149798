import { findTenet } from '../rubric/query.js';
import type { Rubric } from '../rubric/types.js';
import { stageGaps } from './gaps.js';
import type { Move, RoadmapPhase, StageResult, TargetResult } from './types.js';

/**
 * Where a set of answers stands against a target stage (SPEC §10): reached or not, progress to it
 * (the mean over stages 1..target of 1 for an attained stage and score / threshold for any other),
 * and the roadmap: one phase per unattained stage up to the target, lowest first, so foundation
 * gaps come first and the roadmap never builds on sand.
 */
export function targetResult(
  rubric: Rubric,
  stages: readonly StageResult[],
  current: number,
  target: number,
): TargetResult {
  const upTo = stages.slice(0, target);
  const progress =
    upTo.length === 0
      ? 1
      : upTo.reduce((sum, s) => sum + (s.attained ? 1 : s.score! / s.threshold), 0) / upTo.length;
  const phases: RoadmapPhase[] = upTo
    .filter((stage) => !stage.attained)
    .map((stage) => {
      const gaps = stageGaps(stage);
      const moves: Move[] = gaps.flatMap((gap) =>
        (findTenet(rubric, gap.tenet)?.moves ?? []).map((text) => ({
          stage: stage.id,
          tenet: gap.tenet,
          text,
        })),
      );
      return {
        stage: stage.id,
        score: stage.score!,
        threshold: stage.threshold,
        tenets: gaps.map((gap) => ({ tenet: gap.tenet, score: gap.score, raiseTo: gap.threshold })),
        moves,
      };
    });
  const stage = target > 0 ? stages[target - 1]! : undefined;
  return {
    stage: { number: target, id: stage?.id ?? null, name: stage?.name ?? null },
    reached: current >= target,
    progress,
    phases,
  };
}
