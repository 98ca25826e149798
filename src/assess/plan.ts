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
import { metadataFromFlags } from '../answers/metadata.js';
import { metadataOf } from '../answers/types.js';
import { RubricCache, rubricForAnswers, rubricWarnings } from '../batch/rubric-cache.js';
import type { Answer } from '../engine/types.js';
import { localDate } from '../format/dates.js';
import { fileArgument, programWords, shellCommand } from '../format/shell.js';
import { textWidth, wrapLines } from '../format/wrap.js';
import type { Io } from '../io.js';
import { escapeControls } from '../problems/describe.js';
import { UserError } from '../problems/user-error.js';
import { findStageByReference, stageReference, type StageMatch } from '../rubric/query.js';
import { rubricReference } from '../rubric/resolve.js';
import type { Rubric } from '../rubric/types.js';
import { firstUnanswered, questionSteps, SECONDS_PER_QUESTION } from './interview.js';

export interface AssessOptions {
  rubric?: string;
  resume?: boolean;
  force?: boolean;
  /** A stage (number, id or name) to start at; with `resume`, the only stage reviewed. */
  stage?: string;
  /** Metadata to pre-fill (a team's files are collected one respondent at a time). */
  organization?: string;
  unit?: string;
  respondent?: string;
  role?: string;
  /** The stage to aim for (id, name or number), saved as `target:`. */
  target?: string;
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
  /** Ask organization, unit, respondent and role first: unless continuing a file that has some. */
  askMetadata: boolean;
  /** Where the organization, unit, respondent and role come from when they are not asked. */
  metadataFrom?: 'file' | 'flags' | 'file and flags';
  /** The stage of `--stage`, if given. */
  stage?: StageMatch;
  /** Review only `stage` (`--resume --stage`). */
  stageOnly: boolean;
  /** The words that run this program again, as the user started it (`maturity`, `npx maturity`). */
  program: string[];
}

/** Reads and checks the answers file (if any) and the rubric; every problem is a UserError (exit 2). */
export async function planSession(
  io: Io,
  file: string,
  path: string,
  options: AssessOptions,
): Promise<SessionPlan> {
  const program = programWords(io.env);
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
          hint: startOverHint(file, path, options, program),
        });
      }
    }
    if (source && !source.answers && !options.force) {
      throw new UserError(`${file}: not a valid answers file`, {
        problems: source.problems,
        hint: startOverHint(file, path, options, program),
      });
    }
  }
  const existing = source?.answers;
  const rubric = await rubricForAnswers(new RubricCache(io.cwd), path, options.rubric, source);
  const where = { answers: path, cwd: io.cwd };
  for (const warning of existing
    ? rubricWarnings(file, existing, rubric, options.rubric, where)
    : []) {
    io.stderr.write(`${escapeControls(warning)}\n`);
  }

  // Flags pre-fill who is answering (and then the interview does not ask it again).
  const flags = metadataFromFlags(options);
  const flagged = Object.keys(flags).length > 0;
  let target: string | number | undefined = existing?.target;
  if (options.target !== undefined) {
    const found = stageReference(rubric, options.target, '--target');
    if ('problem' in found) throw new UserError(`maturity: ${found.problem}`);
    target = found.number === 0 ? 0 : rubric.stages[found.number - 1]!.id;
  }
  const header: AnswersHeader = {
    rubric:
      options.rubric !== undefined
        ? rubricReference(options.rubric, io.cwd, dirname(path))
        : (existing?.rubric ?? rubric.id),
    rubricVersion: rubric.version,
    // Who answered stays; the date is today's.
    ...(existing && metadataOf(existing)),
    ...flags,
    ...(target !== undefined && { target }),
    assessedAt: localDate(io.now()),
  };
  const stage = stageOption(rubric, options.stage);
  const steps = questionSteps(rubric);
  const stageStart = stage ? steps.findIndex((step) => step.stageIndex === stage.number - 1) : 0;
  const fresh = {
    rubric,
    answersOnDisk: existing?.answers.size,
    header,
    answers: new Map(),
    start: stageStart,
    askMetadata: Boolean(options.resume) || !flagged,
    metadataFrom: 'flags' as const,
    ...(stage && { stage }),
    stageOnly: false,
    program,
  };
  // Starting over: the old answers are dropped, so they need not fit the rubric (or even be valid).
  if (found && options.force) return { ...fresh, mode: 'force' };
  if (!existing) return { ...fresh, mode: 'new' };

  // --target replaces the file's target: a stage the rubric lacks there is fixed as it is saved.
  const problems = checkAnswersAgainstRubric(existing, rubric, {
    targetOverridden: options.target !== undefined,
  });
  if (problems.length > 0) {
    throw new UserError(`${file}: answers do not fit rubric ${rubric.id}`, {
      problems: await source!.position(problems),
    });
  }
  const answers = existing.answers;
  const finished = firstUnanswered(rubric, answers) === steps.length;
  if (finished && !options.resume) {
    throw new UserError(
      `${file}: every question is answered already; use --resume to go through it again, or --force to start over`,
    );
  }
  const reviewing = { ...fresh, mode: 'review' as const, answers, askMetadata: true };
  if (options.resume && stage) return { ...reviewing, stageOnly: true };
  if (finished) return reviewing;
  // Continuing: straight to the first unanswered question (of the stage asked for, if any); who
  // is answering is asked again only with --resume, or when the file does not say.
  const inStage = stage
    ? steps.find((step) => step.stageIndex === stage.number - 1 && !answers.has(step.question.id))
    : undefined;
  return {
    ...fresh,
    mode: 'continue',
    answers,
    start: stage ? (inStage?.index ?? stageStart) : firstUnanswered(rubric, answers),
    askMetadata: Boolean(options.resume) || !hasMetadata(header),
    metadataFrom: metadataSource(hasMetadata(metadataOf(existing)), flagged),
  };
}

