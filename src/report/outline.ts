import { escapeControls } from '../problems/describe.js';
import type { Assessment, BenchmarkResult, TeamResult } from '../engine/types.js';
import { percent, percentsAgainst } from '../format/numbers.js';
import { findQuestion, stageNumberOf } from '../rubric/query.js';
import type { Rubric } from '../rubric/types.js';
import type { Problem } from '../problems/user-error.js';
import type { Failure, Gate, Result, StandingResult, SummaryRow } from './types.js';
import {
  benchmarkMark,
  benchmarkSentence,
  completenessLine,
  headline,
  levelText,
  nonLinearNotes,
  rangeSentence,
  pathSentence,
  sourceLabel,
  stageLabel,
  stageMeaning,
  stageName,
  stepWords,
  targetLine,
  tenetTitle,
  whereLabel,
  whoLabel,
} from './wording.js';

/** Where a stage stands, for its status word and colour. */
export type StageStatus = 'attained' | 'n/a' | 'next' | 'not-attained';

export interface StageRow {
  number: number;
  name: string;
  /** null when the stage is n/a. */
  score: number | null;
  threshold: number;
  status: StageStatus;
}

/**
 * A stage's score and threshold as every report shows them: whole percentages, with decimals
 * where a stage not attained would read as reaching its threshold (see percentsAgainst).
 */
export function stageNumbers(
  stage: Pick<StageRow, 'score' | 'threshold' | 'status'>,
): [string, string] {
  return percentsAgainst(stage.score, stage.threshold, stage.status !== 'attained');
}

export interface GapRow {
  stage: string;
  tenet: string;
  /** "Stage › Tenet". */
  where: string;
  score: number;
  threshold: number;
  impact: number;
  /** The tenet's answered questions: what the answer was and the note given with it. */
  evidence: { question: string; answer: string; note: string | null }[];
}

export interface MoveRow {
  text: string;
  where: string;
}

export interface PhaseRow {
  number: number;
  stage: string;
  score: number;
  threshold: number;
  /** The stage is a foundation gap: unattained while a later stage is attained. */
  foundation: boolean;
  /** Each tenet to raise, with its moves. */
  tenets: { title: string; score: number; raiseTo: number; moves: string[] }[];
}

export interface MemberRow {
  /** The respondent's name, else the file. */
  name: string;
  role: string | null;
  source: string;
  /** "3/6 Engagement". */
  stage: string;
  maturityIndex: number;
  completeness: number;
}

export interface DisagreementRow {
  question: string;
  /** "Stage › Tenet". */
  where: string;
  spread: number;
  answers: { name: string; role: string | null; answer: string; note: string | null }[];
}

export interface RoleRow {
  role: string;
  members: number;
  /** "3/6 Engagement". */
  stage: string;
  maturityIndex: number;
}

export interface BenchmarkRow {
  mark: ReturnType<typeof benchmarkMark>;
  /** The question's text or the tenet's title. */
  subject: string;
  sentence: string;
  statement: string;
}

/** One section of a report, in the words every reporter shares; each reporter only lays it out. */
export type Section =
  | { kind: 'stages'; stages: StageRow[] }
  | { kind: 'notes'; notes: string[] }
  | {
      kind: 'gaps';
      gaps: GapRow[];
      /** What impact means, said once. */
      impact: string;
    }
  | {
      kind: 'path';
      stage: string;
      sentence: string;
      steps: { question: string; change: string }[];
      /** Which gap the first move works on, and whether the path raises it; null without moves. */
      firstMove: string | null;
    }
  | { kind: 'top' }
  | { kind: 'roadmap'; target: string; phases: PhaseRow[] }
  | { kind: 'moves'; moves: MoveRow[] }
  | { kind: 'unanswered'; questions: string[] }
  | { kind: 'benchmarks'; benchmarks: BenchmarkRow[] }
  | {
      kind: 'respondents';
      /** "5, combined by median · agreement 73%". */
      summary: string;
      members: MemberRow[];
      /** "Respondents place you between stage 1 (Planning) and stage 3 (Engagement)." */
      range: string;
      /** "Agreement by stage: Planning 80%, …", or null when no stage has a spread. */
      stageAgreement: string | null;
    }
  | { kind: 'disagreements'; disagreements: DisagreementRow[] }
  | { kind: 'roles'; roles: RoleRow[] };

/** What a report of one scored file shows, and in which order. */
export interface ReportOutline {
  /** Organization and unit ("Acme Corp · Marketing"), or null when the file names neither. */
  who: string | null;
  source: string;
  /** The rubric's title and version. */
  rubric: string;
  headline: string;
  completeness: string;
  /** "Target: Strategic (stage 5 of 6) · 62% of the way · not reached"; null without a target. */
  target: string | null;
  /** What the current and the next stage mean: "Now: Presence — Stake our claim: …", "Next: …". */
  meaning: string[];
  /** The sections that have something to show, in report order. */
  sections: Section[];
}

/**
 * The outline of one file's report: the sections, in order, with their data and shared wording.
 * Text and Markdown (and HTML) render these and nothing else, so they cannot drift apart.
 */
