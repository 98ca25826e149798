import { resolve } from 'node:path';
import { ExitCode, formatProblem, UserError } from '../problems/user-error.js';
import { FORMATS, reporters } from '../report/index.js';
import { summaryRow } from '../report/outline.js';
import type { SummaryRow } from '../report/types.js';
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
  progressLine,
  refuseEmpty,
} from './options.js';
import { groupFiles, parseGroupBy, scoreGroup, type MemberFile } from '../batch/group.js';
import type { Result } from '../report/types.js';
import { whoLabel } from '../report/wording.js';

export interface ScoreCommandOptions {
  rubric?: string;
  format?: string;
  output?: string;
  minStage?: string;
  target?: string;
  groupBy?: string;
  combine?: string;
  moves?: string;
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
  const rubrics = new RubricCache(io.cwd);
  const minimumFor = stageOption(options.minStage, '--min-stage');
  const targetFor = stageOption(options.target, '--target');
  // What a whole rubric lacks (a stage --min-stage or --target names) is said once, not per file.
  const said = new Set<string>();
  const sayOnce = (line: string) => {
    if (line.startsWith('maturity: ') && said.has(line)) return;
    said.add(line);
    io.stderr.write(`${line}\n`);
  };
  // A --rubric that cannot be loaded, or that lacks the --min-stage asked for, stops everything at
  // once, before any output, rather than failing every file.
  if (options.rubric !== undefined) {
    const rubric = await rubrics.get(options.rubric);
    for (const stage of [minimumFor(rubric), targetFor(rubric)]) {
      if (typeof stage === 'string') throw new UserError(`maturity: ${stage}`);
    }
  }
  const groupBy = options.groupBy === undefined ? undefined : parseGroupBy(options.groupBy);
  const combine = parseCombine(options.combine, groupBy !== undefined);
  const { files, problems: globProblems } = await expandFiles(args, io.cwd);
  for (const problem of globProblems) io.stderr.write(`${problem.message}\n`);
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
  const below: string[] = [];
  /** Writes one result's report, after checking it against --min-stage. */
  const report = (result: Result) => {
    const minimum = minimumFor(result.rubric);
    if (typeof minimum === 'string') {
      // The result is reported; the gate cannot be checked with its rubric, which is said once.
      progress.clear();
      sayOnce(`maturity: ${minimum}`);
      failed = true;
    } else if (minimum !== undefined && result.assessment.currentStage.number < minimum) {
      below.push(result.source ?? whoLabel(result) ?? '');
    }
    sink.write(reporter.item(result, rows.length, reportOptions));
    rows.push(summaryRow(result));
  };
  const progress = progressLine(io, files.length);
  const members: MemberFile[] = [];
  try {
    sink.write(reporter.begin(reportOptions));
    const outcomes = scoreFiles(files, io.cwd, rubrics, {
      ...(options.rubric !== undefined && { rubric: options.rubric }),
      moves,
      strict: options.strict ?? false,
      target: targetFor,
    });
    for await (const outcome of outcomes) {
      progress.tick();
      if (outcome.warnings.length > 0 || outcome.problems.length > 0) progress.clear();
      for (const warning of outcome.warnings) io.stderr.write(`${warning}\n`);
      if (!outcome.result) {
        failed = true;
        for (const problem of outcome.problems) sayOnce(formatProblem(problem));
      } else if (groupBy) {
        members.push({ file: outcome.file, answers: outcome.answers!, result: outcome.result });
      } else {
        report(outcome.result);
      }
    }
    progress.clear();
    if (groupBy) {
      for (const group of groupFiles(members, groupBy)) {
        const scored = scoreGroup(group, groupBy, {
          combine,
          moves,
          target: targetFor,
        });
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
  const belowMinimum = below.length > 0;
  if (belowMinimum) {
    io.stderr.write(
      `maturity: below the minimum stage ${options.minStage} (--min-stage): ${listed(below)}\n`,
    );
  }
  // A file that could not be scored, or checked, wins over a gate that was not met.
  if (failed) return ExitCode.usage;
  return belowMinimum ? ExitCode.checkFailed : ExitCode.ok;
}
