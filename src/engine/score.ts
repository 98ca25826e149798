import type { Question, Rubric, ScaleLevel, Stage } from '../rubric/types.js';
import type { AnswerMap, QuestionResult, ScoreSheet, StageResult, TenetResult } from './types.js';

/** Tolerance when comparing a score with a threshold. */
export const EPSILON = 1e-9;

/**
 * Scores answers against a rubric (SPEC §3, first half): every question, tenet and stage score and
 * whether each stage is attained. Pure and deterministic: no I/O, no clock. `analyse` draws the
 * conclusions.
 */
export function scoreSheet(rubric: Rubric, answers: AnswerMap): ScoreSheet {
  return { stages: rubric.stages.map((stage, index) => scoreStage(stage, index + 1, answers)) };
}

/**
 * Share of a question's scale that a value reaches: (value − lowest) / (highest − lowest), in [0, 1].
 * A span wider than the largest double (a scale of -1e308 to 1e308) is computed on halved values,
 * which is exact, instead of overflowing to Infinity.
 */
export function questionScore(value: number, scale: readonly ScaleLevel[]): number {
  const { lowest, highest } = scaleBounds(scale);
  const span = highest - lowest;
  const share = Number.isFinite(span)
    ? (value - lowest) / span
    : (value / 2 - lowest / 2) / (highest / 2 - lowest / 2);
  return Math.min(1, Math.max(0, share));
}

/** The value at `share` of a scale's span: the inverse of questionScore, without overflow. */
export function scaleValueAt(share: number, scale: readonly ScaleLevel[]): number {
  const { lowest, highest } = scaleBounds(scale);
  const span = highest - lowest;
  return Number.isFinite(span) ? lowest + share * span : lowest * (1 - share) + highest * share;
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

/**
 * The unit weights are counted in: 1, unless the largest is so large that sums of weights overflow,
 * or so small that products underflow (rubrics may use any positive double). Dividing by the unit
 * keeps every sum finite; with the unit 1, results are exactly those of the plain formula.
 */
export function weightUnit(weights: Iterable<number>): number {
  let largest = 0;
  for (const weight of weights) if (weight > largest) largest = weight;
  return unitFor(largest);
}

/** The unit of weights whose largest is `largest` (see weightUnit). */
export function unitFor(largest: number): number {
  return largest >= 1e-100 && largest <= 1e100 ? 1 : largest;
}

/** Weighted mean of the items whose score is not null; null when none has one. */
export function weightedMean(
  items: readonly { weight: number; score: number | null }[],
): number | null {
  // Batch scoring calls this for every tenet and stage of every file: no arrays are made here.
  let largest = 0;
  for (const item of items) {
    if (item.score !== null && item.weight > largest) largest = item.weight;
  }
  const unit = unitFor(largest);
  let total = 0;
  let weights = 0;
  for (const item of items) {
    if (item.score === null) continue;
    const weight = unit === 1 ? item.weight : item.weight / unit;
    total += weight * item.score;
    weights += weight;
  }
  return weights === 0 ? null : Math.min(1, total / weights);
}

/** Whether a score reaches a threshold, allowing for floating-point error. */
export function reaches(score: number, threshold: number): boolean {
  return score >= threshold - EPSILON;
}

function scoreStage(stage: Stage, number: number, answers: AnswerMap): StageResult {
  const results = resultsOf(stage);
  const tenets: TenetResult[] = stage.tenets.map((tenet, t) => {
    const questions = tenet.questions.map((question, q) =>
      scoreQuestion(question, answers, results[t]![q]!),
    );
    const score = weightedMean(questions);
    return {
      id: tenet.id,
      title: tenet.title,
      weight: tenet.weight,
      score,
      belowThreshold: score !== null && !reaches(score, stage.threshold),
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

/**
 * The results a question's answers without a note score to, by value (null: unanswered), shared by
 * every sheet: a batch would otherwise make one object per question of every file, and nearly every
 * answer is one of a scale's few levels. Shared results are frozen, so that nothing can change one
 * for every sheet at once. A question keeps at most MAX_SHARED of them (a team's combined answers
 * may take any value between levels); -0 gets its own result, as a Map takes -0 and 0 for one key.
 */
type SharedResults = Map<number | 'n/a' | null, QuestionResult>;
const sharedResults = new WeakMap<Stage, SharedResults[][]>();
const MAX_SHARED = 16;

/** The shared results of a stage's questions, by tenet, then question. */
function resultsOf(stage: Stage): SharedResults[][] {
  let results = sharedResults.get(stage);
  if (results === undefined) {
    results = stage.tenets.map((tenet) => tenet.questions.map((): SharedResults => new Map()));
    sharedResults.set(stage, results);
  }
  return results;
}

function scoreQuestion(
  question: Question,
  answers: AnswerMap,
  shared: SharedResults,
): QuestionResult {
  const answer = answers.get(question.id);
  if (answer !== undefined && answer.note !== undefined) {
    // Made whole, not given a note afterwards: an added property changes the object's shape.
    const score = answer.value === 'n/a' ? null : questionScore(answer.value, question.scale);
    return {
      id: question.id,
      value: answer.value,
      score,
      weight: question.weight,
      note: answer.note,
    };
  }
  const value = answer === undefined ? null : answer.value;
  const known = shared.get(value);
  if (known !== undefined && !Object.is(value, -0)) return known;
  const result: QuestionResult = {
    id: question.id,
    value,
    score: value === null ? 0 : value === 'n/a' ? null : questionScore(value, question.scale),
    weight: question.weight,
  };
  if (shared.size < MAX_SHARED && !Object.is(value, -0)) shared.set(value, Object.freeze(result));
  return result;
}
