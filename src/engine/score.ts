import type { Question, Rubric, ScaleLevel, Stage, Tenet } from '../rubric/types.js';
import type {
  AnswerMap,
  Assessment,
  BenchmarkResult,
  Gap,
  Move,
  Pitfall,
  QuestionResult,
  ScoreOptions,
  StageResult,
  TenetResult,
} from './types.js';

/** Tolerance when comparing a score with a threshold. */
export const EPSILON = 1e-9;

/** Default number of recommended moves. */
export const DEFAULT_MOVES = 5;

/** Scores answers against a rubric (SPEC §3). Pure and deterministic: no I/O, no clock. */
export function assess(rubric: Rubric, answers: AnswerMap, options: ScoreOptions = {}): Assessment {
  const stages = rubric.stages.map((stage, index) => scoreStage(stage, index + 1, answers));

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

  const questions = stages.flatMap((stage) => stage.tenets.flatMap((tenet) => tenet.questions));
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
    stages,
    gaps,
    path: next ? pathToAttain(next) : null,
    moves,
    ahead,
    foundationGaps,
    pitfalls,
    unanswered,
    benchmarks: compareBenchmarks(rubric, stages, answers),
  };
}

/** Share of a question's scale that a value reaches: (value − lowest) / (highest − lowest). */
export function questionScore(value: number, scale: readonly ScaleLevel[]): number {
  const { lowest, highest } = scaleBounds(scale);
  return (value - lowest) / (highest - lowest);
}

// Scales are immutable once loaded; batch scoring asks for the same ones thousands of times.
const boundsCache = new WeakMap<readonly ScaleLevel[], { lowest: number; highest: number }>();

/** Lowest and highest values of a scale. */
export function scaleBounds(scale: readonly ScaleLevel[]): { lowest: number; highest: number } {
  let bounds = boundsCache.get(scale);
  if (bounds === undefined) {
    let lowest = Infinity;
    let highest = -Infinity;
    for (const level of scale) {
      if (level.value < lowest) lowest = level.value;
      if (level.value > highest) highest = level.value;
    }
    bounds = { lowest, highest };
    boundsCache.set(scale, bounds);
  }
  return bounds;
}

/** Weighted mean of the items whose score is not null; null when none has one. */
export function weightedMean(
  items: readonly { weight: number; score: number | null }[],
): number | null {
  let total = 0;
  let weights = 0;
  for (const item of items) {
    if (item.score === null) continue;
    total += item.weight * item.score;
    weights += item.weight;
  }
  return weights === 0 ? null : total / weights;
}

/**
 * An ordering key for impacts and gains: values equal within 1e-9 on paper (but not in floating
 * point) get the same key, so their tie is broken by rubric order, as the rules say. Rounding keeps
 * the comparison transitive, which a tolerance in the comparator would not.
 */
function rankKey(value: number): number {
  return Math.round(value / EPSILON);
}

/** Whether a score reaches a threshold, allowing for floating-point error. */
export function reaches(score: number, threshold: number): boolean {
  return score >= threshold - EPSILON;
}

function scoreStage(stage: Stage, number: number, answers: AnswerMap): StageResult {
  const tenets: TenetResult[] = stage.tenets.map((tenet) => {
    const questions = tenet.questions.map((question) => scoreQuestion(question, answers));
    return {
      id: tenet.id,
      title: tenet.title,
      weight: tenet.weight,
      score: weightedMean(questions),
      questions,
    };
  });
  const score = weightedMean(tenets);
  return {
    number,
    id: stage.id,
    name: stage.name,
    score,
    threshold: stage.threshold,
    attained: score === null || reaches(score, stage.threshold),
    tenets,
  };
}

function scoreQuestion(question: Question, answers: AnswerMap): QuestionResult {
  const answer = answers.get(question.id);
  if (answer === undefined) {
    return { id: question.id, value: null, score: 0, weight: question.weight };
  }
  const score = answer.value === 'n/a' ? null : questionScore(answer.value, question.scale);
  const result: QuestionResult = {
    id: question.id,
    value: answer.value,
    score,
    weight: question.weight,
  };
  if (answer.note !== undefined) result.note = answer.note;
  return result;
}

/** Tenets under their stage's threshold: by stage, then impact (largest first), then rubric order. */
function findGaps(stages: readonly StageResult[]): Gap[] {
  return stages.flatMap((stage) =>
    stage.tenets
      .flatMap((tenet, index) => {
        if (tenet.score === null || reaches(tenet.score, stage.threshold)) return [];
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
      .sort((a, b) => rankKey(b.gap.impact) - rankKey(a.gap.impact) || a.index - b.index)
      .map(({ gap }) => gap),
  );
}

/**
 * Raises the stage's tenets to full marks one by one, largest weight × (1 − score) first (ties in
 * rubric order), and returns the first prefix that attains the stage.
 */
function pathToAttain(stage: StageResult): { stage: string; tenets: string[] } {
  const candidates = stage.tenets
    .map((tenet, index) => ({ tenet, index, gain: tenet.weight * (1 - (tenet.score ?? 1)) }))
    .filter(({ tenet }) => tenet.score !== null)
    .sort((a, b) => rankKey(b.gain) - rankKey(a.gain) || a.index - b.index);
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

/** A tenet of the rubric by id. */
export function findTenet(rubric: Rubric, id: string): Tenet | undefined {
  for (const stage of rubric.stages) {
    for (const tenet of stage.tenets) if (tenet.id === id) return tenet;
  }
  return undefined;
}

function compareBenchmarks(
  rubric: Rubric,
  stages: readonly StageResult[],
  answers: AnswerMap,
): BenchmarkResult[] {
  const { lowest, highest } = scaleBounds(rubric.scale);
  return rubric.benchmarks.map((benchmark) => {
    let value: number | null = null;
    if (benchmark.question !== undefined) {
      const answer = answers.get(benchmark.question);
      value = answer && answer.value !== 'n/a' ? answer.value : null;
    } else if (benchmark.tenet !== undefined) {
      const tenet = stages.flatMap((s) => s.tenets).find((t) => t.id === benchmark.tenet);
      value = tenet?.score == null ? null : lowest + tenet.score * (highest - lowest);
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
