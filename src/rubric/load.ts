import { sortProblems } from '../problems/describe.js';
import { problemsFromZod } from '../problems/from-zod.js';
import { UserError, type Problem } from '../problems/user-error.js';
import { parseYaml } from '../source/parse-yaml.js';
import { readTextFile, type ReadOptions } from '../source/read-text.js';
import { normalizeRubric } from './normalise.js';
import { semanticProblems } from './rules.js';
import { rubricSchema } from './schema.js';
import type { Rubric } from './types.js';

/** The outcome of checking a rubric: a rubric when there are no problems. */
export interface RubricCheck {
  rubric?: Rubric;
  problems: Problem[];
}

/** Parses and validates rubric text (YAML or JSON), collecting every problem with its position. */
export function checkRubricText(text: string, file: string): RubricCheck {
  const doc = parseYaml(text, file);
  if (doc.problems.length > 0) return { problems: doc.problems };
  const data = doc.value;
  if (data === null || data === undefined) {
    return {
      problems: [{ file, path: '', message: 'the rubric file is empty', line: 1, column: 1 }],
    };
  }
  const parsed = rubricSchema.safeParse(data);
  const problems = parsed.success
    ? []
    : problemsFromZod(parsed.error.issues, data, doc.locate, file);
  problems.push(...semanticProblems(data, doc, file));
  if (problems.length > 0 || !parsed.success) return { problems: sortProblems(problems) };
  return { rubric: normalizeRubric(parsed.data), problems: [] };
}

/** Reads, parses and validates a rubric file; throws a UserError listing every problem. */
export function loadRubricFile(
  path: string,
  file: string = path,
  options: ReadOptions = {},
): Rubric {
  const { rubric, problems } = checkRubricText(readTextFile(path, file, options), file);
  if (!rubric) throw new UserError(`${file}: invalid rubric`, { problems });
  return rubric;
}
