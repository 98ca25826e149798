import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  openSync,
  readSync,
  statSync,
} from 'node:fs';
import { dirname, resolve } from 'node:path';
import { loadAnswersFile, type AnswersSource } from '../answers/load-answers.js';
import { formatAnswersFor, type AnswersHeader } from '../answers/serialize.js';
import { metadataOf, type AnswersFile } from '../answers/types.js';
import { checkAnswersAgainstRubric } from '../answers/validate-answers.js';
import { firstUnanswered, interview, questionSteps } from '../assess/interview.js';
import type { Answer } from '../engine/types.js';
import { ExitCode, UserError } from '../errors.js';
import type { Rubric } from '../rubric/types.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { fileArgument, shellCommand } from '../util/shell.js';
import {
  RubricCache,
  rubricForAnswers,
  rubricReference,
  rubricWarnings,
} from './answers-rubric.js';
import { wantsColor, type Io } from './io.js';

export interface AssessCommandOptions {
  rubric?: string;
  resume?: boolean;
  force?: boolean;
  color?: boolean;
}

/** The file `assess` saves to when none is given (commander's default for the argument). */
export const DEFAULT_ANSWERS_FILE = 'maturity-answers.yaml';

const NO_TERMINAL =
  'maturity assess asks its questions in a terminal, and stdin is not one (piped input or CI).\n' +
  'Without a terminal: write a blank answers file with `maturity template --output answers.yaml`,\n' +
  'fill it in, and score it with `maturity score answers.yaml`.\n';

/**
 * `maturity assess [file]`: the interactive interview. Saves the answers file after every answer,
 * continues an unfinished file, refuses a finished one without --resume or --force, prints the
 * report at the end; exit 130 on Ctrl-C, 2 without a terminal or for an invalid file.
 */
export async function runAssess(
  io: Io,
  file: string = DEFAULT_ANSWERS_FILE,
  options: AssessCommandOptions = {},
): Promise<number> {
  // Before reading anything: in CI or a pipe there is nobody to answer.
  if (!io.stdin.isTTY) {
    io.stderr.write(NO_TERMINAL);
    return ExitCode.usage;
  }
  if (options.resume && options.force) {
    throw new UserError('maturity: --resume and --force cannot be used together');
  }
  const path = resolve(io.cwd, file);
  const plan = await planSession(io, file, path, options);
  const { rubric } = plan;
  const total = questionSteps(rubric).length;
  const color = wantsColor(io, options.color);
  let saved: number | undefined;
  const save = (answers: ReadonlyMap<string, Answer>, header: AnswersHeader) => {
    // Starting over keeps the old file until the first answer: metadata alone must not replace it.
    if (plan.mode === 'force' && answers.size === 0) return;
    writeFileAtomic(path, formatAnswersFor(path, rubric, header, answers), { shown: file });
    saved = answers.size;
  };

  io.stdout.write(introduction(file, plan, total));
  // Inquirer is loaded only now, once the files are known to be good and a prompt will show.
  const { terminalPrompts } = await import('../assess/prompts.js');
  // `kill` or a closed terminal ends the process at once: every confirmed answer is on disk
  // already, so say so (as for Ctrl-C), show the cursor inquirer hid, and exit 128 + signal.
  const stop = (code: number) => () => {
    io.stdout.write('\x1b[?25h');
    io.stderr.write(stoppedMessage(file, total, saved, plan, options));
    process.exit(code);
  };
  const onTerm = stop(143);
  const onHup = stop(129);
  process.once('SIGTERM', onTerm);
  process.once('SIGHUP', onHup);
  let result: AnswersFile;
  try {
    const { header, answers } = await interview({
      rubric,
      answers: plan.answers,
      header: plan.header,
      start: plan.start,
      skipAnswered: plan.mode !== 'review',
      prompts: terminalPrompts(io, { color }),
      save,
      width: Math.min(io.stdout.columns ?? 80, 100),
      color,
    });
    result = { ...header, answers };
  } catch (error) {
    if (!(error instanceof Error && error.name === 'ExitPromptError')) throw error;
    io.stderr.write(stoppedMessage(file, total, saved, plan, options));
    return ExitCode.interrupted;
  } finally {
    process.off('SIGTERM', onTerm);
    process.off('SIGHUP', onHup);
  }

  const [{ render }, { textReporter }, { scoredFile }] = await Promise.all([
    import('../report/index.js'),
    import('../report/text.js'),
    import('./score-files.js'),
  ]);
  io.stdout.write(`\n${render(textReporter, [scoredFile(file, result, rubric, {})], { color })}`);
  io.stdout.write(
    `\nSaved ${file} (${result.answers.size} of ${total} questions answered).\n` +
      `Score it again with: ${shellCommand('maturity', 'score', fileArgument(file))}\n`,
  );
  return ExitCode.ok;
}

