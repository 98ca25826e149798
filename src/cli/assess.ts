import { resolve } from 'node:path';
import { formatAnswersFor, type AnswersHeader } from '../answers/serialize.js';
import type { AnswersFile } from '../answers/types.js';
import { interview, questionSteps } from '../assess/interview.js';
import {
  DEFAULT_ANSWERS_FILE,
  introduction,
  planSession,
  stoppedMessage,
  type AssessOptions,
} from '../assess/plan.js';
import type { Answer } from '../engine/types.js';
import { fileArgument, shellCommand } from '../format/shell.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { wantsColor, type Io } from '../io.js';
import { escapeControls } from '../problems/describe.js';
import { ExitCode, UserError } from '../problems/user-error.js';

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
  options: AssessOptions = {},
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
    import('../batch/score-files.js'),
  ]);
  io.stdout.write(`\n${render(textReporter, [scoredFile(file, result, rubric, {})], { color })}`);
  io.stdout.write(
    `\nSaved ${escapeControls(file)} (${result.answers.size} of ${total} questions answered).\n` +
      `Score it again with: ${shellCommand('maturity', 'score', fileArgument(file))}\n`,
  );
  return ExitCode.ok;
}
