import { findTenet, stageOfTenet } from '../rubric/query.js';
import type { Rubric } from '../rubric/types.js';
import { stageGaps } from './gaps.js';
import { pathToAttain } from './path.js';
import { EPSILON, scaleValueAt, scoreSheet } from './score.js';
import { targetResult } from './target.js';
import type {
  AnswerMap,
  Assessment,
  BenchmarkResult,
  MemberScores,
  Move,
  Pitfall,
  QuestionResult,
  ScoreOptions,
  ScoreSheet,
  Standing,
} from './types.js';

/** Default number of recommended moves. */
export const DEFAULT_MOVES = 5;

/** Scores answers and analyses the score sheet: the whole of SPEC §3 for one set of answers. */
export function assessAnswers(
  rubric: Rubric,
  answers: AnswerMap,
  options: ScoreOptions = {},
): Assessment {
  return analyse(rubric, scoreSheet(rubric, answers), options);
}

/**
 * Where answers stand (see Standing): what assessAnswers gives, less the analysis drawn from the
 * scores. The same numbers, for about a fifth less of a batch's time when nothing else is read.
 */
export function assessStanding(
  rubric: Rubric,
  answers: AnswerMap,
  options: Pick<ScoreOptions, 'target'> = {},
): Standing {
  const sheet = scoreSheet(rubric, answers);
  const current = currentStageNumber(sheet);
  const questions = sheetQuestions(sheet);
  let unanswered = 0;
  for (const question of questions) if (question.value === null) unanswered += 1;
  return {
    ...sheetStanding(rubric, sheet, current, questions.length, unanswered),
    target: targetOf(rubric, sheet, current, options),
  };
}

/**
 * Draws the conclusions of a score sheet (SPEC §3, second half): current stage, maturity index,
 * gaps, the path to the next stage, moves, the non-linear profile, pitfalls and benchmarks.
 */
export function analyse(rubric: Rubric, sheet: ScoreSheet, options: ScoreOptions = {}): Assessment {
  const { stages } = sheet;
  const current = currentStageNumber(sheet);
  const next = current < stages.length ? stages[current]! : undefined;

  const counted = stages.filter((stage) => stage.score !== null);
  const ahead = counted.filter((s) => s.number > current && s.attained).map((s) => s.id);
  const highestAttained = Math.max(0, ...counted.filter((s) => s.attained).map((s) => s.number));
  const gapStages = counted.filter((s) => !s.attained && s.number < highestAttained);
  const foundationGaps = gapStages.map((s) => s.id);
  const lowestGap = gapStages[0]?.number;
  // A tenet's pitfall is warned of when its stage is attained above a foundation gap.
  const pitfalls: Pitfall[] = [];
  if (lowestGap !== undefined) {
    for (const stage of counted) {
      if (stage.number <= lowestGap || !stage.attained) continue;
      for (const tenet of rubric.stages[stage.number - 1]!.tenets) {
        if (tenet.pitfall !== undefined) {
          pitfalls.push({ stage: stage.id, tenet: tenet.id, text: tenet.pitfall });
        }
      }
    }
  }

  const gaps = stages.slice(0, current + 1).flatMap(stageGaps);
  const moveCount = options.moves ?? DEFAULT_MOVES;
  const moves: Move[] = [];
  for (const gap of gaps) {
    if (moves.length >= moveCount) break;
    const tenet = findTenet(rubric, gap.tenet);
    for (const text of tenet?.moves ?? []) {
      if (moves.length >= moveCount) break;
      moves.push({ stage: gap.stage, tenet: gap.tenet, text });
    }
  }

  const questions = sheetQuestions(sheet);
  const unanswered = questions.filter((q) => q.value === null).map((q) => q.id);

  return {
    ...sheetStanding(rubric, sheet, current, questions.length, unanswered.length),
    gaps,
    path: next ? pathToAttain(rubric.stages[current]!, next) : null,
    moves,
    ahead,
    foundationGaps,
    pitfalls,
    unanswered,
    benchmarks: compareBenchmarks(rubric, sheet, questions),
    target: targetOf(rubric, sheet, current, options),
  };
}

/** The number of the last stage attained with every stage before it (0 before stage 1). */
function currentStageNumber(sheet: ScoreSheet): number {
  let current = 0;
  while (current < sheet.stages.length && sheet.stages[current]!.attained) current += 1;
  return current;
}

/**
 * Where a sheet stands (SPEC §3), but for the target: its rubric, current stage, maturity index,
 * completeness and scores. The start of a Standing and of an Assessment alike.
 */
function sheetStanding(
  rubric: Rubric,
  sheet: ScoreSheet,
  current: number,
  questions: number,
  unanswered: number,
): Omit<Standing, 'target'> {
  const currentStage = current > 0 ? sheet.stages[current - 1]! : undefined;
  const next = current < sheet.stages.length ? sheet.stages[current]! : undefined;
  return {
    rubric: { id: rubric.id, version: rubric.version, title: rubric.title },
    currentStage: {
      number: current,
      id: currentStage?.id ?? null,
      name: currentStage?.name ?? null,
    },
    maturityIndex: current + (next?.score ?? 0),
    completeness: questions === 0 ? 1 : (questions - unanswered) / questions,
    questionCount: questions,
    stages: sheet.stages,
  };
}

