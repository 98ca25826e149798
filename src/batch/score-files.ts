import { resolve } from 'node:path';
import { loadAnswersFile } from '../answers/load.js';
import { UserError, type Problem } from '../problems/user-error.js';
import { metadataOf, type AnswersFile } from '../answers/types.js';
import { checkAnswersAgainstRubric } from '../answers/check.js';
import { assessAnswers } from '../engine/analyse.js';
import { rubricForAnswers, rubricWarnings, type RubricCache } from './rubric-cache.js';
import type { Rubric } from '../rubric/types.js';
import type { ScoredFile } from '../report/types.js';

/** Options shared by everything that scores answers. */
export interface ScoringOptions {
  /** `--rubric`, resolved against the working directory; else each file's `rubric:` field. */
  rubric?: string;
  moves?: number;
  strict?: boolean;
  /** Files a glob of the tool's found, not the user: only regular files are read (see ReadOptions). */
  found?: ReadonlySet<string>;
}

/** The outcome of scoring one file: a result, or the problems that stopped it; warnings either way. */
export interface FileOutcome {
  result?: ScoredFile;
  problems: Problem[];
  warnings: string[];
}

/** A file's outcome, named. */
export interface NamedOutcome extends FileOutcome {
  /** The file as given (after glob expansion). */
  file: string;
}

/**
 * Scores files one after the other, yielding each outcome in the order given; only one file's data
 * is held at a time, so a batch of any size runs in flat memory.
 */
export async function* scoreFiles(
  files: Iterable<string>,
  cwd: string,
  rubrics: RubricCache,
  options: ScoringOptions,
): AsyncGenerator<NamedOutcome> {
  for (const file of files) yield { file, ...(await scoreFile(file, cwd, rubrics, options)) };
}

/** Reads, validates and scores one answers file. User errors become problems; bugs are thrown. */
export async function scoreFile(
  file: string,
  cwd: string,
  rubrics: RubricCache,
  options: ScoringOptions,
): Promise<FileOutcome> {
  const warnings: string[] = [];
  try {
    const path = resolve(cwd, file);
    const source = await loadAnswersFile(path, file, { regularOnly: options.found?.has(file) });
    if (!source.answers) return { problems: source.problems, warnings };
    const answers = source.answers;
    const rubric = await rubricForAnswers(rubrics, path, options.rubric, source);
    warnings.push(...rubricWarnings(file, answers, rubric, options.rubric));
    const problems = checkAnswersAgainstRubric(answers, rubric, {
      strict: options.strict ?? false,
    });
    if (problems.length > 0) return { problems: await source.position(problems), warnings };
    return { result: scoredFile(file, answers, rubric, options), problems: [], warnings };
  } catch (error) {
    if (error instanceof UserError) {
      return { problems: error.lines().map((message) => ({ path: '', message })), warnings };
    }
    throw error;
  }
}

/** Scores answers already in memory (the interview uses this) into a reporter's input. */
export function scoredFile(
  source: string,
  answers: AnswersFile,
  rubric: Rubric,
  options: ScoringOptions,
): ScoredFile {
  return {
    source,
    ...metadataOf(answers),
    rubric,
    assessment: assessAnswers(
      rubric,
      answers.answers,
      options.moves === undefined ? {} : { moves: options.moves },
    ),
  };
}
