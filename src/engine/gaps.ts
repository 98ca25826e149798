import { EPSILON, weightUnit } from './score.js';
import type { Gap, StageResult } from './types.js';

/**
 * An ordering key for impacts and gains: values equal within 1e-9 on paper (but not in floating
 * point) get the same key, so their tie is broken by rubric order, as the rules say. Rounding keeps
 * the comparison transitive, which a tolerance in the comparator would not.
 */
export function rankKey(value: number): number {
  return Math.round(value / EPSILON);
}

/** The tenets of a stage below its threshold: largest impact first, then rubric order. */
export function stageGaps(stage: StageResult): Gap[] {
  // Impacts are ranked in the stage's weight unit, so that huge weights cannot overflow the key.
  const unit = weightUnit(stage.tenets.map((tenet) => tenet.weight));
  return stage.tenets
    .flatMap((tenet, index) => {
      if (!tenet.belowThreshold || tenet.score === null) return [];
      const impact = tenet.weight * (stage.threshold - tenet.score);
      const gap: Gap = {
        stage: stage.id,
        tenet: tenet.id,
        score: tenet.score,
        threshold: stage.threshold,
        weight: tenet.weight,
        impact,
      };
      return [{ gap, index }];
    })
    .sort(
      (a, b) => rankKey(b.gap.impact / unit) - rankKey(a.gap.impact / unit) || a.index - b.index,
    )
    .map(({ gap }) => gap);
}