export function outline(result: Result): ReportOutline {
  const { assessment: a, rubric } = result;
  const sections: Section[] = [];

  const current = a.currentStage.number;
  sections.push({
    kind: 'stages',
    stages: a.stages.map((stage) => ({
      number: stage.number,
      name: stage.name,
      score: stage.score,
      threshold: stage.threshold,
      status:
        stage.score === null
          ? 'n/a'
          : stage.attained
            ? 'attained'
            : stage.number === current + 1
              ? 'next'
              : 'not-attained',
    })),
  });

  const notes = nonLinearNotes(a, rubric);
  if (notes.length > 0) sections.push({ kind: 'notes', notes });

  if (a.gaps.length > 0) {
    const tenets = new Map(a.stages.flatMap((s) => s.tenets.map((t) => [t.id, t] as const)));
    sections.push({
      kind: 'gaps',
      gaps: a.gaps.map((gap) => ({
        stage: stageName(rubric, gap.stage),
        tenet: tenetTitle(rubric, gap.tenet),
        where: whereLabel(rubric, gap.stage, gap.tenet),
        score: gap.score,
        threshold: gap.threshold,
        impact: gap.impact,
        evidence: (tenets.get(gap.tenet)?.questions ?? [])
          .filter((q) => q.value !== null)
          .map((q) => {
            const question = findQuestion(rubric, q.id)?.question;
            return {
              question: question?.text ?? q.id,
              answer: levelText(question, q.value),
              note: q.note ?? null,
            };
          }),
      })),
      impact: IMPACT,
    });
  }

  sections.push(
    a.path
      ? {
          kind: 'path',
          stage: stageName(rubric, a.path.stage),
          sentence: pathSentence(a, rubric),
          steps: a.path.steps.map((step) => stepWords(rubric, step)),
          firstMove: firstMoveNote(a, rubric),
        }
      : { kind: 'top' },
  );

  if (a.target && a.target.phases.length > 0) {
    const foundation = new Set(a.foundationGaps);
    sections.push({
      kind: 'roadmap',
      target: a.target.stage.name ?? '',
      phases: a.target.phases.map((phase) => ({
        number: stageNumberOf(rubric, phase.stage) ?? 0,
        stage: stageName(rubric, phase.stage),
        score: phase.score,
        threshold: phase.threshold,
        foundation: foundation.has(phase.stage),
        tenets: phase.tenets.map((tenet) => ({
          title: tenetTitle(rubric, tenet.tenet),
          score: tenet.score,
          raiseTo: tenet.raiseTo,
          moves: phase.moves.filter((move) => move.tenet === tenet.tenet).map((move) => move.text),
        })),
      })),
    });
  }

  if (a.moves.length > 0) {
    sections.push({
      kind: 'moves',
      moves: a.moves.map((move) => ({
        text: move.text,
        where: whereLabel(rubric, move.stage, move.tenet),
      })),
    });
  }

  if (a.unanswered.length > 0) sections.push({ kind: 'unanswered', questions: a.unanswered });

  if (a.benchmarks.length > 0) {
    sections.push({
      kind: 'benchmarks',
      benchmarks: a.benchmarks.map((b) => benchmarkRow(b, rubric)),
    });
  }

  if (result.team) sections.push(...teamSections(result.team, a, rubric));

  return {
    who: whoLabel(result),
    // A file name is the one text here no validation has seen: it may hold control characters.
    source: escapeControls(sourceLabel(result)),
    rubric: `${rubric.title} ${rubric.version}`,
    headline: headline(a, rubric),
    completeness: completenessLine(a, result.gate),
    target: a.target ? targetLine(a, rubric) : null,
    meaning: meaningLines(a, rubric),
    sections,
  };
}

/** Respondents, where they disagree, and the view by role: what a team adds to its report. */
function teamSections(team: TeamResult, a: Assessment, rubric: Rubric): Section[] {
  const byFile = new Map(team.members.map((m) => [m.source, m]));
  const name = (source: string) => byFile.get(source)?.respondent ?? source;
  const stage = (current: { number: number; id: string | null }) =>
    stageLabel(rubric, current.number);
  const sections: Section[] = [];
  const agreement = team.agreement === null ? '' : ` · agreement ${percent(team.agreement)}`;
  const stageAgreement = a.stages.flatMap((s, i) => {
    const value = team.stageAgreement[i];
    return value === null || value === undefined ? [] : [`${s.name} ${percent(value)}`];
  });
  sections.push({
    kind: 'respondents',
    summary: `${team.members.length}, combined by ${team.combine}${agreement}`,
    members: team.members.map((m) => ({
      name: m.respondent ?? m.source,
      role: m.role,
      source: m.source,
      stage: stage(m.currentStage),
      maturityIndex: m.maturityIndex,
      completeness: m.completeness,
    })),
    range: rangeSentence(
      team.members.map((m) => m.currentStage.number),
      rubric,
    ),
    stageAgreement:
      stageAgreement.length === 0 ? null : `Agreement by stage: ${stageAgreement.join(', ')}.`,
  });
  if (team.disagreements.length > 0) {
    sections.push({
      kind: 'disagreements',
      disagreements: team.disagreements.map((d) => {
        const question = findQuestion(rubric, d.question)?.question;
        return {
          question: question?.text ?? d.question,
          where: whereLabel(rubric, d.stage, d.tenet),
          spread: d.spread,
          answers: d.answers.map((answer) => ({
            name: name(answer.source),
            role: byFile.get(answer.source)?.role ?? null,
            answer: levelText(question, answer.value),
            note: answer.note ?? null,
          })),
        };
      }),
    });
  }
  if (team.roles.length > 0) {
    sections.push({
      kind: 'roles',
      roles: team.roles.map((role) => ({
        role: role.role,
        members: role.members,
        stage: stage(role.currentStage),
        maturityIndex: role.maturityIndex,
      })),
    });
  }
  return sections;
}