/** What the interview starts from. */
interface SessionPlan {
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
async function planSession(
  io: Io,
  file: string,
  path: string,
  options: AssessCommandOptions,
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
    io.stderr.write(`${warning}\n`);
  }

  const header: AnswersHeader = {
    rubric:
      options.rubric !== undefined
        ? rubricReference(options.rubric, io.cwd, dirname(path))
        : (existing?.rubric ?? rubric.id),
    rubricVersion: rubric.version,
    // Who answered stays; the date is today's.
    ...(existing && metadataOf(existing)),
    assessedAt: today(),
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

function introduction(file: string, plan: SessionPlan, total: number): string {
  const { rubric } = plan;
  const lines = [
    `${rubric.title} (${rubric.id} ${rubric.version}): ${rubric.stages.length} stages, ${total} questions.`,
  ];
  switch (plan.mode) {
    case 'new':
      lines.push(`Saving to ${file} after every answer.`);
      if (file === DEFAULT_ANSWERS_FILE) lines.push('(To save elsewhere: maturity assess <file>)');
      break;
    case 'force':
      lines.push(`Starting over: saving fresh answers to ${file} after every answer.`);
      break;
    case 'continue':
      lines.push(
        `Continuing ${file} (${plan.answers.size} of ${total} answered) at question ${plan.start + 1}.`,
      );
      break;
    case 'review':
      lines.push(`Reviewing ${file}: every question is answered; ⏎ keeps an answer.`);
      break;
  }
  const again = resumeCommand(file, plan.mode === 'review' ? ['--resume'] : []);
  lines.push(`Stop any time with Ctrl-C; continue later with: ${again}`);
  return `${lines.join('\n')}\n\nFirst, who is answering? (optional; ⏎ skips)\n`;
}

/** What Ctrl-C prints: what is on disk now, and the command that carries on from there. */
function stoppedMessage(
  file: string,
  total: number,
  saved: number | undefined,
  plan: SessionPlan,
  options: AssessCommandOptions,
): string {
  if (saved !== undefined) {
    const again = resumeCommand(file, saved === total ? ['--resume'] : []);
    return `\nStopped. ${saved} of ${total} answers are saved in ${file}.\nContinue with: ${again}\n`;
  }
  if (plan.mode === 'force') {
    const count =
      plan.answersOnDisk === undefined ? '' : ` (${plan.answersOnDisk} of ${total} answered)`;
    return (
      `\nStopped; ${file} is unchanged${count}.\n` +
      `Start over with: ${resumeCommand(file, ['--force', ...rubricFlag(options)])}\n`
    );
  }
  if (plan.answersOnDisk === undefined) {
    const again = resumeCommand(file, rubricFlag(options));
    return `\nStopped before anything was saved.\nStart again with: ${again}\n`;
  }
  const flags = plan.mode === 'review' ? ['--resume'] : [];
  return (
    `\nStopped; ${file} is unchanged (${plan.answersOnDisk} of ${total} answered).\n` +
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
function startOverHint(file: string, path: string, options: AssessCommandOptions): string {
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
function rubricFlag(options: AssessCommandOptions): string[] {
  return options.rubric !== undefined ? ['--rubric', options.rubric] : [];
}

function resumeCommand(file: string, extra: string[]): string {
  return shellCommand('maturity', 'assess', fileArgument(file), ...extra);
}

/** Today's date in the local time zone, YYYY-MM-DD. */
function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
