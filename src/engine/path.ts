import type { ScaleLevel, Stage } from '../rubric/types.js';
import { questionScore, reaches, scaleBounds, weightedMean, weightUnit } from './score.js';
import type { PathStep, StagePath, StageResult } from './types.js';

/** Gains this close are equal (SPEC §3); the question first in rubric order is raised then. */
const GAIN_TIE = 1e-12;

/** A question the path may raise, with where it sits and its working value. */
interface Candidate {
  tenet: number;
  id: string;
  tenetId: string;
  weight: number;
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
  // n/a tenets and n/a questions are left out of the stage score, and so of the path.
  const tenets = result.tenets
    .map((tenet, t) => ({ tenet, t }))
    .filter(({ tenet }) => tenet.score !== null);
  // Weights are counted in a unit that keeps their sums finite (rubrics may use any positive double).
  const tenetUnit = weightUnit(tenets.map(({ tenet }) => tenet.weight));
  const tenetWeights = tenets.reduce((sum, { tenet }) => sum + tenet.weight / tenetUnit, 0);
  const candidates: Candidate[] = [];
  const byTenet = new Map<number, Candidate[]>();
  for (const { tenet, t } of tenets) {
    const own: Candidate[] = [];
    const scored = tenet.questions.filter((question) => question.score !== null);
    const questionUnit = weightUnit(scored.map((question) => question.weight));
    const questionWeights = scored.reduce((sum, q) => sum + q.weight / questionUnit, 0);
    const tenetShare = tenet.weight / tenetUnit / tenetWeights;
    tenet.questions.forEach((question, q) => {
      if (question.score === null) return;
      const scale = stage.tenets[t]!.questions[q]!.scale;
      const { lowest, highest } = scaleBounds(scale);
      const value = question.value === null ? lowest : (question.value as number);
      own.push({
        tenet: t,
        id: question.id,
        tenetId: tenet.id,
        weight: question.weight,
        share: tenetShare * (question.weight / questionUnit / questionWeights),
        scale,
        levels: sortedLevels(scale),
        span: highest - lowest,
        from: question.value as number | null,
        value,
        item: { weight: question.weight, score: questionScore(value, scale) },
      });
    });
    byTenet.set(t, own);
    candidates.push(...own);
  }

  // The stage score as scoring would compute it from the raised answers, tenet by tenet: the same
  // weighted means over the same items in the same order, kept and updated in place (this runs for
  // every file of a batch, and building them afresh at every raise was most of what it allocated).
  const questionItems = new Map([...byTenet].map(([t, own]) => [t, own.map((c) => c.item)]));
  const tenetItems = new Map(
    tenets.map(({ tenet, t }) => [t, { weight: tenet.weight, score: tenet.score as number }]),
  );
  const stageItems = [...tenetItems.values()];
  const stageScore = () => weightedMean(stageItems);
  const raised: Candidate[] = [];
  let score = stageScore();
  while (score !== null && !reaches(score, result.threshold)) {
    let best: { candidate: Candidate; next: number; gain: number } | undefined;
    for (const candidate of candidates) {
      const next = levelAbove(candidate.levels, candidate.value);
      if (next === undefined) continue;
      // (next − value) / span, or on the scores when the span overflows (a scale of ±1e308).
      const step = Number.isFinite(candidate.span)
        ? (next - candidate.value) / candidate.span
        : questionScore(next, candidate.scale) - questionScore(candidate.value, candidate.scale);
      const gain = candidate.share * step;
      if (best === undefined || gain > best.gain + GAIN_TIE) best = { candidate, next, gain };
    }
    // Every question at the top of its scale scores the stage 1, which attains any threshold.
    if (!best) break;
    const { candidate } = best;
    if (!raised.includes(candidate)) raised.push(candidate);
    candidate.value = best.next;
    candidate.item.score = questionScore(candidate.value, candidate.scale);
    tenetItems.get(candidate.tenet)!.score = weightedMean(questionItems.get(candidate.tenet)!) ?? 0;
    score = stageScore();
  }

  const steps: PathStep[] = raised.map((c) => ({
    question: c.id,
    tenet: c.tenetId,
    from: c.from,
    to: c.value,
  }));
  return { stage: result.id, steps, tenets: [...new Set(steps.map((step) => step.tenet))] };
}
