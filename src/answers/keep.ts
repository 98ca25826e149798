import { findQuestion, questionEntries } from '../rubric/query.js';
import type { Rubric } from '../rubric/types.js';
import type { Answer, AnswerMap, AnswerValue } from '../engine/types.js';
import { ownText } from '../format/own-text.js';
import { plainAnswer } from './shape.js';
import { TEXT_KEYS, type AnswersFile } from './types.js';

/** What a team reads of a member's answers file: its fields, and its answers as a read-only map. */
export type MemberAnswersFile = Omit<AnswersFile, 'answers' | 'ids'> & { answers: AnswerMap };

/** A member's answers file as its team keeps it to the end of a batch (keptForTeam). */
export type KeptAnswersFile = MemberAnswersFile & { answers: RubricAnswers };

/**
 * What a team keeps of a member's answers file until its groups are scored, at the end of a
 * batch: the file's metadata and its answers to the rubric's questions (what a team reads), packed
 * in rubric order (RubricAnswers), and no string that is part of the file's text. Each key, note
 * or name read from a file would keep the whole text alive, so every member held its file to the
 * end: 10,000 members of the bench, 178 MB peak instead of 139 (with a Map of the answers; packed,
 * a member takes about 1.5 KB less again).
 */
export function keptForTeam(file: AnswersFile, rubric: Rubric): KeptAnswersFile {
  const entries = questionEntries(rubric);
  const values = new Array<AnswerValue | null>(entries.length);
  const notes: (number | string)[] = [];
  for (let i = 0; i < entries.length; i += 1) {
    const answer = file.answers.get(entries[i]!.question.id);
    values[i] = answer === undefined ? null : answer.value;
    if (answer?.note !== undefined) notes.push(i, ownText(answer.note));
  }
  const kept: Omit<KeptAnswersFile, 'answers'> = {};
  for (const key of TEXT_KEYS) {
    const value = file[key];
    if (value !== undefined) kept[key] = ownText(value);
  }
  if (file.target !== undefined) {
    kept.target = typeof file.target === 'string' ? ownText(file.target) : file.target;
  }
  return { ...kept, answers: new RubricAnswers(rubric, values, notes) };
}

/**
 * A member's answers to the rubric's questions, held as two plain arrays in rubric order (which
 * a worker thread sends as they are: see batch/members.ts) and read as a map by question id, in
 * rubric order, as the engine reads answers. An answer without a note is the one every file
 * shares; one with a note is made once.
 */
export class RubricAnswers implements AnswerMap {
  readonly size: number;
  private readonly noted: ReadonlyMap<number, Answer> | undefined;

  /**
   * `values[i]` answers the rubric's i-th question (null: unanswered); `notes` holds the index of
   * each answer with a note followed by its note, in rubric order.
   */
  constructor(
    private readonly rubric: Rubric,
    readonly packed: readonly (AnswerValue | null)[],
    readonly notes: readonly (number | string)[],
  ) {
    if (packed.length !== questionEntries(rubric).length) {
      throw new Error('answers packed for another rubric than the one given');
    }
    let size = 0;
    for (const value of packed) if (value !== null) size += 1;
    this.size = size;
    if (notes.length > 0) {
      const noted = new Map<number, Answer>();
      for (let k = 0; k < notes.length; k += 2) {
        const i = notes[k] as number;
        noted.set(i, { value: packed[i]!, note: notes[k + 1] as string });
      }
      this.noted = noted;
    }
  }

  get(id: string): Answer | undefined {
    const entry = findQuestion(this.rubric, id);
    return entry === undefined ? undefined : this.at(entry.index);
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  forEach(callback: (answer: Answer, id: string, map: AnswerMap) => void, self?: unknown): void {
    for (const [id, answer] of this) callback.call(self, answer, id, this);
  }

  *entries(): MapIterator<[string, Answer]> {
    const entries = questionEntries(this.rubric);
    for (let i = 0; i < entries.length; i += 1) {
      const answer = this.at(i);
      if (answer !== undefined) yield [entries[i]!.question.id, answer];
    }
  }

  *keys(): MapIterator<string> {
    for (const [id] of this.entries()) yield id;
  }

  *values(): MapIterator<Answer> {
    for (const [, answer] of this.entries()) yield answer;
  }

  [Symbol.iterator](): MapIterator<[string, Answer]> {
    return this.entries();
  }

  private at(i: number): Answer | undefined {
    const value = this.packed[i];
    if (value === null || value === undefined) return undefined;
    return this.noted?.get(i) ?? plainAnswer(value);
  }
}
