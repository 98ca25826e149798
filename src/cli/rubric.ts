import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { escapeControls } from '../problems/describe.js';
import { ExitCode, formatProblem, UserError } from '../problems/user-error.js';
import { builtinRubricIds, builtinRubricPath, loadBuiltinRubric } from '../rubric/builtin.js';
import { rubricCounts } from '../rubric/query.js';
import { resolveRubric } from '../rubric/resolve.js';
import { renderRubricOutline } from '../report/rubric-text.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { packageRoot } from '../source/package-root.js';
import { readTextFile } from '../source/read-text.js';
import { fileArgument, shellCommand } from '../format/shell.js';
import { columns } from '../format/table.js';
import { wantsColor, type Io } from '../io.js';

/** `maturity rubric list`: the built-in rubrics with their sizes. */
export async function runRubricList(io: Io, options: { format?: string }): Promise<number> {
  const rows = [];
  for (const id of builtinRubricIds()) {
    const rubric = await loadBuiltinRubric(id);
    const counts = rubricCounts(rubric);
    rows.push({
      id,
      version: rubric.version,
      title: rubric.title,
      stages: counts.stages,
      questions: counts.questions,
    });
  }
  if (options.format === 'json') {
    io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return ExitCode.ok;
  }
  const table = [['ID', 'VERSION', 'STAGES', 'QUESTIONS', 'TITLE']].concat(
    rows.map((row) => [row.id, row.version, String(row.stages), String(row.questions), row.title]),
  );
  for (const line of columns(table)) io.stdout.write(`${line}\n`);
  return ExitCode.ok;
}

/** `maturity rubric show [NAME|PATH]`: the model as an outline, or as normalized JSON. */
export async function runRubricShow(
  io: Io,
  ref: string,
  options: { format?: string; color?: boolean },
): Promise<number> {
  const { rubric } = await resolveRubric(ref, io.cwd);
  if (options.format === 'json') {
    io.stdout.write(`${JSON.stringify(rubric, null, 2)}\n`);
  } else {
    io.stdout.write(renderRubricOutline(rubric, { color: wantsColor(io, options.color) }));
  }
  return ExitCode.ok;
}

/** `maturity rubric validate <file…>`: `ok` or every problem; 1 when one is invalid, 2 when unreadable. */
export async function runRubricValidate(io: Io, files: string[]): Promise<number> {
  const { checkRubricText } = await import('../rubric/load.js');
  let invalid = false;
  let unreadable = false;
  for (const file of files) {
    let text: string;
    try {
      text = readTextFile(resolve(io.cwd, file), file);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      for (const line of error.lines()) io.stderr.write(`${line}\n`);
      unreadable = true;
      continue;
    }
    const { problems } = checkRubricText(text, file);
    if (problems.length === 0) {
      io.stdout.write(`${escapeControls(file)}: ok\n`);
    } else {
      invalid = true;
      let count = 0;
      let atLeast = false;
      for (const problem of problems) {
        io.stderr.write(`${formatProblem(problem)}\n`);
        // The "N more not shown" line stands for N problems, none when it says only "more".
        count += problem.omitted ?? 1;
        atLeast ||= problem.atLeast === true;
      }
      const total = `${atLeast ? 'more than ' : ''}${count} problem${count === 1 && !atLeast ? '' : 's'}`;
      io.stderr.write(`${escapeControls(file)}: ${total}\n`);
    }
  }
  if (unreadable) return ExitCode.usage;
  return invalid ? ExitCode.checkFailed : ExitCode.ok;
}

/** `maturity rubric schema [--answers]`: prints the shipped JSON Schema. */
export async function runRubricSchema(io: Io, options: { answers?: boolean }): Promise<number> {
  const name = options.answers ? 'answers.schema.json' : 'rubric.schema.json';
  io.stdout.write(readFileSync(join(packageRoot(), 'schema', name), 'utf8'));
  return ExitCode.ok;
}

/** `maturity rubric init <file> [--from NAME]`: a starter rubric; never overwrites. */
export async function runRubricInit(
  io: Io,
  file: string,
  options: { from?: string },
): Promise<number> {
  const target = resolve(io.cwd, file);
  const schemaPath = relative(dirname(target), join(packageRoot(), 'schema', 'rubric.schema.json'))
    .split(sep)
    .join('/');
  const schemaLine = `# yaml-language-server: $schema=${schemaPath}`;
  let text: string;
  if (options.from) {
    const source = builtinRubricPath(options.from);
    if (!source) {
      throw new UserError(
        `unknown built-in rubric "${options.from}" (built-in: ${builtinRubricIds().join(', ')})`,
      );
    }
    const original = readFileSync(source, 'utf8');
    text = /^# yaml-language-server:.*$/m.test(original)
      ? original.replace(/^# yaml-language-server:.*$/m, schemaLine)
      : `${schemaLine}\n${original}`;
  } else {
    text = `${schemaLine}\n${SKELETON}`;
  }
  writeFileAtomic(target, text, { overwrite: false, shown: file });
  io.stdout.write(
    `Wrote ${escapeControls(file)}. Edit it, then check it with: ${shellCommand('maturity', 'rubric', 'validate', fileArgument(file))}\n`,
  );
  return ExitCode.ok;
}

const SKELETON = `# A starter rubric for \`maturity\`. Every key is explained in the README ("Writing a rubric").
# Check it with \`maturity rubric validate <file>\`; try it with \`maturity template --rubric <file>\`.
id: my-model                 # kebab-case, unique among your rubrics
version: 0.1.0               # bump it when you change the content
title: My maturity model
description: What this model measures and for whom.
source: Where the model comes from.
threshold: 0.7               # share of a stage's score needed to attain it (0 < t <= 1)
scale:                       # the answer levels, least mature first; say what evidence fits each
  - value: 0
    label: Not started
    description: Nothing is in place and nothing is planned.
  - value: 1
    label: Ad hoc
    description: Done now and then, by individuals, with no written process.
  - value: 2
    label: Defined
    description: A written process exists and a named person owns it.
  - value: 3
    label: Established
    description: The process is followed routinely and its results are reviewed.
  - value: 4
    label: Leading
    description: Results are measured and used to improve the process.
stages:                      # from least to most mature
  - id: foundation
    name: Foundation
    tagline: Know where you stand
    tenets:
      - id: shared-goals
        title: Shared goals
        description: The work is tied to goals the organization already has.
        weight: 2            # relative to the other tenets of this stage
        questions:
          - id: written-goals
            text: Are the goals of this work written down and tied to a business objective?
            help: Evidence is a document a newcomer could find and read.
        moves:
          - Write down two or three goals and the business objective each one serves.
      - id: named-owner
        title: A named owner
        questions:
          - id: owner-reviews
            text: Does a named owner review progress at least once a quarter?
        moves:
          - Name one person who owns the work and book a quarterly review.
  - id: scale
    name: Scale
    tagline: Make it routine
    tenets:
      - id: shared-practice
        title: Shared practice
        questions:
          - id: teams-using-practice
            text: How many teams follow the same written practice?
            notApplicable: true   # allow "n/a" where a question may honestly not apply
        moves:
          - Publish the practice and help one more team adopt it.
        # Warned of when this stage is attained while an earlier one is not:
        pitfall: Spreading a practice before it has goals and an owner tends to stall.
`;
