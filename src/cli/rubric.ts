import { readFileSync } from 'node:fs';
import { loadPaint } from '../format/paint.js';
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { escapeControls } from '../problems/describe.js';
import { ExitCode, formatProblem, UserError } from '../problems/user-error.js';
import {
  builtinRubricBases,
  builtinRubricIds,
  builtinRubricPath,
  loadBuiltinRubric,
} from '../rubric/builtin.js';
import { rubricCounts } from '../rubric/query.js';
import { looksLikePath, resolveRubric } from '../rubric/resolve.js';
import type { Rubric } from '../rubric/types.js';
import { renderRubricOutline } from '../report/rubric-text.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { packageRoot } from '../source/package-root.js';
import { readTextFile } from '../source/read-text.js';
import { fileArgument, shellCommand } from '../format/shell.js';
import { columns } from '../format/table.js';
import { wantsColor, type Io } from '../io.js';

/** `maturity rubric list`: the built-in rubrics with their sizes and what each extends. */
export async function runRubricList(io: Io, options: { format?: string }): Promise<number> {
  const rows = [];
  for (const id of builtinRubricIds()) {
    const rubric = await loadBuiltinRubric(id);
    const counts = rubricCounts(rubric);
    const [base] = await builtinRubricBases(id);
    rows.push({
      id,
      version: rubric.version,
      title: rubric.title,
      extends: base?.id ?? null,
      stages: counts.stages,
      questions: counts.questions,
    });
  }
  if (options.format === 'json') {
    io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return ExitCode.ok;
  }
  const table = [['ID', 'VERSION', 'EXTENDS', 'STAGES', 'QUESTIONS', 'TITLE']].concat(
    rows.map((row) => [
      row.id,
      row.version,
      row.extends ?? '-',
      String(row.stages),
      String(row.questions),
      row.title,
    ]),
  );
  for (const line of columns(table)) io.stdout.write(`${line}\n`);
  return ExitCode.ok;
}

/**
 * `maturity rubric show [NAME|PATH]`: the model as an outline, as normalized JSON, or as one plain
 * rubric file in YAML (an overlay merged with what it extends).
 */
