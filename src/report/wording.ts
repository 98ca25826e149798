import { reaches } from '../engine/score.js';
import type { AnswerValue, Assessment, BenchmarkResult, PathStep } from '../engine/types.js';
import { percent, percentsBelow, percentShort, twoDecimals } from '../format/numbers.js';
import { findQuestion, findTenet } from '../rubric/query.js';
import type { Question, Rubric, Stage } from '../rubric/types.js';
import type { Gate, Result, StandingResult } from './types.js';

/**
 * Who a result is about: "Acme Corp · Marketing" for a file (null when it names neither), a team's
 * values of the fields it is grouped by, "(no unit)" for a missing one.
 */
export function whoLabel(result: Pick<Result, 'organization' | 'unit' | 'group'>): string | null {
  if (result.group) return groupLabel(result.group.by, result.group.key);
  return [result.organization, result.unit].filter(Boolean).join(' · ') || null;
}

/** A group named by its values: "Acme Corp · Sales", "(no organization) · Sales". */
export function groupLabel(by: readonly string[], key: readonly string[]): string {
  return by.map((field, i) => key[i] || `(no ${field})`).join(' · ');
}

/** Where a result comes from: the file as given, or a team's size ("5 respondents"). */
export function sourceLabel(result: Pick<StandingResult, 'source' | 'team'>): string {
  if (result.source !== null) return result.source;
  const count = result.team?.members.length ?? 0;
  return `${count} respondent${count === 1 ? '' : 's'}`;
}

/** "Stage 3 of 6 — Engagement · index 3.45". */
export function headline(a: Assessment, rubric: Rubric): string {
  const of = rubric.stages.length;
  const stage =
    a.currentStage.number === 0
      ? `Stage 0 of ${of} — not yet at ${rubric.stages[0]!.name}`
      : `Stage ${a.currentStage.number} of ${of} — ${a.currentStage.name}`;
  return `${stage} · index ${twoDecimals(a.maturityIndex)}`;
}

/** "Completeness 92% (49 of 53 questions answered)" (69.6% when below a 70% --min-completeness). */
export function completenessLine(a: Assessment, gate?: Gate | null): string {
  const questions = a.questionCount;
  return `Completeness ${completenessShown(a.completeness, gate)} (${questions - a.unanswered.length} of ${questions} questions answered)`;
}

/**
 * A completeness as a whole percentage, or as 69.6% where it is below the gate's minimum
 * completeness (70%) and a whole percentage would read as reaching it.
 */
