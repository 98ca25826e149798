import { dirname, isAbsolute, resolve } from 'node:path';
import { UserError, type Problem } from '../errors.js';
import { loadAnswersFile } from '../answers/load-answers.js';
import type { AnswersFile } from '../answers/types.js';
import { checkAnswersAgainstRubric } from '../answers/validate-answers.js';
import { assess } from '../engine/score.js';
import { DEFAULT_RUBRIC, looksLikePath, resolveRubric } from '../rubric/builtin.js';
import type { Rubric } from '../rubric/types.js';
import type { ScoredFile } from '../report/types.js';

/** Options shared by everything that scores answers. */
export interface ScoringOptions {
  /** `--rubric`, resolved against the working directory; else each file's `rubric:` field. */
  rubric?: string;
  moves?: number;
  strict?: boolean;
}

/** The outcome of scoring one file: a result, or the problems that stopped it; warnings either way. */
export interface FileOutcome {
  result?: ScoredFile;
  problems: Problem[];
  warnings: string[];
}

/** Loads rubrics once per reference, however many answers files name them. */
export class RubricCache {
  private readonly cache = new Map<string, Promise<Rubric>>();

  constructor(private readonly cwd: string) {}

  /** The rubric for `ref` (a built-in id, or a path relative to `baseDir`), default when undefined. */
  get(ref: string | undefined, baseDir: string = this.cwd): Promise<Rubric> {
    const name = ref ?? DEFAULT_RUBRIC;
    const key = looksLikePath(name) && !isAbsolute(name) ? resolve(baseDir, name) : name;
    let rubric = this.cache.get(key);
    if (!rubric) {
      rubric = resolveRubric(name, baseDir).then((resolved) => resolved.rubric);
      this.cache.set(key, rubric);
    }
    return rubric;
  }
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
    const source = await loadAnswersFile(resolve(cwd, file), file);
    if (!source.answers) return { problems: source.problems, warnings };
    const answers = source.answers;
    let rubric: Rubric;
    if (options.rubric !== undefined) {
      rubric = await rubrics.get(options.rubric);
    } else {
      try {
        rubric = await rubrics.get(answers.rubric, dirname(resolve(cwd, file)));
      } catch (error) {
        // A rubric named by the file that cannot be found is the file's problem: point at the field.
        if (!(error instanceof UserError) || error.problems.length > 0) throw error;
        return {
          problems: await source.position([{ path: ['rubric'], message: error.message }]),
          warnings,
        };
      }
    }
    warnings.push(...rubricWarnings(file, answers, rubric, options.rubric !== undefined));
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
    ...(answers.organization !== undefined && { organization: answers.organization }),
    ...(answers.unit !== undefined && { unit: answers.unit }),
    ...(answers.respondent !== undefined && { respondent: answers.respondent }),
    ...(answers.role !== undefined && { role: answers.role }),
    ...(answers.assessedAt !== undefined && { assessedAt: answers.assessedAt }),
    rubric,
    assessment: assess(
      rubric,
      answers.answers,
      options.moves === undefined ? {} : { moves: options.moves },
    ),
  };
}

function rubricWarnings(
  file: string,
  answers: AnswersFile,
  rubric: Rubric,
  overridden: boolean,
): string[] {
  const warnings: string[] = [];
  if (
    overridden &&
    answers.rubric !== undefined &&
    !looksLikePath(answers.rubric) &&
    answers.rubric !== rubric.id
  ) {
    warnings.push(
      `${file}: warning: the file names rubric "${answers.rubric}" but is scored with "${rubric.id}" (--rubric)`,
    );
  }
  if (answers.rubricVersion !== undefined && answers.rubricVersion !== rubric.version) {
    warnings.push(
      `${file}: warning: answers were given for ${rubric.id} ${answers.rubricVersion}; scoring with version ${rubric.version}`,
    );
  }
  return warnings;
}
