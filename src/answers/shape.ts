import { CONTROL_CHARACTERS, NO_CONTROL_CHARACTERS } from '../problems/control-characters.js';
import { describeValue, quote } from '../problems/describe.js';
import { didYouMean } from '../problems/suggest.js';
import type { PathProblem } from '../problems/user-error.js';
import type { Answer, AnswerValue } from '../engine/types.js';
import { assessedAtProblem, dateOf } from './dates.js';
import { METADATA_KEYS, TEXT_KEYS, type AnswersFile } from './types.js';

const TOP_LEVEL_KEYS = new Set<string>([
  '$schema',
  'rubric',
  'rubricVersion',
  ...METADATA_KEYS,
  'target',
  'answers',
]);
const ANSWER_KEYS = new Set(['value', 'note']);
/** The top-level keys whose values are strings. */
const STRING_KEYS = ['$schema', ...TEXT_KEYS] as const;

/**
 * Checks the shape of an answers document (independent of any rubric; its answers a mapping, or
 * the fast parser's Map of them) and returns the answers file when it is well formed.
 * Hand-written rather than zod: it runs once per file in batch scoring.
 */
export function checkAnswersShape(data: unknown): { file?: AnswersFile; problems: PathProblem[] } {
  const problems: PathProblem[] = [];
  if (data === null || data === undefined) {
    return {
      problems: [{ path: [], message: 'the answers file is empty; it needs an "answers" mapping' }],
    };
  }
  if (!isMapping(data)) {
    return {
      problems: [
        {
          path: [],
          message: `the answers file must be a mapping with an "answers" key, not ${describeValue(data)}`,
        },
      ],
    };
  }
  const file: AnswersFile = { answers: new Map() };
  for (const key of Object.keys(data)) {
    if (!TOP_LEVEL_KEYS.has(key))
      problems.push({
        path: [key],
        message: `unknown key ${quote(key)}${didYouMean(key, TOP_LEVEL_KEYS)}`,
        at: 'key',
      });
  }
  for (const key of STRING_KEYS) {
    const value = own(data, key);
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') {
      problems.push({
        path: [key],
        message: `${key} must be a string, not ${describeValue(value)}`,
      });
    } else if (CONTROL_CHARACTERS.test(value)) {
      problems.push({ path: [key], message: `${key} ${NO_CONTROL_CHARACTERS}` });
    } else if (key === 'assessedAt') {
      const problem = assessedAtProblem(value);
      if (problem) problems.push({ path: [key], message: problem });
      else file.assessedAt = dateOf(value);
    } else if (key !== '$schema') {
      file[key] = value;
    }
  }
  const target = own(data, 'target');
  if (typeof target === 'number' && Number.isSafeInteger(target) && target >= 0) {
    file.target = target;
  } else if (typeof target === 'string' && target !== '' && !CONTROL_CHARACTERS.test(target)) {
    file.target = target;
  } else if (target !== undefined && target !== null) {
    problems.push({
      path: ['target'],
      message: `target must be a stage id or name, or a stage number (0 or more), not ${describeValue(target)}`,
    });
  }
  const answers = own(data, 'answers');
  if (answers === undefined) {
    problems.push({
      path: [],
      message: 'missing required field "answers" (use {} when nothing is answered yet)',
    });
  } else if (answers instanceof Map) {
    // The fast parser's own Map of the answers (parseSimpleYaml's answersMap): read in place, each
    // raw value replaced by its answer, blank ones dropped; no second Map is made.
    const read = answers as Map<string, unknown>;
    file.ids = [...read.keys()];
    for (const [id, raw] of read) {
      const answer = readAnswer(raw, id, problems);
      if (answer) read.set(id, answer);
      else read.delete(id);
    }
    file.answers = read as Map<string, Answer>;
  } else if (!isMapping(answers)) {
    problems.push({
      path: ['answers'],
      message: `answers must be a mapping of question ids to values, not ${describeValue(answers)}`,
    });
  } else {
    file.ids = Object.keys(answers);
    for (const id of file.ids) {
      const answer = readAnswer(answers[id], id, problems);
      if (answer) file.answers.set(id, answer);
    }
  }
  return problems.length > 0 ? { problems } : { file, problems };
}

function readAnswer(raw: unknown, id: string, problems: PathProblem[]): Answer | undefined {
  if (raw === null) return undefined;
  // The common case first, and no path made unless there is a problem: this runs for every answer.
  if (typeof raw === 'number' && Number.isFinite(raw)) return plainAnswer(raw);
  const path = ['answers', id];
  if (isMapping(raw)) {
    let ok = true;
    for (const key of Object.keys(raw)) {
      if (!ANSWER_KEYS.has(key)) {
        problems.push({
          path: [...path, key],
          message: `unknown key ${quote(key)} in an answer (use "value" and "note")`,
          at: 'key',
        });
        ok = false;
      }
    }
    const note = own(raw, 'note');
    if (note !== undefined && note !== null && typeof note !== 'string') {
      problems.push({
        path: [...path, 'note'],
        message: `note must be a string, not ${describeValue(note)}`,
      });
      ok = false;
    } else if (typeof note === 'string' && CONTROL_CHARACTERS.test(note)) {
      problems.push({ path: [...path, 'note'], message: `note ${NO_CONTROL_CHARACTERS}` });
      ok = false;
    }
    if (!Object.prototype.hasOwnProperty.call(raw, 'value')) {
      problems.push({
        path,
        message: `missing required field "value" in the answer to ${quote(String(path[path.length - 1]))}`,
      });
      return undefined;
    }
    const value = own(raw, 'value');
    if (value === null) return undefined;
    if (!isAnswerValue(value)) {
      problems.push({ path: [...path, 'value'], message: valueMessage(value) });
      return undefined;
    }
    if (!ok) return undefined;
    return typeof note === 'string' ? { value, note } : plainAnswer(value);
  }
  if (!isAnswerValue(raw)) {
    problems.push({ path, message: valueMessage(raw) });
    return undefined;
  }
  return plainAnswer(raw);
}

function isAnswerValue(value: unknown): value is number | 'n/a' {
  return (typeof value === 'number' && Number.isFinite(value)) || value === 'n/a';
}

function valueMessage(value: unknown): string {
  return `an answer must be a number on the scale, "n/a" or { value, note }, not ${describeValue(value)}`;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function own(node: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(node, key) ? node[key] : undefined;
}

/**
 * Answers that are a bare number, one object per number: nearly every answer is one of a scale's
 * few levels, answers are never changed once read, and a batch (or a team held to the end) would
 * otherwise make one object per answer of every file.
 */
const plainAnswers = new Map<number, Answer>();
const NOT_APPLICABLE: Answer = { value: 'n/a' };

/** The shared answer of a value without a note: one object per number, and one for n/a. */
export function plainAnswer(value: AnswerValue): Answer {
  if (value === 'n/a') return NOT_APPLICABLE;
  // -0 gets its own object: a map takes -0 and 0 for one key.
  if (Object.is(value, -0)) return { value };
  let answer = plainAnswers.get(value);
  if (answer === undefined) {
    answer = { value };
    // The numbers seen stay few (a scale's levels); past a bound, answers are made as they come.
    if (plainAnswers.size < 1_000) plainAnswers.set(value, answer);
  }
  return answer;
}
