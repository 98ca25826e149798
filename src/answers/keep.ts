import { questionEntries } from '../rubric/query.js';
import type { Rubric } from '../rubric/types.js';
import type { Answer } from '../engine/types.js';
import { ownText } from '../format/own-text.js';
import { plainAnswer } from './shape.js';
import { METADATA_KEYS, type AnswersFile } from './types.js';

/**
 * What a team keeps of a member's answers file until its groups are scored, at the end of a
 * batch: the file's metadata and its answers to the rubric's questions (what a team reads), and
 * no string that is part of the file's text. Each key, note or name read from a file would keep
 * the whole text alive, so every member held its file to the end: 10,000 members of the bench,
 * 178 MB peak instead of 139.
 */
export function keptForTeam(file: AnswersFile, rubric: Rubric): AnswersFile {
  const answers = new Map<string, Answer>();
  for (const { question } of questionEntries(rubric)) {
    const answer = file.answers.get(question.id);
    if (answer === undefined) continue;
    // The rubric's own id as the key; an answer without a note is the one every file shares.
    answers.set(
      question.id,
      answer.note === undefined
        ? plainAnswer(answer.value)
        : { value: answer.value, note: ownText(answer.note) },
    );
  }
  const kept: AnswersFile = { answers };
  for (const key of ['rubric', 'rubricVersion', ...METADATA_KEYS] as const) {
    const value = file[key];
    if (value !== undefined) kept[key] = ownText(value);
  }
  if (file.target !== undefined) {
    kept.target = typeof file.target === 'string' ? ownText(file.target) : file.target;
  }
  return kept;
}
