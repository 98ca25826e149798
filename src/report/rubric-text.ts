import { weightUnit } from '../engine/score.js';
import { paint } from '../format/paint.js';
import { rubricCounts } from '../rubric/query.js';
import type { Rubric } from '../rubric/types.js';

/** Renders a rubric as an outline: stages with tagline and threshold, tenets with weights. */
export function renderRubricOutline(rubric: Rubric, options: { color: boolean }): string {
  const c = paint(options.color);
  const counts = rubricCounts(rubric);
  const lines: string[] = [];
  lines.push(c.bold(`${rubric.title}`) + c.dim(`  (${rubric.id} ${rubric.version})`));
  lines.push(
    `${counts.stages} stages · ${counts.tenets} tenets · ${counts.questions} questions · ` +
      `threshold ${percent(rubric.threshold)}`,
  );
  if (rubric.source) lines.push(c.dim(`Source: ${rubric.source}`));
  lines.push('');
  rubric.stages.forEach((stage, index) => {
    const tagline = stage.tagline ? ` — ${stage.tagline}` : '';
    const threshold =
      stage.threshold === rubric.threshold
        ? ''
        : c.dim(`  (threshold ${percent(stage.threshold)})`);
    lines.push(c.bold(`${index + 1}. ${stage.name}`) + tagline + threshold);
    // Shares in the stage's weight unit: weights of 1e308 must not add up to Infinity.
    const unit = weightUnit(stage.tenets.map((tenet) => tenet.weight));
    const total = stage.tenets.reduce((sum, tenet) => sum + tenet.weight / unit, 0);
    for (const tenet of stage.tenets) {
      const share = Math.round((tenet.weight / unit / total) * 100);
      const questions = `${tenet.questions.length} question${tenet.questions.length === 1 ? '' : 's'}`;
      lines.push(
        `   - ${tenet.title} ${c.dim(`[${tenet.id}] weight ${tenet.weight} (${share}%), ${questions}`)}`,
      );
    }
    lines.push('');
  });
  lines.push('Scale: ' + rubric.scale.map((level) => `${level.value} ${level.label}`).join(' · '));
  return `${lines.join('\n')}\n`;
}

function percent(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}
