import { dirname, join, resolve } from 'node:path';
import { metadataFromFlags } from '../answers/metadata.js';
import { formatAnswersFor, type AnswersHeader } from '../answers/serialize.js';
import { escapeControls } from '../problems/describe.js';
import { ExitCode, UserError } from '../problems/user-error.js';
import { stageReference } from '../rubric/query.js';
import { resolveRubric, rubricReference } from '../rubric/resolve.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { fileArgument, shellCommand } from '../format/shell.js';
import type { Io } from '../io.js';

export interface TemplateOptions {
  rubric?: string;
  output?: string;
  force?: boolean;
  organization?: string;
  unit?: string;
  respondent?: string;
  role?: string;
  target?: string;
}

/** `maturity template`: a blank answers file for a rubric, to stdout or a file (never clobbered). */
export async function runTemplate(io: Io, options: TemplateOptions): Promise<number> {
  const metadata = metadataFromFlags(options);
  const { rubric } = await resolveRubric(options.rubric, io.cwd);
  let stage: string | undefined;
  if (options.target !== undefined) {
    const found = stageReference(rubric, options.target, '--target');
    if ('problem' in found) throw new UserError(`maturity: ${found.problem}`);
    stage = found.number === 0 ? undefined : rubric.stages[found.number - 1]!.id;
  }
  const target = options.output === undefined ? undefined : resolve(io.cwd, options.output);
  // A rubric given as a path is recorded as given, so the file scores without --rubric.
  const header: AnswersHeader = {
    ...(options.rubric !== undefined && {
      rubric: rubricReference(options.rubric, io.cwd, target ? dirname(target) : io.cwd),
    }),
    ...metadata,
    ...(stage !== undefined && { target: stage }),
  };
  // On standard output: YAML, with the schema linked from the working folder.
  const text = formatAnswersFor(target ?? join(io.cwd, 'answers.yaml'), rubric, header);
  if (!target) {
    io.stdout.write(text);
    return ExitCode.ok;
  }
  writeFileAtomic(target, text, { overwrite: options.force ?? false, shown: options.output! });
  io.stderr.write(
    `Wrote ${escapeControls(options.output!)}. Fill it in, then run: ${shellCommand('maturity', 'score', fileArgument(options.output!))}\n`,
  );
  return ExitCode.ok;
}
