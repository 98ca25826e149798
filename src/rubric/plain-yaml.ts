import { stringify } from 'yaml';
import { plainRubricFile } from './normalise.js';
import type { Rubric, RubricRef } from './types.js';

/**
 * A rubric as one plain YAML rubric file that validates on its own (an overlay merged with what it
 * extends, named in a first comment when `bases` are given); deterministic.
 */
export function plainRubricYaml(rubric: Rubric, bases: readonly RubricRef[] = []): string {
  const header =
    bases.length === 0
      ? ''
      : `# ${rubric.id} ${rubric.version} as one plain rubric file (merged with ${bases
          .map((base) => `${base.id} ${base.version}`)
          .join(', ')})\n`;
  return header + stringify(plainRubricFile(rubric), { lineWidth: 100 });
}
