import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  openSync,
  readSync,
  statSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { checkAnswersAgainstRubric } from '../answers/check.js';
import { loadAnswersFile, type AnswersSource } from '../answers/load.js';
import type { AnswersHeader } from '../answers/serialize.js';
import { metadataOf } from '../answers/types.js';
import { RubricCache, rubricForAnswers, rubricWarnings } from '../batch/rubric-cache.js';
import type { Answer } from '../engine/types.js';
import { localDate } from '../format/dates.js';
import { fileArgument, shellCommand } from '../format/shell.js';
import type { Io } from '../io.js';
import { escapeControls } from '../problems/describe.js';
import { UserError } from '../problems/user-error.js';
import { rubricReference } from '../rubric/resolve.js';
import type { Rubric } from '../rubric/types.js';
import { firstUnanswered, questionSteps } from './interview.js';

export interface AssessOptions {
  rubric?: string;
  resume?: boolean;
  force?: boolean;
  color?: boolean;
}

/** The file `assess` saves to when none is given (commander's default for the argument). */
export const DEFAULT_ANSWERS_FILE = 'maturity-answers.yaml';

/** What the interview starts from. */
export interface SessionPlan {
  rubric: Rubric;
  /** new: no file yet; force: starting over; continue: an unfinished file; review: --resume on a finished one. */
  mode: 'new' | 'force' | 'continue' | 'review';
  /** How many answers the file held when the command started; undefined when there was no valid file. */
  answersOnDisk: number | undefined;
  answers: ReadonlyMap<string, Answer>;
  header: AnswersHeader;
  start: number;
}

/** Reads and checks the answers file (if any) and the rubric; every problem is a UserError (exit 2). */
export async function planSession(
  io: Io,
  file: string,
  path: string,
  options: AssessOptions,
): Promise<SessionPlan> {
  // A file that is not a valid answers file (or not even text) is only replaced when asked to start
  // over; it is read as empty then.
  const found = existsSync(path);
  let source: AnswersSource | undefined;
  if (found) {
    try {
      source = await loadAnswersFile(path, file);
    } catch (error) {
      if (!(error instanceof UserError && isReadableFile(path))) throw error;
      if (!options.force) {
        throw new UserError(error.message, {
          problems: error.problems,
          hint: startOverHint(file, path, options),
        });
      }
    }
    if (source && !source.answers && !options.force) {
      throw new UserError(`${file}: not a valid answers file`, {
        problems: source.problems,
        hint: startOverHint(file, path, options),
      });
    }
  }
  const existing = source?.answers;
  const rubric = await rubricForAnswers(new RubricCache(io.cwd), path, options.rubric, source);
  for (const warning of existing ? rubricWarnings(file, existing, rubric, options.rubric) : []) {
    io.stderr.write(`${escapeControls(warning)}\n`);
  }

  const header: AnswersHeader = {
    rubric:
      options.rubric !== undefined
        ? rubricReference(options.rubric, io.cwd, dirname(path))
        : (existing?.rubric ?? rubric.id),
    rubricVersion: rubric.version,
    // Who answered stays; the date is today's.
    ...(existing && metadataOf(existing)),
    assessedAt: localDate(io.now()),
  };
  const fresh = {
    rubric,
    answersOnDisk: existing?.answers.size,
    header,
    answers: new Map(),
    start: 0,
  };
  // Starting over: the old answers are dropped, so they need not fit the rubric (or even be valid).
  if (found && options.force) return { ...fresh, mode: 'force' };
  if (!existing) return { ...fresh, mode: 'new' };

  const problems = checkAnswersAgainstRubric(existing, rubric);
  if (problems.length > 0) {
    throw new UserError(`${file}: answers do not fit rubric ${rubric.id}`, {
      problems: await source!.position(problems),
    });
  }
  const start = firstUnanswered(rubric, existing.answers);
  const finished = start === questionSteps(rubric).length;
  if (finished && !options.resume) {
    throw new UserError(
      `${file}: every question is answered already; use --resume to go through it again, or --force to start over`,
    );
  }
  return {
    ...fresh,
    mode: finished ? 'review' : 'continue',
    answers: existing.answers,
    start: finished ? 0 : start,
  };
}