function stageOption(rubric: Rubric, value: string | undefined): StageMatch | undefined {
  if (value === undefined) return undefined;
  const found = findStageByReference(rubric, value, '--stage');
  if ('problem' in found) throw new UserError(`maturity: ${found.problem}`);
  return found;
}

function metadataSource(inFile: boolean, flagged: boolean): SessionPlan['metadataFrom'] {
  if (!inFile) return 'flags';
  return flagged ? 'file and flags' : 'file';
}

function hasMetadata(header: Partial<Record<MetadataKey, string>>): boolean {
  return METADATA_KEYS.some((key) => header[key] !== undefined);
}

const METADATA_KEYS = ['organization', 'unit', 'respondent', 'role'] as const;

type MetadataKey = (typeof METADATA_KEYS)[number];

/**
 * What the interview says before the first prompt, in lines of at most `width` columns: the
 * rubric, what happens to the file, how many questions and about how long, that the report comes
 * at the end, and how to stop and continue.
 */
export function introduction(file: string, plan: SessionPlan, total: number, width = 80): string {
  const { rubric, stage } = plan;
  // The file as the user typed it, escaped for the terminal (commands quote it themselves).
  const name = escapeControls(file);
  const lines = [
    `${rubric.title} (${rubric.id} ${rubric.version}): ${rubric.stages.length} stages, ${total} questions.`,
  ];
  const stageName =
    stage && `stage ${stage.number} of ${rubric.stages.length} (${stage.stage.name})`;
  const toAsk = questionsToAsk(plan, total);
  let count = `${total} questions`;
  switch (plan.mode) {
    case 'new':
      lines.push(`Saving to ${name} after every answer.`);
      break;
    case 'force':
      lines.push(`Starting over: saving fresh answers to ${name} after every answer.`);
      break;
    case 'continue': {
      const where = stageName
        ? `${stageName}, question ${plan.start + 1}`
        : `question ${plan.start + 1}`;
      lines.push(
        `Continuing ${name} (${plan.answers.size} of ${total} answered) at ${where}. Saving after every answer.`,
      );
      count = `${plural(toAsk, 'question')} to go`;
      break;
    }
    case 'review':
      lines.push(
        plan.stageOnly
          ? `Reviewing ${stageName} in ${name}; ⏎ keeps an answer. Saving after every answer.`
          : `Reviewing ${name}: every question is answered; ⏎ keeps an answer. Saving after every answer.`,
      );
      count = `${plural(toAsk, 'question')} to review`;
      break;
  }
  if (stageName && (plan.mode === 'new' || plan.mode === 'force')) {
    lines.push(`Starting at ${stageName}, question ${plan.start + 1}.`);
  }
  lines.push(
    `${count}, ${duration(toAsk * SECONDS_PER_QUESTION)} (about ${SECONDS_PER_QUESTION} s each); the report comes at the end.`,
  );
  if (!plan.askMetadata) {
    const who = METADATA_KEYS.flatMap((key) => plan.header[key] ?? []).join(' · ');
    const from = {
      file: 'from the file',
      flags: 'from the command line',
      'file and flags': 'from the file and the command line',
    }[plan.metadataFrom ?? 'file'];
    // --resume asks again when continuing a file; a new file or one started over has no such hint.
    const again = plan.mode === 'continue' ? '; --resume asks again' : '';
    lines.push(`Answering for ${who} (${from}${again}).`);
  }
  if (plan.mode === 'new' && file === DEFAULT_ANSWERS_FILE) {
    lines.push(`(To save elsewhere: ${shellCommand(...plan.program, 'assess')} <file>)`);
  }
  const again = resumeCommand(plan.program, file, plan.mode === 'review' ? ['--resume'] : []);
  const text = lines.flatMap((line) => wrapLines(line, width));
  text.push(...withCommand('Stop any time with Ctrl-C; continue later with:', again, width));
  return `${text.join('\n')}\n\n`;
}

