import { resolve } from 'node:path';
import { colorOptions } from '../format/paint.js';
import { ASSESSED_AT } from '../answers/dates.js';
import { expandFiles } from '../batch/expand.js';
import { stageOption } from '../batch/gate.js';
import { memberScores } from '../engine/combine.js';
import { RubricCache } from '../batch/rubric-cache.js';
import { scoreFiles } from '../batch/score-files.js';
import { buildTimelines, type DatedFile } from '../batch/timeline.js';
import { FileWarnings } from '../batch/warnings.js';
import { regressedFrom } from '../engine/compare.js';
import { openSink } from '../fs/sink.js';
import { wantsColor, type Io } from '../io.js';
import { escapeControls } from '../problems/describe.js';
import { ExitCode, formatProblem, UserError } from '../problems/user-error.js';
import { PROGRESS_FORMATS, progressReporters } from '../report/progress/index.js';
import { groupLabel } from '../report/wording.js';
import {
  listed,
  parseChoice,
  parseCombine,
  parseMoves,
  progressLine,
  refuseEmpty,
} from './options.js';

export interface ProgressCommandOptions {
  rubric?: string;
  combine?: string;
  since?: string;
  target?: string;
  format?: string;
  output?: string;
  moves?: string | number;
  failOnRegression?: boolean;
  color?: boolean;
}

/**
 * `maturity progress <files…>`: a timeline per organization and unit, and what changed since the
 * baseline (SPEC §9). Exit 1 with --fail-on-regression when a group fell back; 2 for input errors.
 */
export async function runProgress(
  io: Io,
  args: string[],
  options: ProgressCommandOptions,
): Promise<number> {
  const format = parseChoice('--format', options.format, PROGRESS_FORMATS, 'text');
  const combine = parseCombine(options.combine, true);
  const moves = parseMoves(options.moves);
  refuseEmpty([
    ['--output', options.output, 'a file name'],
    ['--target', options.target, 'a stage id, name or number'],
  ]);
  if (options.since !== undefined && !/^\d{4}-\d\d-\d\d$/.test(options.since)) {
    throw new UserError(
      `maturity: --since must be a date such as 2026-06-30, not ${JSON.stringify(options.since)}`,
    );
  }
  if (options.since !== undefined && !ASSESSED_AT.test(options.since)) {
    throw new UserError(`maturity: --since ${options.since} is not a real date`);
  }
  const rubrics = new RubricCache(io.cwd);
  const targetFor = stageOption(options.target, '--target');
  if (options.rubric !== undefined) {
    const stage = targetFor(await rubrics.get(options.rubric));
    if (typeof stage === 'string') throw new UserError(`maturity: ${stage}`);
  }
  const said = new Set<string>();
  const sayOnce = (line: string) => {
    if (said.has(line)) return;
    said.add(line);
    io.stderr.write(`${line}\n`);
  };

  const { files, found, problems: globProblems } = await expandFiles(args, io.cwd);
  for (const problem of globProblems) io.stderr.write(`${escapeControls(problem.message)}\n`);
  let failed = globProblems.length > 0;
  const members: DatedFile[] = [];
  const progress = progressLine(io, files.length);
  const outcomes = scoreFiles(files, io.cwd, rubrics, {
    ...(options.rubric !== undefined && { rubric: options.rubric }),
    moves,
    target: targetFor,
    found,
  });
  const fileWarnings = new FileWarnings((line) => {
    progress.clear();
    io.stderr.write(`${line}\n`);
  });
  for await (const outcome of outcomes) {
    progress.tick();
    if (outcome.problems.length > 0) progress.clear();
    for (const warning of outcome.warnings) fileWarnings.add(outcome.file, warning);
    if (!outcome.result) {
      failed = true;
      for (const problem of outcome.problems) sayOnce(formatProblem(problem));
    } else if (outcome.answers!.assessedAt === undefined) {
      failed = true;
      progress.clear();
      sayOnce(
        `${outcome.file}:1:1: assessedAt is missing: maturity progress needs the date of each assessment (e.g. assessedAt: 2026-11-22)`,
      );
    } else {
      // A --target the file's rubric lacks stops the run before any output (as with --rubric).
      const lacking = targetFor(outcome.result.rubric);
      if (typeof lacking === 'string') {
        progress.clear();
        fileWarnings.rest();
        throw new UserError(`maturity: ${lacking}`);
      }
      members.push({
        file: outcome.file,
        answers: outcome.answers!,
        rubric: outcome.result.rubric,
        scores: memberScores(outcome.result.assessment),
        result: outcome.result,
      });
    }
  }
  progress.clear();
  fileWarnings.rest();

  const { groups, problems, warnings } = buildTimelines(members, {
    combine,
    moves,
    target: targetFor,
    ...(options.since !== undefined && { since: options.since }),
  });
  for (const warning of warnings) io.stderr.write(`${warning}\n`);
  for (const problem of problems) sayOnce(problem);
  if (problems.length > 0) failed = true;

  const reporter = await progressReporters[format]();
  const reportOptions = await colorOptions(
    options.output === undefined && wantsColor(io, options.color),
  );
  const sink = openSink(
    io.stdout,
    options.output === undefined
      ? undefined
      : { path: resolve(io.cwd, options.output), shown: options.output },
  );
  try {
    sink.write(reporter(groups, reportOptions));
    sink.close();
  } catch (error) {
    sink.abort();
    throw error;
  }

  const regressed = groups
    .filter((group) => group.change !== null && regressedFrom(group.change))
    .map((group) => groupLabel(['organization', 'unit'], [group.organization, group.unit]));
  if (options.failOnRegression && regressed.length > 0) {
    io.stderr.write(
      `maturity: regressed since the baseline (--fail-on-regression): ${listed(regressed)}\n`,
    );
  }
  if (failed) return ExitCode.usage;
  return options.failOnRegression && regressed.length > 0 ? ExitCode.checkFailed : ExitCode.ok;
}
