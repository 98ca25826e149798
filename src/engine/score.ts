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

/** Whether a score reaches a threshold, allowing for floating-point error. */
export function reaches(score: number, threshold: number): boolean {
  return score >= threshold - EPSILON;
}

function scoreStage(stage: Stage, number: number, answers: AnswerMap): StageResult {
  const tenets: TenetResult[] = stage.tenets.map((tenet) => {
    const questions = tenet.questions.map((question) => scoreQuestion(question, answers));
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
