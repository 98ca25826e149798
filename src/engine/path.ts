import type { ScaleLevel, Stage } from '../rubric/types.js';
import { questionScore, reaches, scaleBounds, unitFor, weightedMean } from './score.js';
import type { PathStep, StagePath, StageResult } from './types.js';

/** Gains this close are equal (SPEC §3); the question first in rubric order is raised then. */
const GAIN_TIE = 1e-12;

/** A scored tenet of the stage: its weighted-mean item in the stage score, and its questions' items. */
interface TenetItems {
  item: { weight: number; score: number };
  questions: { weight: number; score: number }[];
}

/** A question the path may raise, with where it sits and its working value. */
interface Candidate {
  id: string;
  tenetId: string;
  /** (tenet weight / the stage's tenet weights) × (question weight / the tenet's question weights). */
  share: number;
  scale: readonly ScaleLevel[];
  /** The scale's values in increasing order. */
  levels: readonly number[];
  span: number;
  /** The answer the sheet holds (null when unanswered). */
  from: number | null;
  /** The value as raised so far (an unanswered question starts at the lowest level). */
  value: number;
  /** Its weight and score as its tenet's weighted mean reads them, updated as it is raised. */
  item: { weight: number; score: number };
  /** Its tenet's items. */
  tenet: TenetItems;
}

// Scales are immutable once loaded, and a batch asks for the same few for every file.
const levelsCache = new WeakMap<readonly ScaleLevel[], readonly number[]>();

/** A scale's values in increasing order. */
function sortedLevels(scale: readonly ScaleLevel[]): readonly number[] {
  let levels = levelsCache.get(scale);
  if (levels === undefined) {
    levels = scale.map((level) => level.value).sort((a, b) => a - b);
    levelsCache.set(scale, levels);
  }
  return levels;
}

/** The smallest of increasing `levels` above `value`. */
function levelAbove(levels: readonly number[], value: number): number | undefined {
  for (const level of levels) if (level > value) return level;
  return undefined;
}

/**
 * The fewest one-level answer raises that attain `result`, the next stage (SPEC §3): repeatedly
 * raise the question whose next level adds most to the stage score (ties within 1e-12 go to the
 * question first in rubric order), and stop as soon as the stage is attained. Works on any scale
 * and on combined team values that lie between levels (their next level is the smallest above).
 */
export function pathToAttain(stage: Stage, result: StageResult): StagePath {
  // Plain loops, and no closures: this runs for every file of a batch, and each worker thread
  // compiles it anew (array callbacks made it one of the costliest functions to optimise).
  // n/a tenets and n/a questions are left out of the stage score, and so of the path.
  // Weights are counted in a unit that keeps their sums finite (rubrics may use any positive double).
  let largest = 0;
  for (const tenet of result.tenets) {
    if (tenet.score !== null && tenet.weight > largest) largest = tenet.weight;
  }
  const tenetUnit = unitFor(largest);
  let tenetWeights = 0;
  for (const tenet of result.tenets) {
    if (tenet.score !== null) tenetWeights += tenet.weight / tenetUnit;
  }
  const candidates: Candidate[] = [];
  // The stage score as scoring would compute it from the raised answers, tenet by tenet: the same
  // weighted means over the same items in the same order, kept and updated in place.
  const stageItems: { weight: number; score: number }[] = [];
  for (let t = 0; t < result.tenets.length; t += 1) {
    const tenet = result.tenets[t]!;
    if (tenet.score === null) continue;
    const items: TenetItems = {
      item: { weight: tenet.weight, score: tenet.score },
      questions: [],
    };
    stageItems.push(items.item);
    let largestQuestion = 0;
    for (const question of tenet.questions) {
      if (question.score !== null && question.weight > largestQuestion) {
        largestQuestion = question.weight;
      }
    }
    const questionUnit = unitFor(largestQuestion);
    let questionWeights = 0;
    for (const question of tenet.questions) {
      if (question.score !== null) questionWeights += question.weight / questionUnit;
    }
    const tenetShare = tenet.weight / tenetUnit / tenetWeights;
    const questions = stage.tenets[t]!.questions;
    for (let q = 0; q < tenet.questions.length; q += 1) {
      const question = tenet.questions[q]!;
      if (question.score === null) continue;
      const scale = questions[q]!.scale;
      const { lowest, highest } = scaleBounds(scale);
      const value = question.value === null ? lowest : (question.value as number);
      const item = { weight: question.weight, score: questionScore(value, scale) };
      items.questions.push(item);
      candidates.push({
        id: question.id,
        tenetId: tenet.id,
        share: tenetShare * (question.weight / questionUnit / questionWeights),
        scale,
        levels: sortedLevels(scale),
        span: highest - lowest,
        from: question.value as number | null,
        value,
        item,
        tenet: items,
      });
    }
  }

  const raised: Candidate[] = [];
  let score = weightedMean(stageItems);
  while (score !== null && !reaches(score, result.threshold)) {
    let best: Candidate | undefined;
    let bestNext = 0;
    let bestGain = 0;
    for (const candidate of candidates) {
      const next = levelAbove(candidate.levels, candidate.value);
      if (next === undefined) continue;
      // (next − value) / span, or on the scores when the span overflows (a scale of ±1e308).
      const step = Number.isFinite(candidate.span)
        ? (next - candidate.value) / candidate.span
        : questionScore(next, candidate.scale) - questionScore(candidate.value, candidate.scale);
      const gain = candidate.share * step;
      if (best === undefined || gain > bestGain + GAIN_TIE) {
        best = candidate;
        bestNext = next;
        bestGain = gain;
      }
    }
    // Every question at the top of its scale scores the stage 1, which attains any threshold.
    if (!best) break;
    if (!raised.includes(best)) raised.push(best);
    best.value = bestNext;
    best.item.score = questionScore(best.value, best.scale);
    best.tenet.item.score = weightedMean(best.tenet.questions) ?? 0;
    score = weightedMean(stageItems);
  }

  const steps: PathStep[] = [];
  const tenets: string[] = [];
  for (const c of raised) {
    steps.push({ question: c.id, tenet: c.tenetId, from: c.from, to: c.value });
    if (!tenets.includes(c.tenetId)) tenets.push(c.tenetId);
  }
  return { stage: result.id, steps, tenets };
}