/** Progress and roadmap to the target of `options`, if it names one (SPEC §10). */
function targetOf(
  rubric: Rubric,
  sheet: ScoreSheet,
  current: number,
  options: Pick<ScoreOptions, 'target'>,
): Standing['target'] {
  return options.target === undefined
    ? null
    : targetResult(rubric, sheet.stages, current, options.target);
}

/**
 * What a team keeps of a member (SPEC §8): current stage, index, completeness and every tenet's
 * score, from its standing, without the gaps, path, moves and benchmarks a full assessment adds.
 * The same numbers as memberScores(assessAnswers(…)), for less.
 */
export function memberStanding(rubric: Rubric, answers: AnswerMap): MemberScores {
  const { currentStage, maturityIndex, completeness, stages } = assessStanding(rubric, answers);
  const tenets = stages.flatMap((stage) =>
    stage.tenets.map((tenet) => ({ id: tenet.id, score: tenet.score })),
  );
  return { currentStage, maturityIndex, completeness, tenets };
}

/** Every question result of a sheet, in rubric order. */
export function sheetQuestions(sheet: ScoreSheet): QuestionResult[] {
  // Loops, not flatMap: this runs for every file of a batch.
  const questions: QuestionResult[] = [];
  for (const stage of sheet.stages) {
    for (const tenet of stage.tenets)
      for (const question of tenet.questions) questions.push(question);
  }
  return questions;
}

/** Per rubric, each benchmark's fixed fields and where its question sits in rubric order. */
const benchmarkPlans = new WeakMap<
  Rubric,
  {
    fields: Omit<BenchmarkResult, 'value' | 'meets'>;
    question: number;
    /** Where the benchmark's tenet sits: [stage, tenet] indices, the same in the rubric and a sheet. */
    tenet: [number, number] | undefined;
  }[]
>();

/** Where tenet `id` sits, from the rubric's index. */
function tenetAt(rubric: Rubric, id: string): [number, number] | undefined {
  const stage = stageOfTenet(rubric, id);
  const tenet = findTenet(rubric, id);
  return stage && tenet ? [rubric.stages.indexOf(stage), stage.tenets.indexOf(tenet)] : undefined;
}

function compareBenchmarks(
  rubric: Rubric,
  sheet: ScoreSheet,
  questions: readonly QuestionResult[],
): BenchmarkResult[] {
  if (rubric.benchmarks.length === 0) return [];
  // Worked out once per rubric: this runs for every file of a batch.
  let plan = benchmarkPlans.get(rubric);
  if (!plan) {
    plan = rubric.benchmarks.map((benchmark) => ({
      fields: {
        ...(benchmark.question !== undefined && { question: benchmark.question }),
        ...(benchmark.tenet !== undefined && { tenet: benchmark.tenet }),
        statement: benchmark.statement,
        share: benchmark.share,
        atLeast: benchmark.atLeast,
        ...(benchmark.source !== undefined && { source: benchmark.source }),
      },
      question:
        benchmark.question === undefined
          ? -1
          : questions.findIndex((question) => question.id === benchmark.question),
      tenet: benchmark.tenet === undefined ? undefined : tenetAt(rubric, benchmark.tenet),
    }));
    benchmarkPlans.set(rubric, plan);
  }
  return plan.map(({ fields, question, tenet: at }) => {
    let value: number | null = null;
    if (fields.question !== undefined) {
      const answer = questions[question]?.value;
      value = answer === undefined || answer === null || answer === 'n/a' ? null : answer;
    } else if (fields.tenet !== undefined) {
      const tenet = at && sheet.stages[at[0]]?.tenets[at[1]];
      value = tenet?.score == null ? null : scaleValueAt(tenet.score, rubric.scale);
    }
    return benchmarkResult(
      fields,
      value,
      value === null ? null : value >= fields.atLeast - EPSILON,
    );
  });
}

/**
 * A benchmark's fields with its value, keys in the order of BenchmarkResult (absent ones left
 * out), written out rather than spread: spreading objects of several shapes was a tenth of the
 * time scoring took in a batch.
 */
function benchmarkResult(
  fields: Omit<BenchmarkResult, 'value' | 'meets'>,
  value: number | null,
  meets: boolean | null,
): BenchmarkResult {
  const { question, tenet, statement, share, atLeast, source } = fields;
  if (question !== undefined) {
    return source === undefined
      ? { question, statement, share, atLeast, value, meets }
      : { question, statement, share, atLeast, source, value, meets };
  }
  if (tenet !== undefined) {
    return source === undefined
      ? { tenet, statement, share, atLeast, value, meets }
      : { tenet, statement, share, atLeast, source, value, meets };
  }
  return source === undefined
    ? { statement, share, atLeast, value, meets }
    : { statement, share, atLeast, source, value, meets };
}
