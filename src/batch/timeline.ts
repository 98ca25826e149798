import type { CombineRule } from '../engine/combine.js';
import { compareAssessments } from '../engine/compare.js';
import { codePointOrder } from '../engine/order.js';
import type { ProgressGroup, Result } from '../report/types.js';
import { groupLabel } from '../report/wording.js';
import { groupFiles, scoreGroup, type MemberFile, type TeamOptions } from './group.js';

/** Progress needs both fields: an organization's units are followed apart. */
const BY = ['organization', 'unit'] as const;

export interface TimelineOptions extends TeamOptions {
  combine: CombineRule;
  /** Compare the latest assessment with the latest one on or before this date (YYYY-MM-DD). */
  since?: string;
}

/** A dated file of a timeline: a team member, with its own full result for a date it is alone on. */
export interface DatedFile extends MemberFile {
  result: Result;
}

/**
 * The timelines of SPEC §9: files grouped by organization and unit (in the order of §8); within a
 * group, the files of one date are one assessment (combined as a team when there are several),
 * ordered by date; the latest is compared with the one before it, or with the latest on or before
 * `since` (the earliest when none is). Every member must have a date (`assessedAt`).
 */
export function buildTimelines(
  members: readonly DatedFile[],
  options: TimelineOptions,
): { groups: ProgressGroup[]; problems: string[]; warnings: string[] } {
  const groups: ProgressGroup[] = [];
  const problems: string[] = [];
  const warnings: string[] = [];
  for (const group of groupFiles(members, [...BY])) {
    const label = groupLabel(BY, group.key);
    const ids = new Map(group.members.map((m) => [m.rubric.id, m.file]));
    if (ids.size > 1) {
      const [first, second] = [...ids].map(([id, file]) => `${file} (${id})`);
      problems.push(
        `maturity: group ${label}: its assessments use different rubrics, e.g. ${first} and ${second}`,
      );
      continue;
    }
    const versions = [...new Set(group.members.map((m) => m.rubric.version))].sort(codePointOrder);
    if (versions.length > 1) {
      warnings.push(
        `maturity: warning: group ${label}: its assessments use versions ${versions.join(', ')} of ${group.members[0]!.rubric.id}; the change covers only the stages, tenets and questions they share`,
      );
    }

    const byDate = new Map<string, DatedFile[]>();
    for (const member of group.members) {
      const date = member.answers.assessedAt!;
      byDate.set(date, [...(byDate.get(date) ?? []), member]);
    }
    const timeline: ProgressGroup['timeline'] = [];
    let failed = false;
    for (const date of [...byDate.keys()].sort(codePointOrder)) {
      const files = byDate.get(date)!;
      if (files.length === 1) {
        timeline.push({ date, members: 1, result: files[0]!.result });
        continue;
      }
      const scored = scoreGroup({ key: group.key, members: files }, [...BY], options);
      if ('problem' in scored) {
        problems.push(
          scored.problem.replace(/^maturity: group ([^:]*):/, `maturity: group $1 on ${date}:`),
        );
        failed = true;
        break;
      }
      timeline.push({ date, members: files.length, result: scored.result });
    }
    if (failed) continue;

    const latest = timeline[timeline.length - 1]!;
    let change: ProgressGroup['change'] = null;
    if (timeline.length > 1) {
      const since = options.since;
      const baseline =
        since === undefined
          ? timeline[timeline.length - 2]!
          : ([...timeline].reverse().find((point) => point.date <= since) ?? timeline[0]!);
      change = compareAssessments(
        { date: baseline.date, assessment: baseline.result.assessment },
        { date: latest.date, assessment: latest.result.assessment },
      );
    }
    groups.push({
      organization: group.key[0]!,
      unit: group.key[1]!,
      rubric: latest.result.rubric,
      timeline,
      change,
    });
  }
  return { groups, problems, warnings };
}
