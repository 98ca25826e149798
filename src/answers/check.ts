import { quote } from '../problems/describe.js';
import { didYouMean } from '../problems/suggest.js';
import type { PathProblem } from '../problems/user-error.js';
import { questionIndex, stageReference } from '../rubric/query.js';
import type { Rubric, ScaleLevel } from '../rubric/types.js';
import type { AnswersFile } from './types.js';

/** Unknown question ids of one file that get a "did you mean" suggestion. */
const MAX_SUGGESTIONS = 100;

/**
 * Checks answers against a rubric: known question ids, values on the scale, n/a only where allowed,
 * and the `target:` field (unless `targetOverridden`: see targetProblem).
 */
export function checkAnswersAgainstRubric(
  file: AnswersFile,
  rubric: Rubric,
  options: { strict?: boolean; targetOverridden?: boolean } = {},
): PathProblem[] {
  const problems: PathProblem[] = [];
  const questions = questionIndex(rubric);
  let unknown = 0;
  // This runs for every answer of every file of a batch: paths are made only for a problem.
  for (const id of file.ids ?? file.answers.keys()) {
    const question = questions.get(id);
    if (!question) {
      // A suggestion costs a comparison with every question: enough for any typo, bounded for junk.
      unknown += 1;
      const hint = unknown <= MAX_SUGGESTIONS ? didYouMean(id, questions.keys()) : '';
      problems.push({
        path: ['answers', id],
        message: `unknown question ${quote(id)} (not in rubric ${rubric.id})${hint}`,
        at: 'key',
      });
      continue;
    }
    const answer = file.answers.get(id);
    if (!answer) continue; // left blank: unanswered
    // Points at `value:` in the { value, note } form, else at the scalar itself.
    if (answer.value === 'n/a') {
      if (!question.notApplicable) {
        problems.push({
          path: ['answers', id],
          locate: ['answers', id, 'value'],
          message: `question "${id}" cannot be answered n/a`,
        });
      }
    } else if (!onScale(question.scale, answer.value)) {
      const values = question.scale.map((level) => level.value).join(', ');
      problems.push({
        path: ['answers', id],
        locate: ['answers', id, 'value'],
        message: `${answer.value} is not on the scale of question "${id}" (${values})`,
      });
    }
  }
  if (!options.targetOverridden) {
    const problem = targetProblem(file, rubric);
    if (problem) problems.push(problem);
  }
  if (options.strict) {
    // One problem per file, naming the questions (the first ten and how many more).
    const missing = [...questions.keys()].filter((id) => !file.answers.has(id));
    if (missing.length > 0) {
      const shown = missing.slice(0, 10).join(', ');
      const more = missing.length > 10 ? ` and ${missing.length - 10} more` : '';
      problems.push({
        path: ['answers'],
        message: `${missing.length} question${missing.length === 1 ? ' is' : 's are'} unanswered (--strict): ${shown}${more}`,
        at: 'key',
      });
    }
  }
  return problems;
}

function onScale(scale: readonly ScaleLevel[], value: number): boolean {
  for (const level of scale) if (level.value === value) return true;
  return false;
}

/**
 * What is wrong with a file's `target:` field, if anything: it names no stage of the rubric. With
 * `--target`, which replaces the field, this is a warning rather than a problem (as a `rubric:`
 * field that `--rubric` replaces is).
 */
export function targetProblem(file: AnswersFile, rubric: Rubric): PathProblem | undefined {
  if (file.target === undefined) return undefined;
  const found = stageReference(rubric, String(file.target), 'target');
  return 'problem' in found ? { path: ['target'], message: found.problem } : undefined;
}
