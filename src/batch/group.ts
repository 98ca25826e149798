import type { MemberAnswersFile } from '../answers/keep.js';
import {
  assessTeam,
  assessTeamStanding,
  type CombineRule,
  type MemberScores,
} from '../engine/combine.js';
import type { Rubric } from '../rubric/types.js';
import { codePointOrder } from '../engine/order.js';
import type { Failure, GroupField, Result, StandingResult } from '../report/types.js';
import { groupLabel } from '../report/wording.js';
import { stageReference } from '../rubric/query.js';
import { escapeControls, quote } from '../problems/describe.js';
import { UserError } from '../problems/user-error.js';
import { rubricOrigin } from './rubric-cache.js';

/** The `--group-by` values: one field, or both in this order. */
export const GROUP_BY = ['organization', 'unit', 'organization,unit'] as const;

/** A scored file that belongs to a team: its answers, its rubric and its own result in brief. */
export interface MemberFile {
  file: string;
  answers: MemberAnswersFile;
  rubric: Rubric;
  scores: MemberScores;
}

/** The fields of a `--group-by` value, or a usage error. */
export function parseGroupBy(value: string): GroupField[] {
  if (!(GROUP_BY as readonly string[]).includes(value)) {
    throw new UserError(
      `maturity: --group-by must be one of ${GROUP_BY.join(', ')}, not ${quote(value)}`,
    );
  }
  return value.split(',') as GroupField[];
}

/**
 * Files with the same values of the fields form one group (a missing field is the empty value).
 * Groups come in order of their values, field by field in code-point order with the empty value
 * first; members in order of their path (SPEC §8).
 */
export function groupFiles<M extends MemberFile>(
  members: readonly M[],
  by: readonly GroupField[],
): { key: string[]; members: M[] }[] {
  const groups = new Map<string, { key: string[]; members: M[] }>();
  for (const member of members) {
    const key = by.map((field) => member.answers[field] ?? '');
    const id = JSON.stringify(key);
    let group = groups.get(id);
    if (!group) {
      group = { key, members: [] };
      groups.set(id, group);
    }
    group.members.push(member);
  }
  const ordered = [...groups.values()].sort((a, b) => {
    for (let i = 0; i < by.length; i += 1) {
      const order = codePointOrder(a.key[i]!, b.key[i]!);
      if (order !== 0) return order;
    }
    return 0;
  });
  for (const group of ordered) group.members.sort((a, b) => codePointOrder(a.file, b.file));
  return ordered;
}

/** How a team is scored: the combine rule, moves, and `--target` resolved for a rubric. */
export interface TeamOptions {
  combine: CombineRule;
  moves?: number;
  /** `--target` for a rubric: a stage number, or why the rubric has none such; undefined without it. */
  target?: (rubric: Result['rubric']) => number | string | undefined;
}

/** What stops a team: the line stderr says, and the failure its reports show in its place. */
export interface GroupProblem {
  problem: string;
  failure: Failure;
}

/**
 * A group's team result (with `standing`, where the team stands: what a reporter that reads
 * nothing else needs), or what stops it: members on different rubrics, or naming different
 * targets without a `--target` their rubric has.
 */
export function scoreGroup(
  group: { key: string[]; members: MemberFile[] },
  by: readonly GroupField[],
  options: TeamOptions,
): { result: Result } | GroupProblem;
export function scoreGroup(
  group: { key: string[]; members: MemberFile[] },
  by: readonly GroupField[],
  options: TeamOptions,
  standing: boolean,
): { result: Result | StandingResult } | GroupProblem;
export function scoreGroup(
  group: { key: string[]; members: MemberFile[] },
  by: readonly GroupField[],
  options: TeamOptions,
  standing = false,
): { result: Result | StandingResult } | GroupProblem {
  const [first, ...others] = group.members;
  const rubric = first!.rubric;
  const label = groupLabel(by, group.key);
  // The group's own problem: said on stderr, and reported in its place, as an invalid file is.
  const groupProblem = (reason: string): GroupProblem => ({
    // (A label is the files' text: escaped for the terminal here, by each reporter there.)
    problem: escapeControls(`maturity: group ${label}: ${reason}`),
    failure: {
      source: `group ${label}`,
      group: { by: [...by], key: group.key },
      problems: [{ path: '', message: reason }],
    },
  });
  const other = others.find((member) => member.rubric !== rubric);
  if (other) {
    // Two copies of one rubric (the built-in and a file of it) read alike: say where each is from.
    const alike = other.rubric.id === rubric.id && other.rubric.version === rubric.version;
    const describe = (m: MemberFile) => {
      const origin = alike ? rubricOrigin(m.rubric) : undefined;
      return `${m.file} (${m.rubric.id} ${m.rubric.version}${origin === undefined ? '' : `, ${origin}`})`;
    };
    return groupProblem(
      `its files use different rubrics, e.g. ${describe(first!)} and ${describe(other)}`,
    );
  }

  // A --target the rubric lacks is reported as for a file (see reportResult): the team is scored
  // as without it, and the run exits 2.
  let target: number | undefined;
  const flag = options.target?.(rubric);
  if (typeof flag === 'number') {
    target = flag;
  } else {
    const named = group.members.flatMap((m) => {
      if (m.answers.target === undefined) return [];
      const found = stageReference(rubric, String(m.answers.target), 'target');
      return 'number' in found ? [{ file: m.file, number: found.number }] : [];
    });
    const differing = named.find((n) => n.number !== named[0]!.number);
    if (differing) {
      return groupProblem(
        `members name different targets (${named[0]!.file}: stage ${named[0]!.number}, ${differing.file}: stage ${differing.number}); choose one with --target`,
      );
    }
    target = named[0]?.number;
  }

  const members = group.members.map((m) => ({
    source: m.file,
    ...(m.answers.respondent !== undefined && { respondent: m.answers.respondent }),
    ...(m.answers.role !== undefined && { role: m.answers.role }),
    answers: m.answers.answers,
    scores: m.scores,
  }));
  const targeted = target !== undefined ? { target } : {};
  const { assessment, team } = standing
    ? assessTeamStanding(rubric, members, options.combine, targeted)
    : assessTeam(rubric, members, options.combine, {
        ...(options.moves !== undefined && { moves: options.moves }),
        ...targeted,
      });
  const dates = group.members.flatMap((m) => (m.answers.assessedAt ? [m.answers.assessedAt] : []));
  const value = (field: GroupField) => {
    const i = by.indexOf(field);
    return i === -1 || group.key[i] === '' ? undefined : group.key[i];
  };
  const organization = value('organization');
  const unit = value('unit');
  return {
    result: {
      source: null,
      ...(organization !== undefined && { organization }),
      ...(unit !== undefined && { unit }),
      ...(dates.length > 0 && { assessedAt: dates.sort(codePointOrder)[dates.length - 1]! }),
      rubric,
      assessment,
      group: { by: [...by], key: group.key },
      team,
    },
  };
}
