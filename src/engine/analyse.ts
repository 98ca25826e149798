import { findTenet } from '../rubric/query.js';
import type { Rubric } from '../rubric/types.js';
import { EPSILON, reaches, scaleValueAt, scoreSheet, weightedMean, weightUnit } from './score.js';
import type {
  AnswerMap,
  Assessment,
  BenchmarkResult,
  Gap,
  Move,
  Pitfall,
  QuestionResult,
  ScoreOptions,
  ScoreSheet,
  StageResult,
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
 * Draws the conclusions of a score sheet (SPEC §3, second half): current stage, maturity index,
 * gaps, the path to the next stage, moves, the non-linear profile, pitfalls and benchmarks.
 */
export function analyse(rubric: Rubric, sheet: ScoreSheet, options: ScoreOptions = {}): Assessment {
  const { stages } = sheet;
  let current = 0;
  while (current < stages.length && stages[current]!.attained) current += 1;
  const next = current < stages.length ? stages[current]! : undefined;
  const currentStage = current > 0 ? stages[current - 1]! : undefined;

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

  const gaps = findGaps(stages.slice(0, current + 1));
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
    rubric: { id: rubric.id, version: rubric.version, title: rubric.title },
    currentStage: {
      number: current,
      id: currentStage?.id ?? null,
      name: currentStage?.name ?? null,
    },
    maturityIndex: current + (next?.score ?? 0),
    completeness:
      questions.length === 0 ? 1 : (questions.length - unanswered.length) / questions.length,
    questionCount: questions.length,
    stages,
    gaps,
    path: next ? pathToAttain(next) : null,
    moves,
    ahead,
    foundationGaps,
    pitfalls,
    unanswered,
    benchmarks: compareBenchmarks(rubric, sheet, questions),
  };
}

/** Every question result of a sheet, in rubric order. */
export function sheetQuestions(sheet: ScoreSheet): QuestionResult[] {
  return sheet.stages.flatMap((stage) => stage.tenets.flatMap((tenet) => tenet.questions));
}

/**
 * An ordering key for impacts and gains: values equal within 1e-9 on paper (but not in floating
 * point) get the same key, so their tie is broken by rubric order, as the rules say. Rounding keeps
 * the comparison transitive, which a tolerance in the comparator would not.
 */
export function rankKey(value: number): number {
  return Math.round(value / EPSILON);
}

/** Tenets under their stage's threshold: by stage, then impact (largest first), then rubric order. */
function findGaps(stages: readonly StageResult[]): Gap[] {
  return stages.flatMap((stage) => {
    // Impacts are ranked in the stage's weight unit, so that huge weights cannot overflow the key.
    const unit = weightUnit(stage.tenets.map((tenet) => tenet.weight));
    return stage.tenets
      .flatMap((tenet, index) => {
        if (!tenet.belowThreshold || tenet.score === null) return [];
        const impact = tenet.weight * (stage.threshold - tenet.score);
        const gap: Gap = {
          stage: stage.id,
          tenet: tenet.id,
          score: tenet.score,
          threshold: stage.threshold,
          weight: tenet.weight,
          impact,
        };
        return [{ gap, index }];
      })
      .sort(
        (a, b) => rankKey(b.gap.impact / unit) - rankKey(a.gap.impact / unit) || a.index - b.index,
      )
      .map(({ gap }) => gap);
  });
}

/**
 * Raises the stage's tenets to full marks one by one, largest weight × (1 − score) first (ties in
 * rubric order), and returns the first prefix that attains the stage.
 */
function pathToAttain(stage: StageResult): { stage: string; tenets: string[] } {
  const unit = weightUnit(stage.tenets.map((tenet) => tenet.weight));
  const candidates = stage.tenets
    .map((tenet, index) => ({ tenet, index, gain: tenet.weight * (1 - (tenet.score ?? 1)) }))
    .filter(({ tenet }) => tenet.score !== null)
    .sort((a, b) => rankKey(b.gain / unit) - rankKey(a.gain / unit) || a.index - b.index);
  const raised = new Set<string>();
  const tenets: string[] = [];
  for (const { tenet } of candidates) {
    const score = weightedMean(
      stage.tenets.map((t) => ({ weight: t.weight, score: raised.has(t.id) ? 1 : t.score })),
    );
    if (score !== null && reaches(score, stage.threshold)) break;
    raised.add(tenet.id);
    tenets.push(tenet.id);
  }
  return { stage: stage.id, tenets };
}

function compareBenchmarks(
  rubric: Rubric,
  sheet: ScoreSheet,
  questions: readonly QuestionResult[],
): BenchmarkResult[] {
  if (rubric.benchmarks.length === 0) return [];
  const byId = new Map(questions.map((question) => [question.id, question]));
  return rubric.benchmarks.map((benchmark) => {
    let value: number | null = null;
    if (benchmark.question !== undefined) {
      const answer = byId.get(benchmark.question)?.value;
      value = answer === undefined || answer === null || answer === 'n/a' ? null : answer;
    } else if (benchmark.tenet !== undefined) {
      const tenet = sheet.stages.flatMap((s) => s.tenets).find((t) => t.id === benchmark.tenet);
      value = tenet?.score == null ? null : scaleValueAt(tenet.score, rubric.scale);
    }
    return {
      ...(benchmark.question !== undefined && { question: benchmark.question }),
      ...(benchmark.tenet !== undefined && { tenet: benchmark.tenet }),
      statement: benchmark.statement,
      share: benchmark.share,
      atLeast: benchmark.atLeast,
      ...(benchmark.source !== undefined && { source: benchmark.source }),
      value,
      meets: value === null ? null : value >= benchmark.atLeast - EPSILON,
    };
  });
}
