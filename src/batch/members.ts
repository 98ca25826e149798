import { plainAnswer } from '../answers/shape.js';
import type { AnswersFile } from '../answers/types.js';
import type { Answer, AnswerValue, MemberScores } from '../engine/types.js';
import { questionEntries } from '../rubric/query.js';
import type { Rubric } from '../rubric/types.js';

/** A team member as scoring a file gives it: its answers (kept for its team) and its scores. */
export interface KeptMember {
  answers: AnswersFile;
  scores: MemberScores;
}

/**
 * A member as it crosses from a worker thread to the main thread: its answers and tenet scores as
 * plain arrays in rubric order, which copy in a fraction of the time of a Map of answer objects
 * and twenty tenet objects, and come out on the main thread with its own rubric's ids and shared
 * answers (what keptForTeam gives a member scored there).
 */
export interface PackedMember {
  /** The answers file's fields other than its answers (its rubric, metadata and target). */
  file: Omit<AnswersFile, 'answers' | 'ids'>;
  /** Each question's answer in rubric order; null when unanswered. */
  values: (AnswerValue | null)[];
  /** The notes, each after the index of its question. */
  notes: (number | string)[];
  scores: Omit<MemberScores, 'tenets'>;
  /** Each tenet's score in rubric order (null when n/a). */
  tenets: (number | null)[];
}

/** Packs a member kept for its team (keptForTeam) on `rubric`, the worker's copy of its rubric. */
export function packMember({ answers, scores }: KeptMember, rubric: Rubric): PackedMember {
  const { answers: byId, ids: _ids, ...file } = answers;
  const { ids } = partsOf(rubric);
  const values = new Array<AnswerValue | null>(ids.length);
  const notes: (number | string)[] = [];
  for (let i = 0; i < ids.length; i += 1) {
    const answer = byId.get(ids[i]!);
    values[i] = answer === undefined ? null : answer.value;
    if (answer?.note !== undefined) notes.push(i, answer.note);
  }
  const { tenets, ...brief } = scores;
  return { file, values, notes, scores: brief, tenets: tenets.map((tenet) => tenet.score) };
}

/**
 * The member a worker packed, on the main thread's copy of its rubric (the same rubric, loaded
 * there): the answers keyed by its question ids, answers without a note shared, as keptForTeam
 * makes them.
 */
export function unpackMember(packed: PackedMember, rubric: Rubric): KeptMember {
  const { ids, tenets } = partsOf(rubric);
  const { values, notes } = packed;
  if (values.length !== ids.length || packed.tenets.length !== tenets.length) {
    throw new Error('a scoring thread packed a member on another rubric than the main thread has');
  }
  // (Loops: this runs on the main thread for every member a worker scored.)
  const answers = new Map<string, Answer>();
  let k = 0;
  for (let i = 0; i < ids.length; i += 1) {
    const value = values[i];
    if (value === null || value === undefined) continue;
    // The notes come in the order of their questions.
    if (notes[k] === i) {
      answers.set(ids[i]!, { value, note: notes[k + 1] as string });
      k += 2;
    } else {
      answers.set(ids[i]!, plainAnswer(value));
    }
  }
  const scored: MemberScores['tenets'] = new Array<MemberScores['tenets'][number]>(tenets.length);
  for (let i = 0; i < tenets.length; i += 1) {
    scored[i] = { id: tenets[i]!, score: packed.tenets[i] ?? null };
  }
  return { answers: { ...packed.file, answers }, scores: { ...packed.scores, tenets: scored } };
}

/** A rubric's question ids and tenet ids in rubric order, worked out once per rubric. */
const parts = new WeakMap<Rubric, { ids: string[]; tenets: string[] }>();

function partsOf(rubric: Rubric): { ids: string[]; tenets: string[] } {
  let found = parts.get(rubric);
  if (!found) {
    found = {
      ids: questionEntries(rubric).map((entry) => entry.question.id),
      tenets: rubric.stages.flatMap((stage) => stage.tenets.map((tenet) => tenet.id)),
    };
    parts.set(rubric, found);
  }
  return found;
}
