import { resolve } from 'node:path';
import { loadAnswersFile, parseAnswersText } from '../answers/load.js';
import { readTextFile, readTextStream } from '../source/read-text.js';
import { STDIN, type FileSet } from './expand.js';
import { UserError, type Problem } from '../problems/user-error.js';
import { metadataOf, type AnswersFile } from '../answers/types.js';
import { checkAnswersAgainstRubric, targetProblem } from '../answers/check.js';
import { assessAnswers, assessStanding, memberStanding } from '../engine/analyse.js';
import type { MemberScores } from '../engine/combine.js';
import { rubricForAnswers, rubricWarnings, type RubricCache } from './rubric-cache.js';
import { stageReference } from '../rubric/query.js';
import type { Rubric } from '../rubric/types.js';
import type { Result, StandingResult } from '../report/types.js';

/** Options shared by everything that scores answers. */
export interface ScoringOptions {
  /** `--rubric`, resolved against the working directory; else each file's `rubric:` field. */
  rubric?: string;
  moves?: number;
  strict?: boolean;
  /** Standard input, for the file `-`. */
  stdin?: AsyncIterable<unknown>;
  /** `--target`, resolved per rubric (a stage number, or why the rubric has none such). */
  target?: (rubric: Rubric) => number | string | undefined;
  /** For a team: the member's standing only (memberStanding), not a whole result. */
  member?: boolean;
  /** For a reporter that reads nothing else: each file's standing (assessStanding), not its whole
   *  result. */
  standing?: boolean;
  /** Files a glob of the tool's found, not the user: only regular files are read (see ReadOptions). */
  found?: FileSet;
}

/** The outcome of scoring one file: a result, or the problems that stopped it; warnings either way. */
export interface FileOutcome {
  result?: Result;
  /** With the `standing` option, instead of a result: the file's standing. */
  standing?: StandingResult;
  /** With the `member` option, instead of a result: the member's standing and its rubric. */
  member?: { rubric: Rubric; scores: MemberScores };
  /** The file's answers, when it scored as a result or a member (teams combine them). */
  answers?: AnswersFile;
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
  for (const file of files) {
    const outcome = await scoreFile(file, cwd, rubrics, options);
    yield { file: file === STDIN ? STDIN_NAME : file, ...outcome };
  }
}

/** How standard input is named in reports and messages. */
export const STDIN_NAME = '<stdin>';

async function readStdin(options: ScoringOptions): Promise<string> {
  if (!options.stdin) throw new UserError(`maturity: ${STDIN_NAME} is not available here`);
  return readTextStream(options.stdin, STDIN_NAME);
}

/** An answers file's text read apart from scoring it (see pool.ts), or the lines saying why not. */
export type ReadAnswers = { text: string } | { lines: string[] };

/** Reads an answers file as scoreFile would; a user error becomes its lines, a bug is thrown. */
export function readAnswers(file: string, cwd: string, found: boolean): ReadAnswers {
  try {
    return { text: readTextFile(resolve(cwd, file), file, { regularOnly: found }) };
  } catch (error) {
    if (error instanceof UserError) return { lines: error.lines() };
    throw error;
  }
}

/**
 * Reads, validates and scores one answers file (`read`: its text, read already). User errors
 * become problems; bugs are thrown.
 */
export async function scoreFile(
  file: string,
  cwd: string,
  rubrics: RubricCache,
  options: ScoringOptions,
  read?: ReadAnswers,
): Promise<FileOutcome> {
  const warnings: string[] = [];
  if (read && 'lines' in read) {
    return { problems: read.lines.map((message) => ({ path: '', message })), warnings };
  }
  try {
    // Standard input is named <stdin>; a rubric path in it is relative to the working folder.
    const shown = file === STDIN ? STDIN_NAME : file;
    const path = resolve(cwd, shown);
    const source =
      file === STDIN
        ? await parseAnswersText(await readStdin(options), STDIN_NAME)
        : read
          ? await parseAnswersText(read.text, file)
          : await loadAnswersFile(path, file, { regularOnly: options.found?.has(file) });
    if (!source.answers) return { problems: source.problems, warnings };
    const answers = source.answers;
    const rubric = await rubricForAnswers(rubrics, path, options.rubric, source);
    warnings.push(
      ...rubricWarnings(shown, answers, rubric, options.rubric, { answers: path, cwd }),
    );
    // --target replaces the file's target when the rubric has its stage (else the file's is used).
    const flagTarget = options.target?.(rubric);
    const targetOverridden = typeof flagTarget === 'number';
    const problems = checkAnswersAgainstRubric(answers, rubric, {
      strict: options.strict ?? false,
      targetOverridden,
    });
    if (problems.length > 0) return { problems: await source.position(problems), warnings };
    const unused = targetOverridden ? targetProblem(answers, rubric) : undefined;
    if (unused) {
      const [where] = await source.position([unused]);
      const at = where?.line === undefined ? '' : `:${where.line}:${where.column ?? 1}`;
      // Not escaped, as no warning of a file is: what says it escapes it (see FileWarnings).
      warnings.push(
        `${shown}${at}: warning: ${unused.message}; --target (stage ${flagTarget}) is used instead`,
      );
    }
    if (options.member) {
      const scores = memberStanding(rubric, answers.answers);
      return { member: { rubric, scores }, answers, problems: [], warnings };
    }
    if (options.standing) {
      return { standing: scoredStanding(shown, answers, rubric, options), problems: [], warnings };
    }
    return {
      result: scoredFile(shown, answers, rubric, options),
      answers,
      problems: [],
      warnings,
    };
  } catch (error) {
    if (error instanceof UserError) {
      return { problems: error.lines().map((message) => ({ path: '', message })), warnings };
    }
    throw error;
  }
}

/**
 * Scores answers already in memory (the interview uses this) into a reporter's input. The target
 * is `--target` when given, else the file's `target:` field (checked against the rubric already).
 */
export function scoredFile(
  source: string,
  answers: AnswersFile,
  rubric: Rubric,
  options: ScoringOptions,
): Result {
  const target = targetStageNumber(answers, rubric, options);
  return {
    source,
    ...metadataOf(answers),
    rubric,
    assessment: assessAnswers(rubric, answers.answers, {
      ...(options.moves !== undefined && { moves: options.moves }),
      ...(target !== undefined && { target }),
    }),
  };
}

/** What scoredFile gives, for a reporter that reads only its standing. */
function scoredStanding(
  source: string,
  answers: AnswersFile,
  rubric: Rubric,
  options: ScoringOptions,
): StandingResult {
  const target = targetStageNumber(answers, rubric, options);
  return {
    source,
    ...metadataOf(answers),
    rubric,
    assessment: assessStanding(rubric, answers.answers, target === undefined ? {} : { target }),
  };
}

/** The target stage's number: `--target` when given, else the file's `target:` field, if any. */
function targetStageNumber(
  answers: AnswersFile,
  rubric: Rubric,
  options: ScoringOptions,
): number | undefined {
  const flag = options.target?.(rubric);
  const named =
    answers.target === undefined
      ? undefined
      : stageReference(rubric, String(answers.target), 'target');
  return typeof flag === 'number'
    ? flag
    : named !== undefined && 'number' in named
      ? named.number
      : undefined;
}
