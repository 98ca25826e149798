import { stageReference } from '../rubric/query.js';
import type { Rubric } from '../rubric/types.js';

/**
 * The stage `--min-stage` asks for, worked out once per rubric: the stage number (0 without the
 * flag), or why the rubric has no such stage.
 */
export function minimumStageGate(value: string | undefined): (rubric: Rubric) => number | string {
  const known = new Map<Rubric, number | string>();
  return (rubric) => {
    if (value === undefined) return 0;
    let minimum = known.get(rubric);
    if (minimum === undefined) {
      const found = stageReference(rubric, value, '--min-stage');
      minimum = 'number' in found ? found.number : found.problem;
      known.set(rubric, minimum);
    }
    return minimum;
  };
}
