import { resolve } from 'node:path';
import { DEFAULT_MOVES } from '../engine/analyse.js';
import { escapeControls } from '../problems/describe.js';
import { ExitCode, formatProblem, UserError } from '../problems/user-error.js';
import { FORMATS, reporters, type Format } from '../report/index.js';
import { summaryRow, type SummaryRow } from '../report/types.js';
import { openSink } from '../fs/sink.js';
import { expandFiles } from '../batch/expand.js';
import { wantsColor, type Io } from '../io.js';
import { RubricCache } from '../batch/rubric-cache.js';
import { scoreFiles } from '../batch/score-files.js';
import { minimumStageGate } from '../batch/gate.js';

export interface ScoreCommandOptions {
  rubric?: string;
  format?: string;
  output?: string;
  minStage?: string;
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
  const format = parseFormat(options.format);
  const moves = parseMoves(options.moves);
  if (options.output !== undefined && options.output.trim() === '') {
    throw new UserError('maturity: --output needs a file name');
  }
  if (options.minStage !== undefined && options.minStage.trim() === '') {
    throw new UserError('maturity: --min-stage needs a stage id or number');
  }
  const rubrics = new RubricCache(io.cwd);
  const minimumFor = minimumStageGate(options.minStage);
  const said = new Set<string>();
  // A --rubric that cannot be loaded, or that lacks the --min-stage asked for, stops everything at
  // once, before any output, rather than failing every file.
  if (options.rubric !== undefined) {
    const minimum = minimumFor(await rubrics.get(options.rubric));
    if (typeof minimum === 'string') throw new UserError(`maturity: ${minimum}`);
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
  const progress = progressLine(io, files.length);
  let belowMinimum = false;
  try {
    sink.write(reporter.begin(reportOptions));
    const outcomes = scoreFiles(files, io.cwd, rubrics, {
      ...(options.rubric !== undefined && { rubric: options.rubric }),
      moves,
      strict: options.strict ?? false,
      found,
    });
    for await (const outcome of outcomes) {
      progress.tick();
      if (outcome.warnings.length > 0 || outcome.problems.length > 0) progress.clear();
      for (const warning of outcome.warnings) io.stderr.write(`${escapeControls(warning)}\n`);
      if (!outcome.result) {
        failed = true;
        for (const problem of outcome.problems) io.stderr.write(`${formatProblem(problem)}\n`);
        continue;
      }
      const { result } = outcome;
      const minimum = minimumFor(result.rubric);
      if (typeof minimum === 'string') {
        // The file scored, so its report is written; the gate cannot be checked with its rubric,
        // which is said once.
        if (!said.has(minimum)) {
          said.add(minimum);
          progress.clear();
          io.stderr.write(`maturity: ${escapeControls(minimum)}\n`);
        }
        failed = true;
      } else if (result.assessment.currentStage.number < minimum) {
        belowMinimum = true;
      }
      sink.write(reporter.item(result, rows.length, reportOptions));
      rows.push(summaryRow(result));
    }
    progress.clear();
    sink.write(reporter.end(rows, reportOptions));
    sink.close();
  } catch (error) {
    progress.clear();
    sink.abort();
    throw error;
  }
  if (belowMinimum) {
    io.stderr.write(
      `maturity: below the minimum stage ${escapeControls(options.minStage ?? '')} (--min-stage)\n`,
    );
  }
  // A file that could not be scored, or checked, wins over a gate that was not met.
  if (failed) return ExitCode.usage;
  return belowMinimum ? ExitCode.checkFailed : ExitCode.ok;
}

function parseFormat(value: string | undefined): Format {
  const format = value ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UserError(`maturity: --format must be one of ${FORMATS.join(', ')}`);
  }
  return format as Format;
}

function parseMoves(value: string | undefined): number {
  if (value === undefined) return DEFAULT_MOVES;
  if (!/^\d+$/.test(value))
    throw new UserError(`maturity: --moves must be a whole number, not "${value}"`);
  return Number(value);
}

/** A progress line on stderr for long batches, only on a terminal and never on stdout. */
function progressLine(io: Io, total: number) {
  const active = total >= 50 && Boolean(io.stderr.isTTY);
  let done = 0;
  let shown = false;
  let last = 0;
  return {
    tick() {
      done += 1;
      if (!active) return;
      const now = io.now().getTime();
      if (now - last < 100 && done < total) return;
      last = now;
      io.stderr.write(`\rScoring ${done}/${total}…`);
      shown = true;
    },
    clear() {
      if (shown) io.stderr.write('\r\x1b[K');
      shown = false;
    },
  };
}
