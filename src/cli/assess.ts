import { resolve } from 'node:path';
import { colorOptions, loadPaint } from '../format/paint.js';
import { formatAnswersFor, type AnswersHeader } from '../answers/serialize.js';
import type { AnswersFile } from '../answers/types.js';
import { interview, questionSteps } from '../assess/interview.js';
import {
  DEFAULT_ANSWERS_FILE,
  introduction,
  planSession,
  stoppedMessage,
  type AssessOptions,
  type SessionPlan,
} from '../assess/plan.js';
import type { Answer } from '../engine/types.js';
import { fileArgument, programWords, shellCommand } from '../format/shell.js';
import { wrapLines } from '../format/wrap.js';
import { removeStaleTemporaryFiles, writeFileAtomic, writeTarget } from '../fs/atomic-write.js';
import { changedSince, fileState, writtenState } from '../fs/file-state.js';
import { takeLock } from '../fs/lock.js';
import { wantsColor, type Io } from '../io.js';
import { escapeControls } from '../problems/describe.js';
import { ExitCode, UserError } from '../problems/user-error.js';

/** Why there is no interview without a terminal, naming the commands as the user runs them. */
function noTerminal(program: string[]): string {
  const run = (...words: string[]) => shellCommand(...program, ...words);
  return (
    `${run('assess')} asks its questions in a terminal, and stdin is not one (piped input or CI).\n` +
    `Without a terminal: write a blank answers file with \`${run('template', '--output', 'answers.yaml')}\`,\n` +
    `fill it in, and score it with \`${run('score', 'answers.yaml')}\`.\n`
  );
}

/** The width the interview lays its text out in: the terminal's, now, up to 100 columns. */
function layoutWidth(io: Io): number {
  return Math.min(io.stdout.columns ?? 80, 100);
}

/**
 * `maturity assess [file]`: the interactive interview. Saves the answers file after every answer,
 * continues an unfinished file, refuses a finished one without --resume or --force, prints the
 * report at the end; exit 130 on Ctrl-C, 2 without a terminal, for an invalid file, for a file that
 * cannot be written or that another `assess` is answering.
 */
export async function runAssess(
  io: Io,
  file: string = DEFAULT_ANSWERS_FILE,
  options: AssessOptions = {},
): Promise<number> {
  // Before reading anything: in CI or a pipe there is nobody to answer.
  if (!io.stdin.isTTY) {
    io.stderr.write(noTerminal(programWords(io.env)));
    return ExitCode.usage;
  }
  if (options.resume && options.force) {
    throw new UserError('maturity: --resume and --force cannot be used together');
  }
  const path = resolve(io.cwd, file);
  // Before any question: the file must be one we may write (and its folder, where it is replaced)…
  const target = writeTarget(path, { shown: file });
  // …and ours alone while we ask (a device or a pipe has nothing to protect).
  const lock =
    target.kind === 'direct' ? undefined : takeLock(target.path, file, 'maturity assess');
  const release = () => lock?.release();
  let plan: SessionPlan | undefined;
  let total = 0;
  let saved: number | undefined;
  // `kill`, a closed terminal or Ctrl-C outside a prompt ends the process at once: every confirmed
  // answer is on disk already, so say so, show the cursor inquirer hid, and exit 128 + signal.
  const stop = (code: number) => () => {
    release();
    io.stdout.write('\x1b[?25h');
    io.stderr.write(
      plan
        ? stoppedMessage(file, total, saved, plan, options, layoutWidth(io))
        : '\nStopped; nothing was saved.\n',
    );
    process.exit(code);
  };
  const handlers: [NodeJS.Signals, () => void][] = [
    ['SIGTERM', stop(143)],
    ['SIGHUP', stop(129)],
    ['SIGINT', stop(130)],
  ];
  for (const [signal, handler] of handlers) process.once(signal, handler);
  process.once('exit', release);
  let result: AnswersFile;
  try {
    if (target.kind !== 'direct') removeStaleTemporaryFiles(target.path);
    // What the file holds before it is read: a save must never overwrite changes it did not read.
    let known = target.kind === 'direct' ? undefined : fileState(target.path);
    plan = await planSession(io, file, path, options);
    const session = plan;
    const { rubric } = session;
    total = questionSteps(rubric).length;
    const color = wantsColor(io, options.color);
    const paint = await loadPaint(color);
    const save = (answers: ReadonlyMap<string, Answer>, header: AnswersHeader) => {
      // Starting over keeps the old file until the first answer: metadata alone must not replace it.
      if (session.mode === 'force' && answers.size === 0) return;
      if (known && changedSince(target.path, known)) {
        throw new UserError(
          `${escapeControls(file)}: changed by another program since this session last read or saved it; not overwritten. ` +
            `The last answer is not saved. Check the file, then continue with: ${shellCommand(...session.program, 'assess', fileArgument(file))}`,
        );
      }
      const text = formatAnswersFor(path, rubric, header, answers);
      writeFileAtomic(path, text, { shown: file });
      if (known) known = writtenState(target.path, text);
      saved = answers.size;
    };

    io.stdout.write(introduction(file, session, total, layoutWidth(io)));
    // Inquirer is loaded only now, once the files are known to be good and a prompt will show.
    const { terminalPrompts } = await import('../assess/prompts.js');
    try {
      const { header, answers } = await interview({
        rubric,
        answers: session.answers,
        header: session.header,
        start: session.start,
        skipAnswered: session.mode !== 'review',
        askMetadata: session.askMetadata,
        stageOnly: session.stageOnly,
        prompts: terminalPrompts(io, { color }),
        save,
        // Read again for every question: a resized terminal fits from the next question on.
        width: () => layoutWidth(io),
        paint,
      });
      result = { ...header, answers };
    } catch (error) {
      if (!(error instanceof Error && error.name === 'ExitPromptError')) throw error;
      io.stderr.write(stoppedMessage(file, total, saved, session, options, layoutWidth(io)));
      return ExitCode.interrupted;
    }
  } finally {
    for (const [signal, handler] of handlers) process.off(signal, handler);
    process.off('exit', release);
    release();
  }
  const { rubric } = plan;
  const reportOptions = await colorOptions(wantsColor(io, options.color));

  const [{ render }, { textReporter }, { scoredFile }] = await Promise.all([
    import('../report/index.js'),
    import('../report/text.js'),
    import('../batch/score-files.js'),
  ]);
  io.stdout.write(
    `\n${render(textReporter, [scoredFile(file, result, rubric, {})], reportOptions)}`,
  );
  const width = layoutWidth(io);
  const again = shellCommand(...plan.program, 'score', fileArgument(file));
  io.stdout.write(
    `\n${[
      ...wrapLines(
        `Saved ${escapeControls(file)} (${result.answers.size} of ${total} questions answered).`,
        width,
      ),
      ...wrapLines(`Score it again with: ${again}`, width, { rest: '  ' }),
    ].join('\n')}\n`,
  );
  return ExitCode.ok;
}