export async function runRubricShow(
  io: Io,
  ref: string,
  options: { format?: string; color?: boolean },
): Promise<number> {
  const { rubric, bases } = await resolveRubric(ref, io.cwd);
  if (options.format === 'json') {
    io.stdout.write(`${JSON.stringify(rubric, null, 2)}\n`);
  } else if (options.format === 'yaml') {
    const { plainRubricYaml } = await import('../rubric/plain-yaml.js');
    io.stdout.write(plainRubricYaml(rubric, bases));
  } else {
    io.stdout.write(
      renderRubricOutline(rubric, {
        paint: await loadPaint(wantsColor(io, options.color)),
        ...(bases[0] && { base: bases[0] }),
      }),
    );
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
    const { problems } = checkRubricText(text, file, { path: resolve(io.cwd, file), cwd: io.cwd });
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

/**
 * `maturity rubric init <file> [--from NAME|PATH [--copy]]`: a commented skeleton, an overlay of a
 * rubric (`--from`), or a full copy of it with a new id and version (`--copy`); never overwrites.
 */
export async function runRubricInit(
  io: Io,
  file: string,
  options: { from?: string; copy?: boolean },
): Promise<number> {
  const target = resolve(io.cwd, file);
  const schemaPath = relative(dirname(target), join(packageRoot(), 'schema', 'rubric.schema.json'))
    .split(sep)
    .join('/');
  const schemaLine = `# yaml-language-server: $schema=${schemaPath}`;
  const check = `check it with: ${shellCommand('maturity', 'rubric', 'validate', fileArgument(file))}`;
  if (options.copy && !options.from) {
    throw new UserError('maturity: --copy needs --from NAME, the rubric to copy');
  }
  if (!options.from) {
    writeFileAtomic(target, `${schemaLine}\n${SKELETON}`, { overwrite: false, shown: file });
    io.stdout.write(`Wrote ${escapeControls(file)}. Edit it, then ${check}\n`);
    return ExitCode.ok;
  }
  const from = options.from;
  const { rubric: base } = await resolveRubric(from, io.cwd);
  const id = newRubricId(target, base.id);
  const version = '0.1.0';
  if (options.copy) {
    const text = await copiedRubric(from, io.cwd, base, id, version);
    writeFileAtomic(target, `${schemaLine}\n${text}`, { overwrite: false, shown: file });
    io.stdout.write(
      `Wrote ${escapeControls(file)}, a copy of ${base.id} as ${id} ${version}. Edit it, then ${check}\n`,
    );
    return ExitCode.ok;
  }
  // A built-in is extended by its id; a file by its path from the new file's folder.
  let reference = from;
  if (looksLikePath(from) || !builtinRubricPath(from)) {
    reference = relative(dirname(target), resolve(io.cwd, from)).split(sep).join('/');
    if (!looksLikePath(reference)) reference = `./${reference}`;
  }
  const text = overlayText(base, { file, reference, id, version, title: titleFor(id, base) });
  writeFileAtomic(target, `${schemaLine}\n${text}`, { overwrite: false, shown: file });
  io.stdout.write(
    `Wrote ${escapeControls(file)}, an overlay of ${base.id}. Edit it, then ${check}\n`,
  );
  return ExitCode.ok;
}

/** A rubric id from a file name (`Acme Social.yaml` → `acme-social`), never the base's own id. */
function newRubricId(target: string, baseId: string): string {
  const name = basename(target, extname(target))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const id = name === '' ? 'my-rubric' : name;
  return id === baseId ? `${id}-custom` : id;
}

/** A first title for a new rubric: its id in words, and what it is based on. */
function titleFor(id: string, base: Rubric): string {
  const words = id.replace(/-/g, ' ');
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}, based on ${base.title}`;
}

/**
 * A full copy of a rubric with a new id and version. A plain YAML source is copied as written, its
 * comments kept; an overlay (or a source that is not plain YAML) is written out merged.
 */
async function copiedRubric(
  from: string,
  cwd: string,
  base: Rubric,
  id: string,
  version: string,
): Promise<string> {
  const builtin = !looksLikePath(from) ? builtinRubricPath(from) : undefined;
  const source = builtin ?? (isAbsolute(from) ? from : resolve(cwd, from));
  const original = readTextFile(source, from).replace(/^# yaml-language-server:.*\n/m, '');
  const idLine = /^id:[^\n]*$/m;
  const versionLine = /^version:[^\n]*$/m;
  if (!/^extends:/m.test(original) && idLine.test(original) && versionLine.test(original)) {
    return original.replace(idLine, `id: ${id}`).replace(versionLine, `version: ${version}`);
  }
  const { plainRubricYaml } = await import('../rubric/plain-yaml.js');
  return plainRubricYaml({ ...base, id, version });
}

/** The text of a new overlay of `base`, with commented examples that work when uncommented. */
function overlayText(
  base: Rubric,
  options: { file: string; reference: string; id: string; version: string; title: string },
): string {
  const stage = base.stages[0]!;
  const tenet = stage.tenets[0]!;
  const ids = new Set(
    base.stages.flatMap((s) => s.tenets.flatMap((t) => t.questions.map((q) => q.id))),
  );
  let questionId = 'my-new-question';
  for (let n = 2; ids.has(questionId); n += 1) questionId = `my-new-question-${n}`;
  const show = shellCommand(
    'maturity',
    'rubric',
    'show',
    fileArgument(options.file),
    '--format',
    'yaml',
  );
  const lines = [
    `# An overlay of ${JSON.stringify(base.title)} (${base.id} ${base.version}): that rubric with the changes below.`,
    `# Everything else comes from it; see the merged whole with: ${show}`,
    `extends: ${options.reference}`,
    `id: ${options.id}`,
    `version: ${options.version}`,
    `title: ${JSON.stringify(options.title)}`,
    '',
    "# Any field given replaces the base's:",
    `# threshold: ${base.threshold === 0.75 ? 0.8 : 0.75}`,
    '',
    '# Stages, tenets and questions merge by id: an id of the base changes the fields given, a new id',
    '# adds an item at the end of its list, with every field an item needs.',
    '# stages:',
    `#   - id: ${stage.id}`,
    '#     tenets:',
    `#       - id: ${tenet.id}`,
    `#         weight: ${tenet.weight * 2}`,
    '#         questions:',
    `#           - id: ${questionId}`,
    '#             text: Does a named person review this at least every quarter, with decisions recorded?',
  ];
  const omitted = omitExample(base);
  if (omitted) {
    lines.push(
      '',
      '# Leave out stages, tenets or questions by id, with what they hold:',
      `# omit: [${omitted}]`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** An id that can be omitted without leaving a tenet or stage empty: a question, else a tenet. */
function omitExample(rubric: Rubric): string | undefined {
  for (const stage of [...rubric.stages].reverse()) {
    for (const tenet of [...stage.tenets].reverse()) {
      if (tenet.questions.length > 1) return tenet.questions[tenet.questions.length - 1]!.id;
    }
  }
  for (const stage of [...rubric.stages].reverse()) {
    if (stage.tenets.length > 1) return stage.tenets[stage.tenets.length - 1]!.id;
  }
  return undefined;
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