export function completenessShown(completeness: number, gate?: Gate | null): string {
  const minimum = gate?.minimumCompleteness;
  // The gate's own rule (see gateOf in batch/report-files.ts).
  return minimum !== undefined && minimum !== null && !reaches(completeness, minimum)
    ? percentsBelow(completeness, minimum)[0]
    : percent(completeness);
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

/** "To attain Engagement (48% → 70%), raise 4 answers:" (the steps follow, one per question). */
export function pathSentence(a: Assessment, rubric: Rubric): string {
  const path = a.path!;
  const stage = a.stages.find((s) => s.id === path.stage)!;
  const answers = path.steps.length === 1 ? '1 answer' : `${path.steps.length} answers`;
  const levels = path.steps.reduce((sum, step) => sum + levelsBetween(rubric, step), 0);
  const extra = levels > path.steps.length ? `, ${levels} levels in all` : '';
  const scores = percentsBelow(stage.score ?? 0, stage.threshold).join(' → ');
  return `To attain ${stage.name} (${scores}), raise ${answers}${extra}:`;
}

/** A path step in words: the question and its answer from → to ("Ad hoc (1) → Defined (2)"). */
export function stepWords(rubric: Rubric, step: PathStep): { question: string; change: string } {
  const question = findQuestion(rubric, step.question)?.question;
  return {
    question: question?.text ?? step.question,
    change: `${levelText(question, step.from)} → ${levelText(question, step.to)}`,
  };
}

/** How many levels of its scale a step climbs. */
function levelsBetween(rubric: Rubric, step: PathStep): number {
  const scale = findQuestion(rubric, step.question)?.question.scale ?? [];
  // An unanswered question starts at the lowest level.
  const from = step.from ?? Math.min(...scale.map((level) => level.value));
  return Math.max(1, scale.filter((level) => level.value > from && level.value <= step.to).length);
}

/** An answer in words: "Defined (2)", "unanswered", or the bare value between two levels. */
export function levelText(
  question: Pick<Question, 'scale'> | undefined,
  value: AnswerValue | null,
): string {
  if (value === null) return 'unanswered';
  if (value === 'n/a') return 'n/a';
  const level = question?.scale.find((l) => l.value === value);
  return level ? `${level.label} (${formatValue(value)})` : formatValue(value);
}

/** "Target: Strategic (stage 5 of 6) · 62% of the way · not reached". */
export function targetLine(a: Assessment, rubric: Rubric): string {
  const target = a.target!;
  const of = rubric.stages.length;
  const stage =
    target.stage.number === 0
      ? `stage 0 of ${of}`
      : `${target.stage.name} (stage ${target.stage.number} of ${of})`;
  return target.reached
    ? `Target: ${stage} · reached`
    : `Target: ${stage} · ${percentShort(target.progress)} of the way · not reached`;
}

/** "3/6 Engagement", or "0/6" before stage 1. */
export function stageLabel(rubric: Rubric, number: number): string {
  const of = rubric.stages.length;
  return number === 0 ? `0/${of}` : `${number}/${of} ${rubric.stages[number - 1]!.name}`;
}

/** "Respondents place you between stage 1 (Planning) and stage 3 (Engagement)." */
export function rangeSentence(stages: readonly number[], rubric: Rubric): string {
  const named = (n: number) => (n === 0 ? 'stage 0' : `stage ${n} (${rubric.stages[n - 1]!.name})`);
  const low = Math.min(...stages);
  const high = Math.max(...stages);
  if (stages.length === 1) return `The one respondent places you at ${named(low)}.`;
  return low === high
    ? `All ${stages.length} respondents place you at ${named(low)}.`
    : `Respondents place you between ${named(low)} and ${named(high)}.`;
}

/**
 * What a stage means, briefly: "Presence — Stake our claim: The organization moves from watching to
 * acting, …" (the tagline and the first sentence or two of the summary, when the rubric has them).
 */
export function stageMeaning(stage: Stage): string {
  const tagline = stage.tagline ? ` — ${stage.tagline}` : '';
  const summary = stage.summary ? `: ${briefly(stage.summary)}` : '';
  return `${stage.name}${tagline}${summary}`;
}

/** The first sentence of a text, and the next one too when the first is short. */
function briefly(text: string): string {
  const sentences = text
    .replace(/\s+/g, ' ')
    .trim()
    .match(/[^.!?]+[.!?]+(?=\s|$)|[^.!?]+$/g) ?? [text];
  let brief = sentences[0]!.trim();
  if (brief.length < 80 && sentences[1]) brief += ` ${sentences[1].trim()}`;
  return brief;
}

/** Where a gap or move sits: "Planning › Listen to customers". */
export function whereLabel(rubric: Rubric, stage: string, tenet: string): string {
  return `${stageName(rubric, stage)} › ${tenetTitle(rubric, tenet)}`;
}

/**
 * A benchmark comparison in words, without its ✓/✗/– mark: what it is about (the question's text,
 * shortened, or the tenet's title) and where the answer stands against the published share.
 */
export function benchmarkSentence(
  b: BenchmarkResult,
  rubric: Rubric,
): { subject: string; sentence: string } {
  const question =
    b.question === undefined ? undefined : findQuestion(rubric, b.question)?.question;
  const scale = question?.scale ?? rubric.scale;
  const level = (value: number) => levelText({ scale }, value);
  const bar = `${level(b.atLeast)} or above`;
  const subject =
    question !== undefined
      ? question.text
      : b.tenet !== undefined
        ? (findTenet(rubric, b.tenet)?.title ?? b.tenet)
        : '';
  // The result carries what SPEC §8 gives a benchmark; the survey's size is the rubric's.
  const surveyed = rubric.benchmarks.find(
    (x) =>
      x.question === b.question &&
      x.tenet === b.tenet &&
      x.atLeast === b.atLeast &&
      x.share === b.share &&
      x.statement === b.statement,
  )?.surveyed;
  const organizations =
    surveyed === undefined ? 'surveyed organizations' : `about ${surveyed} surveyed organizations`;
  const share = `${percent(b.share)} of ${organizations} reach ${bar}`;
  if (b.value === null) {
    return { subject, sentence: `not answered, so no comparison; ${share}.` };
  }
  const yours =
    question !== undefined
      ? `you answered ${level(b.value)}`
      : `this tenet stands at ${level(b.value)} on the scale`;
  return {
    subject,
    sentence: b.meets
      ? `${yours}; ${share}, and you are among them.`
      : `${yours}; ${share}; you are not there yet.`,
  };
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

/** A value as people read it: whole numbers as they are, others with up to two decimals. */
export function formatValue(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
}
