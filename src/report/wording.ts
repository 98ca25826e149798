import { findTenet } from '../rubric/query.js';
import type { Assessment, BenchmarkResult } from '../engine/types.js';
import type { Rubric } from '../rubric/types.js';
import { percent, twoDecimals } from '../format/numbers.js';

/** "Stage 3 of 6 — Engagement · index 3.45". */
export function headline(a: Assessment, rubric: Rubric): string {
  const of = rubric.stages.length;
  const stage =
    a.currentStage.number === 0
      ? `Stage 0 of ${of} — not yet at ${rubric.stages[0]!.name}`
      : `Stage ${a.currentStage.number} of ${of} — ${a.currentStage.name}`;
  return `${stage} · index ${twoDecimals(a.maturityIndex)}`;
}

/** "Completeness 92% (49 of 53 questions answered)". */
export function completenessLine(a: Assessment): string {
  const questions = a.questionCount;
  return `Completeness ${percent(a.completeness)} (${questions - a.unanswered.length} of ${questions} questions answered)`;
}

/**
 * The non-linear notes (SPEC §3): stages ahead, foundation gaps, and the pitfalls of tenets whose
 * stage is attained above a foundation gap (the centre-of-excellence trap of the built-in rubric).
 * Plain sentences, no markup.
 */
export function nonLinearNotes(a: Assessment, rubric: Rubric): string[] {
  const notes: string[] = [];
  const names = (ids: string[]) => ids.map((id) => stageName(rubric, id)).join(', ');
  if (a.ahead.length > 0) {
    notes.push(
      `Ahead: ${names(a.ahead)} ${a.ahead.length === 1 ? 'is' : 'are'} attained although an earlier stage is not; that work counts once the stages below it catch up.`,
    );
  }
  if (a.foundationGaps.length > 0) {
    notes.push(
      `Foundation gaps: ${names(a.foundationGaps)} ${a.foundationGaps.length === 1 ? 'is' : 'are'} not attained while a later stage is. Later work rests on these foundations; close them first.`,
    );
  }
  for (const pitfall of a.pitfalls) {
    notes.push(
      `Pitfall: ${stageName(rubric, pitfall.stage)} is attained on top of foundation gaps. ${pitfall.text}`,
    );
  }
  return notes;
}

/** "Raise these 2 tenets to full marks to attain Formalized: A; B." */
export function pathSentence(rubric: Rubric, path: NonNullable<Assessment['path']>): string {
  const stage = stageName(rubric, path.stage);
  const titles = path.tenets.map((id) => tenetTitle(rubric, id));
  return `Raise ${titles.length === 1 ? 'this tenet' : `these ${titles.length} tenets`} to full marks to attain ${stage}: ${titles.join('; ')}.`;
}

/** Where a gap or move sits: "Planning › Listen to customers". */
export function whereLabel(rubric: Rubric, stage: string, tenet: string): string {
  return `${stageName(rubric, stage)} › ${tenetTitle(rubric, tenet)}`;
}

/** A benchmark comparison as a sentence, without its ✓/✗/– mark. */
export function benchmarkSentence(b: BenchmarkResult): string {
  const subject = b.question ?? b.tenet ?? '';
  if (b.value === null) return `${subject}: unanswered, so no comparison`;
  if (b.meets) {
    return `${subject} = ${formatValue(b.value)}: you are among the ${percent(b.share)} who reach ${b.atLeast} or more`;
  }
  return `${subject} = ${formatValue(b.value)}: below ${b.atLeast}, like the ${percent(1 - b.share)} who are not there yet`;
}

/** The mark of a benchmark comparison: ✓ meets, ✗ below, – no value. */
export function benchmarkMark(b: BenchmarkResult): '✓' | '✗' | '–' {
  if (b.value === null) return '–';
  return b.meets ? '✓' : '✗';
}

/** The name of a stage by id (the id itself when unknown). */
export function stageName(rubric: Rubric, id: string): string {
  return rubric.stages.find((s) => s.id === id)?.name ?? id;
}

/** The title of a tenet by id (the id itself when unknown). */
export function tenetTitle(rubric: Rubric, id: string): string {
  return findTenet(rubric, id)?.title ?? id;
}

function formatValue(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