export function introduction(file: string, plan: SessionPlan, total: number): string {
  const { rubric } = plan;
  // The file as the user typed it, escaped for the terminal (commands quote it themselves).
  const name = escapeControls(file);
  const lines = [
    `${rubric.title} (${rubric.id} ${rubric.version}): ${rubric.stages.length} stages, ${total} questions.`,
  ];
  switch (plan.mode) {
    case 'new':
      lines.push(`Saving to ${name} after every answer.`);
      if (file === DEFAULT_ANSWERS_FILE) lines.push('(To save elsewhere: maturity assess <file>)');
      break;
    case 'force':
      lines.push(`Starting over: saving fresh answers to ${name} after every answer.`);
      break;
    case 'continue':
      lines.push(
        `Continuing ${name} (${plan.answers.size} of ${total} answered) at question ${plan.start + 1}.`,
      );
      break;
    case 'review':
      lines.push(`Reviewing ${name}: every question is answered; ⏎ keeps an answer.`);
      break;
  }
  const again = resumeCommand(file, plan.mode === 'review' ? ['--resume'] : []);
  lines.push(`Stop any time with Ctrl-C; continue later with: ${again}`);
  return `${lines.join('\n')}\n\nFirst, who is answering? (optional; ⏎ skips)\n`;
}

/** What Ctrl-C prints: what is on disk now, and the command that carries on from there. */
export function stoppedMessage(
  file: string,
  total: number,
  saved: number | undefined,
  plan: SessionPlan,
  options: AssessOptions,
): string {
  const name = escapeControls(file);
  if (saved !== undefined) {
    const again = resumeCommand(file, saved === total ? ['--resume'] : []);
    return `\nStopped. ${saved} of ${total} answers are saved in ${name}.\nContinue with: ${again}\n`;
  }
  if (plan.mode === 'force') {
    const count =
      plan.answersOnDisk === undefined ? '' : ` (${plan.answersOnDisk} of ${total} answered)`;
    return (
      `\nStopped; ${name} is unchanged${count}.\n` +
      `Start over with: ${resumeCommand(file, ['--force', ...rubricFlag(options)])}\n`
    );
  }
  if (plan.answersOnDisk === undefined) {
    const again = resumeCommand(file, rubricFlag(options));
    return `\nStopped before anything was saved.\nStart again with: ${again}\n`;
  }
  const flags = plan.mode === 'review' ? ['--resume'] : [];
  return (
    `\nStopped; ${name} is unchanged (${plan.answersOnDisk} of ${total} answered).\n` +
    `Continue with: ${resumeCommand(file, flags)}\n`
  );
}

/** A regular file we may read: its content, not its place, is what stops it being read. */
function isReadableFile(path: string): boolean {
  try {
    accessSync(path, constants.R_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * The command that starts a broken file over. A broken file is not read as answers, so its
 * `rubric:` line is looked for in the raw text, to keep the rubric it was written for.
 */
function startOverHint(file: string, path: string, options: AssessOptions): string {
  let rubric = options.rubric;
  if (rubric === undefined) {
    try {
      const line = /^rubric:[ \t]*(.*?)[ \t]*$/m.exec(fileHead(path))?.[1];
      const bare = line?.replace(/^(["'])(.*)\1$/, '$2');
      if (bare) rubric = bare;
    } catch {
      // Unreadable after all: no rubric to suggest.
    }
  }
  const flags = rubric === undefined ? [] : ['--rubric', rubric];
  return `Fix it, or start over with: ${resumeCommand(file, ['--force', ...flags])}`;
}

/** The first 64 KB of a file as text (invalid bytes replaced): enough to find a top-level key. */
function fileHead(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    return buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, 0)).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** `--rubric <ref>` again when it was given: a new or replaced file needs it to start the same way. */
function rubricFlag(options: AssessOptions): string[] {
  return options.rubric !== undefined ? ['--rubric', options.rubric] : [];
}

function resumeCommand(file: string, extra: string[]): string {
  return shellCommand('maturity', 'assess', fileArgument(file), ...extra);
}
