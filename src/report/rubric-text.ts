import { weightUnit } from '../engine/score.js';
import { wrap } from '../format/wrap.js';
import { rubricCounts } from '../rubric/query.js';
import type { Rubric, RubricRef } from '../rubric/types.js';
import type { Paint } from '../format/paint.js';

/**
 * Renders a rubric as an outline: stages with tagline and threshold, tenets with weights. `base`
 * is the rubric it extends, if any.
 */
export function renderRubricOutline(
  rubric: Rubric,
  options: { paint: Paint; base?: RubricRef },
): string {
  const c = options.paint;
  const counts = rubricCounts(rubric);
  const lines: string[] = [];
  const base = options.base ? `, extends ${options.base.id} ${options.base.version}` : '';
  lines.push(c.bold(`${rubric.title}`) + c.dim(`  (${rubric.id} ${rubric.version}${base})`));
  lines.push(
    `${counts.stages} stages · ${counts.tenets} tenets · ${counts.questions} questions · ` +
      `threshold ${percent(rubric.threshold)}`,
  );
  if (rubric.source) lines.push(c.dim(wrap(`Source: ${rubric.source}`, WIDTH, '  ')));
  lines.push('');
  rubric.stages.forEach((stage, index) => {
    const tagline = stage.tagline ? ` — ${stage.tagline}` : '';
    const threshold =
      stage.threshold === rubric.threshold
        ? ''
        : c.dim(`  (threshold ${percent(stage.threshold)})`);
    lines.push(c.bold(`${index + 1}. ${stage.name}`) + tagline + threshold);
    if (stage.summary) lines.push(`   ${c.dim(wrap(stage.summary, WIDTH - 3, '   '))}`);
    // Shares in the stage's weight unit: weights of 1e308 must not add up to Infinity.
    const unit = weightUnit(stage.tenets.map((tenet) => tenet.weight));
    const total = stage.tenets.reduce((sum, tenet) => sum + tenet.weight / unit, 0);
    for (const tenet of stage.tenets) {
      const share = Math.round((tenet.weight / unit / total) * 100);
      const questions = `${tenet.questions.length} question${tenet.questions.length === 1 ? '' : 's'}`;
      // Wrapped as plain text, painted after: the details go dim whole.
      const details = `[${tenet.id}] weight ${tenet.weight} (${share}%), ${questions}`;
      const [first, ...rest] = wrap(`${tenet.title} ${details}`, WIDTH - 5, '     ').split('\n');
      const plain = [`   - ${first}`, ...rest];
      const at = plain.join('\n').lastIndexOf(details);
      const text = plain.join('\n');
      lines.push(at === -1 ? text : text.slice(0, at) + c.dim(text.slice(at)));
    }
    lines.push('');
  });
  lines.push(
    wrap(
      `Scale: ${rubric.scale.map((level) => `${level.value} ${level.label}`).join(' · ')}`,
      WIDTH,
      '  ',
    ),
  );
  return `${lines.join('\n')}\n`;
}

const WIDTH = 80;

function percent(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}