/** Which gap the first recommended move works on, and whether the path to the next stage raises it. */
function firstMoveNote(a: Assessment, rubric: Rubric): string | null {
  const first = a.moves[0];
  if (!first || !a.path) return null;
  const where = whereLabel(rubric, first.stage, first.tenet);
  if (a.path.tenets.includes(first.tenet)) {
    return `The first recommended move works on ${where}, which this path raises.`;
  }
  if (first.stage === a.path.stage) {
    return `The first recommended move works on ${where}, a gap this path does not need to raise.`;
  }
  return `The first recommended move closes the gap ${where}: ${stageName(rubric, first.stage)} is attained, but this tenet is below its threshold; it is not on this path.`;
}

function benchmarkRow(benchmark: BenchmarkResult, rubric: Rubric): BenchmarkRow {
  return {
    mark: benchmarkMark(benchmark),
    ...benchmarkSentence(benchmark, rubric),
    statement: benchmark.statement,
  };
}

/** What impact means, in plain words, said once where the gaps are listed. */
const IMPACT =
  "Impact is how much closing a gap would lift its stage: the tenet's weight × how far its score is below the threshold.";

/** "Now: …" and "Next: …", what the current and the next stage mean (rubrics without taglines and summaries say less). */
function meaningLines(a: Assessment, rubric: Rubric): string[] {
  const current = a.currentStage.number;
  const lines: string[] = [];
  if (current > 0) lines.push(`Now: ${stageMeaning(rubric.stages[current - 1]!)}`);
  if (current < rubric.stages.length) lines.push(`Next: ${stageMeaning(rubric.stages[current]!)}`);
  return lines;
}

/**
 * The summary row of a result, kept for the end of a streamed report; also of a team member,
 * whose standing is all there is of its assessment.
 */
export function summaryRow(
  result: Pick<
    StandingResult,
    'organization' | 'unit' | 'group' | 'source' | 'team' | 'rubric' | 'gate'
  > & {
    assessment: Pick<Assessment, 'currentStage' | 'maturityIndex' | 'completeness'>;
  },
): SummaryRow {
  return {
    status: 'ok',
    kind: result.team ? 'team' : 'file',
    who: whoLabel(result),
    source: escapeControls(sourceLabel(result)),
    stageCount: result.rubric.stages.length,
    currentStage: result.assessment.currentStage,
    maturityIndex: result.assessment.maturityIndex,
    completeness: result.assessment.completeness,
    gate: result.gate ?? null,
  };
}

/** The summary row of a file that could not be scored. */
export function failureRow(failure: Failure): SummaryRow {
  return {
    status: 'invalid',
    source: failure.source,
    problems: failure.problems,
    ...(failure.group && { group: failure.group }),
  };
}

/** What a summary counts: "1 file", "3 teams", or "2 teams and 1 file" (a file that could not be
 *  scored, in a run of teams). */
export function summaryCount(rows: readonly SummaryRow[]): string {
  const teams = rows.filter((row) =>
    row.status === 'ok' ? row.kind === 'team' : row.group !== undefined,
  ).length;
  const files = rows.length - teams;
  const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
  if (teams === 0) return count(files, 'file');
  return files === 0 ? count(teams, 'team') : `${count(teams, 'team')} and ${count(files, 'file')}`;
}

/** How many problems a list stands for ("N more … not shown" lines count for N). */
export function countProblems(problems: readonly Problem[]): number {
  return problems.reduce((sum, p) => sum + (p.omitted ?? 1), 0);
}

/** "reaches at least Formalized", "answers at least 80% of the questions": a gate in words. */
export function gateWords(gate: Gate): string[] {
  const words: string[] = [];
  if (gate.minimum) {
    words.push(
      gate.minimum.number === 0
        ? 'reaches at least stage 0'
        : `reaches at least ${gate.minimum.name ?? `stage ${gate.minimum.number}`}`,
    );
  }
  if (gate.minimumCompleteness !== null) {
    words.push(`answers at least ${percent(gate.minimumCompleteness)} of the questions`);
  }
  return words;
}

/** For exhaustive switches over section kinds. */
export function unknownSection(section: never): never {
  throw new Error(`unknown report section ${JSON.stringify(section)}`);
}
