import { JSON_SCHEMA_VERSION } from '../json.js';
import type { ProgressGroup } from '../types.js';

/** `{ "schemaVersion": 1, "progress": [...] }` (SPEC §9): numbers unrounded, ids for references. */
export function progressJson(groups: readonly ProgressGroup[]): string {
  return `${JSON.stringify(progressData(groups), null, 2)}\n`;
}

/** The value of the progress JSON report, for embedding it elsewhere (the HTML report). */
export function progressData(groups: readonly ProgressGroup[]): {
  schemaVersion: number;
  progress: unknown[];
} {
  const progress = groups.map((group) => {
    const latest = group.timeline[group.timeline.length - 1]!.result;
    return {
      organization: group.organization || null,
      unit: group.unit || null,
      rubric: { id: group.rubric.id, version: group.rubric.version },
      timeline: group.timeline.map((point) => ({
        assessedAt: point.date,
        members: point.members,
        currentStage: point.result.assessment.currentStage,
        maturityIndex: point.result.assessment.maturityIndex,
        completeness: point.result.assessment.completeness,
      })),
      change: group.change,
      target: latest.assessment.target,
    };
  });
  return { schemaVersion: JSON_SCHEMA_VERSION, progress };
}
