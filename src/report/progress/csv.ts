import { field, guardFormula } from '../csv.js';
import type { ProgressGroup } from '../types.js';

/**
 * Progress in long format (RFC 4180): one row per group per date, with the stage scores of the
 * first group's rubric as columns (empty where a stage is n/a or missing).
 */
export function progressCsv(groups: readonly ProgressGroup[]): string {
  if (groups.length === 0) return '';
  const stages = groups[0]!.rubric.stages.map((stage) => stage.id);
  const rows: string[][] = [
    [
      'organization',
      'unit',
      'rubric',
      'rubric_version',
      'assessed_at',
      'members',
      'current_stage',
      'current_stage_id',
      'maturity_index',
      'completeness',
      ...stages.map((id, i) => `stage_${i + 1}_${id}`),
    ],
  ];
  for (const group of groups) {
    for (const point of group.timeline) {
      const a = point.result.assessment;
      const scores = new Map(a.stages.map((stage) => [stage.id, stage.score]));
      rows.push([
        guardFormula(group.organization),
        guardFormula(group.unit),
        guardFormula(point.result.rubric.id),
        guardFormula(point.result.rubric.version),
        point.date,
        String(point.members),
        String(a.currentStage.number),
        guardFormula(a.currentStage.id ?? ''),
        String(a.maturityIndex),
        String(a.completeness),
        ...stages.map((id) => {
          const score = scores.get(id);
          return score === undefined || score === null ? '' : String(score);
        }),
      ]);
    }
  }
  return rows.map((row) => `${row.map(field).join(',')}\r\n`).join('');
}
