import { JSON_SCHEMA_VERSION } from '../json.js';
import type { ProgressGroup } from '../types.js';

/** `{ "schemaVersion": 1, "progress": [...] }` (SPEC §9): numbers unrounded, ids for references. */
export function progressJson(groups: readonly ProgressGroup[]): string {
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
  return `${JSON.stringify({ schemaVersion: JSON_SCHEMA_VERSION, progress }, null, 2)}\n`;
}