/** How many questions the plan will ask, for the estimate. */
function questionsToAsk(plan: SessionPlan, total: number): number {
  if (plan.mode !== 'review') return total - plan.answers.size;
  if (!plan.stageOnly || !plan.stage) return total;
  return plan.stage.stage.tenets.reduce((sum, tenet) => sum + tenet.questions.length, 0);
}

/** About how long, rounded: "under a minute", "about a minute", "about 18 minutes". */
function duration(seconds: number): string {
  if (seconds < 60) return 'under a minute';
  const minutes = Math.round(seconds / 60);
  if (minutes === 1) return 'about a minute';
  if (minutes < 120) return `about ${minutes} minutes`;
  return `about ${Math.round(minutes / 60)} hours`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * A sentence that ends in a command, in lines of at most `width` columns: the command on the
 * last line when it fits there, else on a line of its own, indented, so it is never broken.
 */
function withCommand(lead: string, command: string, width: number): string[] {
  const lines = wrapLines(lead, width);
  const last = lines.at(-1)!;
  if (textWidth(last) + 1 + textWidth(command) <= width) {
    lines[lines.length - 1] = `${last} ${command}`;
  } else {
    lines.push(`  ${command}`);
  }
  return lines;
}

/**
 * What Ctrl-C prints: what is on disk now, and the command that carries on from there, in lines
 * of at most `width` columns.
 */
export function stoppedMessage(
  file: string,
  total: number,
  saved: number | undefined,
  plan: SessionPlan,
  options: AssessOptions,
  width = 80,
): string {
  const name = escapeControls(file);
  const again = (flags: string[]) => resumeCommand(plan.program, file, flags);
  const message = (status: string, lead: string, command: string) =>
    `\n${[...wrapLines(status, width), ...withCommand(lead, command, width)].join('\n')}\n`;
  if (saved !== undefined) {
    return message(
      `Stopped. ${saved} of ${total} answers are saved in ${name}.`,
      'Continue with:',
      again(saved === total ? ['--resume'] : []),
    );
  }
  if (plan.mode === 'force') {
    const count =
      plan.answersOnDisk === undefined ? '' : ` (${plan.answersOnDisk} of ${total} answered)`;
    return message(
      `Stopped; ${name} is unchanged${count}.`,
      'Start over with:',
      again(['--force', ...rubricFlag(options)]),
    );
  }
  if (plan.answersOnDisk === undefined) {
    return message(
      'Stopped before anything was saved.',
      'Start again with:',
      again(rubricFlag(options)),
    );
  }
  return message(
    `Stopped; ${name} is unchanged (${plan.answersOnDisk} of ${total} answered).`,
    'Continue with:',
    again(plan.mode === 'review' ? ['--resume'] : []),
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
function startOverHint(
  file: string,
  path: string,
  options: AssessOptions,
  program: string[],
): string {
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
  return `Fix it, or start over with: ${resumeCommand(program, file, ['--force', ...flags])}`;
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

/** `maturity assess FILE FLAGS`, started the way this run was (`npx maturity …` under npm). */
function resumeCommand(program: string[], file: string, extra: string[]): string {
  return shellCommand(...program, 'assess', fileArgument(file), ...extra);
}
