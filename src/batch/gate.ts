import { stageReference } from '../rubric/query.js';
import type { Rubric } from '../rubric/types.js';

/**
 * A stage named by a command-line option (`--min-stage`, `--target`), worked out once per rubric:
 * the stage number, or why the rubric has no such stage; undefined without the option.
 */
export function stageOption(
  value: string | undefined,
  option: string,
): (rubric: Rubric) => number | string | undefined {
  const known = new Map<Rubric, number | string>();
  return (rubric) => {
    if (value === undefined) return undefined;
    let stage = known.get(rubric);
    if (stage === undefined) {
      const found = stageReference(rubric, value, option);
      stage = 'number' in found ? found.number : found.problem;
      known.set(rubric, stage);
    }
    return stage;
  };
}
