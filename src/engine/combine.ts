import { questionEntries, type QuestionEntry } from '../rubric/query.js';
import type { Rubric } from '../rubric/types.js';
import { analyse, assessStanding } from './analyse.js';
import { rankKey } from './gaps.js';
import { codePointOrder } from './order.js';
import { EPSILON, scaleBounds, scoreSheet } from './score.js';
import type {
  Answer,
  AnswerMap,
  AnswerValue,
  Assessment,
  Disagreement,
  MemberBrief,
  MemberScores,
  RoleView,
  ScoreOptions,
  Standing,
  TeamResult,
  TeamStanding,
} from './types.js';

/** How the members' answers to a question become the team's (SPEC §8). */
export const COMBINE_RULES = ['median', 'mean', 'min'] as const;

export type CombineRule = (typeof COMBINE_RULES)[number];

/** A spread at least this large (two levels on a 0–4 scale) is a disagreement. */
export const DISAGREEMENT = 0.5;

/** One respondent of a team: who, their answers and their own result in brief. */
export interface Member {
  source: string;
  respondent?: string;
  role?: string;
  answers: AnswerMap;
  scores: MemberScores;
}

export type { MemberScores } from './types.js';

/** A member's own assessment in brief (SPEC §8). */
export function memberScores(a: Assessment): MemberScores {
  return {
    currentStage: a.currentStage,
    maturityIndex: a.maturityIndex,
    completeness: a.completeness,
    tenets: a.stages.flatMap((stage) =>
      stage.tenets.map((tenet) => ({ id: tenet.id, score: tenet.score })),
    ),
  };
}

