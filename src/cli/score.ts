import { resolve } from 'node:path';
import { escapeControls } from '../problems/describe.js';
import { ExitCode, formatProblem, UserError } from '../problems/user-error.js';
import { FORMATS, reporters } from '../report/index.js';
import { failureRow, summaryRow } from '../report/outline.js';
import { openSink } from '../fs/sink.js';
import { expandFiles } from '../batch/expand.js';
import { wantsColor, type Io } from '../io.js';
import { RubricCache } from '../batch/rubric-cache.js';
import { scoreFiles } from '../batch/score-files.js';
import { stageOption } from '../batch/gate.js';
import {
  listed,
  parseChoice,
  parseCombine,
  parseMoves,
  parsePercent,
  progressLine,
  refuseEmpty,
} from './options.js';
import { groupFiles, parseGroupBy, scoreGroup, type MemberFile } from '../batch/group.js';
import type { Failure, Gate, Result, SummaryRow } from '../report/types.js';
import type { Rubric } from '../rubric/types.js';
import { EPSILON } from '../engine/score.js';
import { percent } from '../format/numbers.js';
import { whoLabel } from '../report/wording.js';

export interface ScoreCommandOptions {
  rubric?: string;
  format?: string;
  output?: string;
  minStage?: string;
  minCompleteness?: string;
  target?: string;
  groupBy?: string;
  combine?: string;
  moves?: string | number;
  strict?: boolean;
  color?: boolean;
}

