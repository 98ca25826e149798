import { quote } from '../problems/describe.js';
import { didYouMean } from '../problems/suggest.js';
import type { Question, Rubric, Stage, Tenet } from './types.js';

/** A question with where it sits in the rubric. */
export interface QuestionEntry {
  /** 0-based position among all questions, in rubric order. */
  index: number;
  stage: Stage;
  /** 0-based position of the stage. */
  stageIndex: number;
  tenet: Tenet;
  question: Question;
}

/** What a rubric is looked up by, built once per rubric (rubrics are immutable once loaded). */
interface RubricIndex {
  questions: Map<string, QuestionEntry>;
  entries: QuestionEntry[];
  tenets: Map<string, { tenet: Tenet; stage: Stage; stageIndex: number }>;
  /** Every tenet's id, in rubric order. */
  tenetIds: string[];
  stages: Map<string, { stage: Stage; number: number }>;
}

const indexes = new WeakMap<Rubric, RubricIndex>();

function indexOf(rubric: Rubric): RubricIndex {
  let index = indexes.get(rubric);
  if (index) return index;
  index = { questions: new Map(), entries: [], tenets: new Map(), tenetIds: [], stages: new Map() };
  rubric.stages.forEach((stage, stageIndex) => {
    if (!index.stages.has(stage.id)) index.stages.set(stage.id, { stage, number: stageIndex + 1 });
    for (const tenet of stage.tenets) {
      index.tenetIds.push(tenet.id);
      if (!index.tenets.has(tenet.id)) index.tenets.set(tenet.id, { tenet, stage, stageIndex });
      for (const question of tenet.questions) {
        const entry = { index: index.entries.length, stage, stageIndex, tenet, question };
        index.entries.push(entry);
        if (!index.questions.has(question.id)) index.questions.set(question.id, entry);
      }
    }
  });
  indexes.set(rubric, index);
  return index;
}

const questionMaps = new WeakMap<Rubric, Map<string, Question>>();

/** Questions of a rubric by id, in rubric order. */
export function questionIndex(rubric: Rubric): ReadonlyMap<string, Question> {
  let map = questionMaps.get(rubric);
  if (!map) {
    map = new Map([...indexOf(rubric).questions].map(([id, entry]) => [id, entry.question]));
    questionMaps.set(rubric, map);
  }
  return map;
}

/** Every question in rubric order (stage by stage, tenet by tenet), with where it sits. */
export function questionEntries(rubric: Rubric): readonly QuestionEntry[] {
  return indexOf(rubric).entries;
}

/** Every tenet's id in rubric order (stage by stage). */
export function tenetIds(rubric: Rubric): readonly string[] {
  return indexOf(rubric).tenetIds;
}

/** A question of the rubric by id, with where it sits. */
export function findQuestion(rubric: Rubric, id: string): QuestionEntry | undefined {
  return indexOf(rubric).questions.get(id);
}

/** A tenet of the rubric by id. */
export function findTenet(rubric: Rubric, id: string): Tenet | undefined {
  return indexOf(rubric).tenets.get(id)?.tenet;
}

/** The stage a tenet belongs to. */
export function stageOfTenet(rubric: Rubric, id: string): Stage | undefined {
  return indexOf(rubric).tenets.get(id)?.stage;
}

/** A stage of the rubric by id. */
export function findStage(rubric: Rubric, id: string): Stage | undefined {
  return indexOf(rubric).stages.get(id)?.stage;
}

/** The 1-based number of a stage by id, or undefined. */
export function stageNumberOf(rubric: Rubric, id: string): number | undefined {
  return indexOf(rubric).stages.get(id)?.number;
}

/**
 * The stage a user names (`--min-stage`, `--target`, an answers file's `target:`): a number from 0
 * to the number of stages, a stage id, or a stage name in any case. Returns the number, or why the
 * rubric has no such stage (`option` names the flag or field in that message).
 */
export function stageReference(
  rubric: Rubric,
  value: string,
  option: string,
): { number: number } | { problem: string } {
  const { stages } = rubric;
  if (/^\d+$/.test(value)) {
    const number = Number(value);
    return number > stages.length
      ? {
          problem: `${option} ${value} is beyond the last stage of rubric ${rubric.id} (${stages.length})`,
        }
      : { number };
  }
  const named = stageByName(rubric, value, option);
  if (named && 'problem' in named) return named;
  return named === undefined
    ? {
        problem: `${option} ${quote(value)} is not a stage of rubric ${rubric.id} (${stages.map((s) => s.id).join(', ')}, or 0 to ${stages.length})${didYouMean(
          value,
          stages.map((s) => s.id),
        )}`,
      }
    : { number: named.number };
}

/**
 * A stage by id, else by id or name in any case; a name several stages share is a problem (give
 * the id or number); undefined when nothing matches.
 */
function stageByName(
  rubric: Rubric,
  value: string,
  option: string,
): StageMatch | { problem: string } | undefined {
  const trimmed = value.trim();
  const byId = indexOf(rubric).stages.get(trimmed);
  if (byId) return byId;
  const folded = trimmed.toLowerCase();
  const matches = rubric.stages.flatMap((stage, index) =>
    stage.id.toLowerCase() === folded || stage.name.toLowerCase() === folded
      ? [{ stage, number: index + 1 }]
      : [],
  );
  if (matches.length > 1) {
    return {
      problem: `${option} ${quote(value)} matches ${matches.length} stages of rubric ${rubric.id} (${matches.map((m) => m.stage.id).join(', ')}); give its id or number`,
    };
  }
  return matches[0];
}

/** Counts of a rubric's parts. */
export function rubricCounts(rubric: Rubric): {
  stages: number;
  tenets: number;
  questions: number;
} {
  const index = indexOf(rubric);
  return {
    stages: rubric.stages.length,
    tenets: index.tenets.size,
    questions: index.entries.length,
  };
}

/** A stage found by `findStageByReference`, with its 1-based number. */
export interface StageMatch {
  stage: Stage;
  number: number;
}

/**
 * The stage a user names on the command line (`--stage`): its number (from 1), its id, or its
 * name, case-insensitively. Returns the stage, or why the rubric has no such stage (`option`
 * names the flag in that message).
 */
export function findStageByReference(
  rubric: Rubric,
  value: string,
  option: string,
): StageMatch | { problem: string } {
  const { stages } = rubric;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) {
    const number = Number(trimmed);
    if (number >= 1 && number <= stages.length) return { stage: stages[number - 1]!, number };
    return {
      problem: `${option} ${trimmed} is not a stage of rubric ${rubric.id}: its stages are numbered 1 to ${stages.length}`,
    };
  }
  const named = stageByName(rubric, trimmed, option);
  if (named) return named;
  return {
    problem: `${option} ${quote(value)} is not a stage of rubric ${rubric.id} (${stages.map((s, i) => `${i + 1} ${s.id}`).join(', ')})${didYouMean(
      trimmed,
      stages.map((s) => s.id),
    )}`,
  };
}
