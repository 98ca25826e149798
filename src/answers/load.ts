import type { PathProblem, Problem } from '../problems/user-error.js';
import { MAX_UNCOUNTED_LENGTH } from '../source/limits.js';
import type { ParsedDocument } from '../source/parse-yaml.js';
import { readTextFile, type ReadOptions } from '../source/read-text.js';
import { problemPath } from '../problems/describe.js';
import { parseSimpleYaml } from './fast-yaml.js';
import type { AnswersFile } from './types.js';
import { checkAnswersShape } from './shape.js';

/** An answers file read from disk: its data when well formed, and a way to place problems in it. */
export interface AnswersSource {
  /** The path as shown to the user. */
  file: string;
  answers?: AnswersFile;
  /** Problems found so far (syntax and shape). */
  problems: Problem[];
  /** Gives problems found later (e.g. against the rubric) their line and column. */
  position(problems: readonly PathProblem[]): Promise<Problem[]>;
}

/** Reads and parses an answers file (YAML or JSON) and checks its shape; never throws for bad content. */
export async function loadAnswersFile(
  path: string,
  shown: string = path,
  options: ReadOptions = {},
): Promise<AnswersSource> {
  return parseAnswersText(readTextFile(path, shown, options), shown);
}

/** Parses answers text: the fast path for simple YAML, the `yaml` package for everything else. */
export async function parseAnswersText(text: string, file: string): Promise<AnswersSource> {
  let doc: ParsedDocument | undefined;
  const parseFully = async () => {
    if (!doc) {
      const { parseYaml } = await import('../source/parse-yaml.js');
      doc = parseYaml(text, file);
    }
    return doc;
  };
  const position = async (problems: readonly PathProblem[]): Promise<Problem[]> => {
    const parsed = await parseFully();
    // The fast path may accept what `yaml` refuses (e.g. a document over its size limits): then
    // the document's own problems are the ones to report.
    if (parsed.problems.length > 0) return parsed.problems;
    return problems.map((problem) => ({
      file,
      path: problemPath(problem.path),
      message: problem.message,
      ...parsed.locate(problem.locate ?? problem.path, problem.at),
    }));
  };

  let fast = parseSimpleYaml(text, { answersMap: true });
  // A long text may hold more tokens than `yaml` takes: then the fast path steps aside, and the
  // file is refused as it would be with `---` on its first line (which the fast path leaves alone).
  if (fast && text.length > MAX_UNCOUNTED_LENGTH) {
    const { exceedsTokenLimit } = await import('../source/parse-yaml.js');
    if (exceedsTokenLimit(text)) fast = undefined;
  }
  let data: unknown;
  if (fast) {
    data = fast.value;
  } else {
    const parsed = await parseFully();
    if (parsed.problems.length > 0) return { file, problems: parsed.problems, position };
    data = parsed.value;
  }
  const shape = checkAnswersShape(data);
  if (shape.problems.length > 0)
    return { file, problems: await position(shape.problems), position };
  return { file, answers: shape.file!, problems: [], position };
}