/** The combined answer of numeric answers: median, mean or minimum. */
export function combineValues(values: readonly number[], rule: CombineRule): number {
  if (rule === 'min') return Math.min(...values);
  if (rule === 'mean') return values.reduce((sum, v) => sum + v, 0) / values.length;
  // A typed array sorts numbers natively (a team of 200: a fifth of the time of a comparison
  // function), but puts -0 before 0, which (a − b) takes for equal: with a -0, that order.
  const sorted = values.some((v) => Object.is(v, -0))
    ? [...values].sort((a, b) => a - b)
    : Float64Array.from(values).sort();
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * The team's answers: per question, the combination of the members' numeric answers (notes
 * ignored; n/a and unanswered left out); with no numeric answer, n/a when a member said n/a, else
 * unanswered. A combined value need not be a level of the scale.
 */
export function combineAnswers(
  rubric: Rubric,
  members: readonly AnswerMap[],
  rule: CombineRule,
): Map<string, Answer> {
  return combineColumns(answerColumns(rubric, members), rule);
}

/** The members' answers to one question: their numbers in member order, and whether any said n/a. */
interface AnswerColumn {
  entry: QuestionEntry;
  values: number[];
  notApplicable: boolean;
}

/** The members' answers question by question, in rubric order: read once for all a team needs. */
function answerColumns(rubric: Rubric, members: readonly AnswerMap[]): AnswerColumn[] {
  return questionEntries(rubric).map((entry) => {
    const values: number[] = [];
    let notApplicable = false;
    for (const answers of members) {
      const value = answers.get(entry.question.id)?.value;
      if (value === 'n/a') notApplicable = true;
      else if (value !== undefined) values.push(value);
    }
    return { entry, values, notApplicable };
  });
}

function combineColumns(columns: readonly AnswerColumn[], rule: CombineRule): Map<string, Answer> {
  const combined = new Map<string, Answer>();
  for (const { entry, values, notApplicable } of columns) {
    const id = entry.question.id;
    if (values.length > 0) combined.set(id, { value: combineValues(values, rule) });
    else if (notApplicable) combined.set(id, { value: 'n/a' });
  }
  return combined;
}

/**
 * A team's result (SPEC §8): §3 applied to the combined answers, with the members in brief, the
 * spread of every question, the disagreements, agreement per stage and overall, and a view by role.
 */
export function assessTeam(
  rubric: Rubric,
  members: readonly Member[],
  rule: CombineRule,
  options: ScoreOptions = {},
): { assessment: Assessment; team: TeamResult } {
  const columns = answerColumns(
    rubric,
    members.map((m) => m.answers),
  );
  const assessment = analyse(rubric, scoreSheet(rubric, combineColumns(columns, rule)), options);
  const { standing, spreads } = teamStanding(rubric, members, rule, columns);

  const disagreements: (Disagreement & { order: number })[] = [];
  columns.forEach(({ entry, values }, i) => {
    const spread = spreads[i];
    if (spread === undefined || spread < DISAGREEMENT - EPSILON) return;
    const { question } = entry;
    disagreements.push({
      question: question.id,
      tenet: entry.tenet.id,
      stage: entry.stage.id,
      min: Math.min(...values),
      max: Math.max(...values),
      spread,
      answers: members.map((m) => {
        const answer = m.answers.get(question.id);
        return {
          source: m.source,
          value: answerValue(answer?.value),
          ...(answer?.note !== undefined && { note: answer.note }),
        };
      }),
      order: entry.index,
    });
  });
  disagreements.sort((a, b) => rankKey(b.spread) - rankKey(a.spread) || a.order - b.order);

  const roles = [...new Set(members.flatMap((m) => (m.role ? [m.role] : [])))]
    .sort(codePointOrder)
    .map((role): RoleView => {
      const own = members.filter((m) => m.role === role);
      const view = analyse(
        rubric,
        scoreSheet(
          rubric,
          combineAnswers(
            rubric,
            own.map((m) => m.answers),
            rule,
          ),
        ),
        options,
      );
      return {
        role,
        members: own.length,
        currentStage: { number: view.currentStage.number, id: view.currentStage.id },
        maturityIndex: view.maturityIndex,
      };
    });

  return {
    assessment,
    team: {
      ...standing,
      disagreements: disagreements.map(({ order: _order, ...rest }) => rest),
      roles,
    },
  };
}

/**
 * Where a team stands (SPEC §8): the standing of the combined answers, the members in brief and
 * how far they agree, the same numbers as assessTeam's, without what only a whole report shows
 * (the analysis, the disagreements with every member's answer, the view by role).
 */
export function assessTeamStanding(
  rubric: Rubric,
  members: readonly Member[],
  rule: CombineRule,
  options: Pick<ScoreOptions, 'target'> = {},
): { assessment: Standing; team: TeamStanding } {
  const columns = answerColumns(
    rubric,
    members.map((m) => m.answers),
  );
  return {
    assessment: assessStanding(rubric, combineColumns(columns, rule), options),
    team: teamStanding(rubric, members, rule, columns).standing,
  };
}

/**
 * A team's members in brief and its agreement, with the spread of each column: (max − min) /
 * (highest − lowest) of its scale, undefined for a question with fewer than two numeric answers.
 */
function teamStanding(
  rubric: Rubric,
  members: readonly Member[],
  rule: CombineRule,
  columns: readonly AnswerColumn[],
): { standing: TeamStanding; spreads: (number | undefined)[] } {
  const byStage = rubric.stages.map(() => [] as number[]);
  const spreads = columns.map(({ entry, values }) => {
    if (values.length < 2) return undefined;
    const { lowest, highest } = scaleBounds(entry.question.scale);
    const spread = (Math.max(...values) - Math.min(...values)) / (highest - lowest);
    byStage[entry.stageIndex]!.push(spread);
    return spread;
  });
  return {
    standing: {
      combine: rule,
      members: members.map(brief),
      agreement: agreementOf(byStage.flat()),
      stageAgreement: byStage.map(agreementOf),
    },
    spreads,
  };
}

/** 1 − the mean of the spreads; null when there is none. */
function agreementOf(spreads: readonly number[]): number | null {
  if (spreads.length === 0) return null;
  return 1 - spreads.reduce((sum, s) => sum + s, 0) / spreads.length;
}

function brief(member: Member): MemberBrief {
  return {
    source: member.source,
    respondent: member.respondent ?? null,
    role: member.role ?? null,
    ...member.scores,
  };
}

function answerValue(value: AnswerValue | undefined): AnswerValue | null {
  return value === undefined ? null : value;
}