/** `maturity score <file|glob…>`: one report per file, a summary for several, exit 0/1/2. */
export async function runScore(
  io: Io,
  args: string[],
  options: ScoreCommandOptions,
): Promise<number> {
  const format = parseChoice('--format', options.format, FORMATS, 'text');
  const moves = parseMoves(options.moves);
  refuseEmpty([
    ['--output', options.output, 'a file name'],
    ['--min-stage', options.minStage, 'a stage id, name or number'],
    ['--target', options.target, 'a stage id, name or number'],
  ]);
  const minCompleteness = parsePercent('--min-completeness', options.minCompleteness);
  const groupBy = options.groupBy === undefined ? undefined : parseGroupBy(options.groupBy);
  const combine = parseCombine(options.combine, groupBy !== undefined);
  const rubrics = new RubricCache(io.cwd);
  const minimumFor = stageOption(options.minStage, '--min-stage');
  const targetFor = stageOption(options.target, '--target');
  /** Why `rubric` lacks a stage --min-stage or --target names, if it does. */
  const lacking = (rubric: Rubric) =>
    [minimumFor(rubric), targetFor(rubric)].find((stage) => typeof stage === 'string');
  // What a whole rubric lacks (a stage --min-stage or --target names) is said once, not per file.
  const said = new Set<string>();
  const sayOnce = (line: string) => {
    if (line.startsWith('maturity: ') && said.has(line)) return;
    said.add(line);
    io.stderr.write(`${line}\n`);
  };
  // A --rubric that cannot be loaded, or that lacks a stage asked for, stops everything at once,
  // before any output, rather than failing every file.
  if (options.rubric !== undefined) {
    const problem = lacking(await rubrics.get(options.rubric));
    if (problem !== undefined) throw new UserError(`maturity: ${problem}`);
  }
  const { files, found, problems: globProblems } = await expandFiles(args, io.cwd);
  for (const problem of globProblems) {
    for (const line of problem.lines()) io.stderr.write(`${line}\n`);
  }
  let failed = globProblems.length > 0;

  const reporter = await reporters[format]();
  const color = options.output === undefined && wantsColor(io, options.color);
  const reportOptions = { color };
  const sink = openSink(
    io.stdout,
    options.output === undefined
      ? undefined
      : { path: resolve(io.cwd, options.output), shown: options.output },
  );
  const rows: SummaryRow[] = [];
  let results = 0;
  const belowStage: string[] = [];
  const incomplete: string[] = [];
  const gated = options.minStage !== undefined || minCompleteness !== undefined;
  /** The gate of a result: --min-stage and --min-completeness checked against it. */
  const gateOf = (result: Result): Gate | undefined => {
    if (!gated) return undefined;
    const a = result.assessment;
    const minimum = minimumFor(result.rubric);
    const stage = typeof minimum === 'number' ? minimum : undefined;
    const stageOk = stage === undefined || a.currentStage.number >= stage;
    const completeOk = minCompleteness === undefined || a.completeness >= minCompleteness - EPSILON;
    const name = result.source ?? whoLabel(result) ?? '';
    if (!stageOk) belowStage.push(name);
    if (!completeOk) incomplete.push(name);
    return {
      minimum:
        stage === undefined
          ? null
          : {
              number: stage,
              id: stage === 0 ? null : result.rubric.stages[stage - 1]!.id,
              name: stage === 0 ? null : result.rubric.stages[stage - 1]!.name,
            },
      minimumCompleteness: minCompleteness ?? null,
      passed: stageOk && completeOk,
    };
  };
  /** Writes one result's report, with its gate. */
  const report = (scored: Result) => {
    const problem = lacking(scored.rubric);
    if (problem !== undefined) {
      // The result is reported; what its rubric lacks is said once, and the run exits 2.
      progress.clear();
      sayOnce(`maturity: ${problem}`);
      failed = true;
    }
    const gate = gateOf(scored);
    const result = gate ? { ...scored, gate } : scored;
    sink.write(reporter.item(result, results, reportOptions));
    results += 1;
    rows.push(summaryRow(result));
  };
  const reportInvalid = (failure: Failure) => {
    sink.write(reporter.invalid(failure, reportOptions));
    rows.push(failureRow(failure));
  };

  const progress = progressLine(io, files.length);
  const members: MemberFile[] = [];
  // Nothing is written before the first file has scored: a stage its rubric lacks stops the run
  // with no output, as it does with --rubric. Invalid files before it wait.
  let started = false;
  let waiting: Failure[] = [];
  const start = () => {
    started = true;
    sink.write(reporter.begin(reportOptions));
    for (const failure of waiting) reportInvalid(failure);
    waiting = [];
  };
  try {
    const outcomes = scoreFiles(files, io.cwd, rubrics, {
      ...(options.rubric !== undefined && { rubric: options.rubric }),
      moves,
      strict: options.strict ?? false,
      target: targetFor,
      stdin: io.stdin,
      found,
    });
    for await (const outcome of outcomes) {
      progress.tick();
      if (outcome.warnings.length > 0 || outcome.problems.length > 0) progress.clear();
      for (const warning of outcome.warnings) io.stderr.write(`${escapeControls(warning)}\n`);
      if (!outcome.result) {
        failed = true;
        for (const problem of outcome.problems) sayOnce(formatProblem(problem));
        const failure = { source: outcome.file, problems: outcome.problems };
        if (started) reportInvalid(failure);
        else waiting.push(failure);
        continue;
      }
      if (!started) {
        const problem = lacking(outcome.result.rubric);
        if (problem !== undefined) throw new UserError(`maturity: ${problem}`);
        start();
      }
      if (groupBy) {
        members.push({ file: outcome.file, answers: outcome.answers!, result: outcome.result });
      } else {
        report(outcome.result);
      }
    }
    progress.clear();
    if (!started) start();
    if (groupBy) {
      for (const group of groupFiles(members, groupBy)) {
        const scored = scoreGroup(group, groupBy, { combine, moves, target: targetFor });
        if ('problem' in scored) {
          failed = true;
          sayOnce(scored.problem);
        } else {
          report(scored.result);
        }
      }
    }
    sink.write(reporter.end(rows, reportOptions));
    sink.close();
  } catch (error) {
    progress.clear();
    sink.abort();
    throw error;
  }
  if (belowStage.length > 0) {
    io.stderr.write(
      `maturity: below the minimum stage ${escapeControls(options.minStage ?? '')} (--min-stage): ${listed(belowStage)}\n`,
    );
  }
  if (incomplete.length > 0) {
    io.stderr.write(
      `maturity: below the minimum completeness ${percent(minCompleteness!)} (--min-completeness): ${listed(incomplete)}\n`,
    );
  }
  // A file that could not be scored, or checked, wins over a gate that was not met.
  if (failed) return ExitCode.usage;
  return belowStage.length + incomplete.length > 0 ? ExitCode.checkFailed : ExitCode.ok;
}
