import { resolve } from 'node:path';
import { escapeControls } from '../problems/describe.js';
import { ExitCode, UserError } from '../problems/user-error.js';
import { FORMATS } from '../report/index.js';
import { openSink } from '../fs/sink.js';
import { expandFiles, STDIN, type FileSet } from '../batch/expand.js';
import { wantsColor, type Io } from '../io.js';
import {
  failureChunk,
  lacking,
  prepareRun,
  reportFailure,
  reportFile,
  reportResult,
  type FileReport,
  type FileToScore,
  type ScorePlan,
  type ScoreRun,
} from '../batch/report-files.js';
import { askedHeap, askedThreads, coreThreads, LARGE_BATCH, Probe } from '../batch/threads.js';
import { rubricForAnswers } from '../batch/rubric-cache.js';
import type { AnswersSource } from '../answers/load.js';
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
import { unpackMember } from '../batch/members.js';
import { FileWarnings } from '../batch/warnings.js';
import type { SummaryRow } from '../report/types.js';
import { percent } from '../format/numbers.js';

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
  const plan: ScorePlan = {
    format,
    color: options.output === undefined && wantsColor(io, options.color),
    ...(options.rubric !== undefined && { rubric: options.rubric }),
    moves,
    strict: options.strict ?? false,
    ...(options.minStage !== undefined && { minStage: options.minStage }),
    ...(minCompleteness !== undefined && { minCompleteness }),
    ...(options.target !== undefined && { target: options.target }),
    grouped: groupBy !== undefined,
  };
  const run = await prepareRun(plan, io.cwd);
  const { reporter, reportOptions } = run;
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
    const problem = lacking(run, await run.rubrics.get(options.rubric));
    if (problem !== undefined) throw new UserError(problem);
  }
  const { files, found, problems: globProblems } = await expandFiles(args, io.cwd);
  for (const problem of globProblems) {
    for (const line of problem.lines()) io.stderr.write(`${line}\n`);
  }
  let failed = globProblems.length > 0;
  // For a large batch that streams, heaps kept near their live size while it is scored (see
  // heap.ts). Not for teams, markdown or html: they hold what they score to the end by design, and
  // with more of the heap alive, more frequent full collections cost more (10,000 files in 100
  // teams: 1.5 s without, 1.6 to 1.8 s with).
  const restoreHeaps =
    files.length >= LARGE_BATCH && !plan.grouped && !reporter.holdsResults
      ? (await import('../batch/heap.js')).keepHeapsNearLive()
      : undefined;

  const sink = openSink(
    io.stdout,
    options.output === undefined
      ? undefined
      : { path: resolve(io.cwd, options.output), shown: options.output },
  );
  const rows: SummaryRow[] = [];
  const kept = new KeptRows();
  let results = 0;
  const belowStage: string[] = [];
  const incomplete: string[] = [];
  const progress = progressLine(io, files.length);
  /** Writes a file's (or team's) report and keeps its summary row. */
  const write = (report: FileReport) => {
    if (report.scored && results > 0) sink.write(reporter.separator);
    sink.write(report.scored ? report.chunk : failureChunk(run, report));
    if (reporter.summarises || !report.scored) rows.push(kept.row(report));
    if (!report.scored) return;
    results += 1;
    if (report.lacking !== undefined) {
      // The result is reported; what its rubric lacks is said once, and the run exits 2.
      progress.clear();
      sayOnce(report.lacking);
      failed = true;
    }
    if (report.belowStage !== undefined) belowStage.push(report.belowStage);
    if (report.incomplete !== undefined) incomplete.push(report.incomplete);
  };

  const members: MemberFile[] = [];
  // Nothing is written before the first file has scored: a stage its rubric lacks stops the run
  // with no output, as it does with --rubric. Invalid files before it wait.
  const head = reporter.begin(reportOptions);
  let waiting: FileReport[] | undefined = [];
  const fileWarnings = new FileWarnings((line) => {
    progress.clear();
    io.stderr.write(`${line}\n`);
  });
  try {
    for await (const report of reportFiles(run, files, found, io)) {
      progress.tick();
      if (report.problems.length > 0) progress.clear();
      for (const warning of report.warnings) fileWarnings.add(report.file, warning);
      for (const line of report.problems) sayOnce(line);
      if (!report.scored) failed = true;
      if (waiting) {
        if (!report.scored) {
          waiting.push(report);
          continue;
        }
        if (report.lacking !== undefined) throw new UserError(report.lacking);
        sink.write(head);
        for (const held of waiting) write(held);
        waiting = undefined;
      }
      if (report.member || report.packed) {
        // Its rubric from this thread's cache: a worker's rubric is another object.
        const rubric = await rubricForAnswers(
          run.rubrics,
          resolve(io.cwd, report.file),
          plan.rubric,
          { answers: report.member?.answers ?? report.packed!.file } as AnswersSource,
        );
        const member = report.member ?? unpackMember(report.packed!, rubric, report.file);
        members.push({ file: report.file, rubric, ...member });
      } else write(report);
      const blocked = sink.blocked;
      if (blocked) await blocked;
    }
    progress.clear();
    fileWarnings.rest();
    if (waiting) {
      sink.write(head);
      for (const held of waiting) write(held);
    }
    if (groupBy) {
      for (const group of groupFiles(members, groupBy)) {
        // A reporter that reads only where a team stands gets that (CSV: no disagreements).
        const scored = scoreGroup(
          group,
          groupBy,
          { combine, moves, target: run.targetFor },
          reporter.reads === 'standing',
        );
        if ('problem' in scored) {
          failed = true;
          sayOnce(scored.problem);
          write(reportFailure(run, scored.failure));
        } else {
          write(reportResult(run, scored.result));
        }
      }
    }
    const footer = reporter.end(rows, reportOptions, results);
    for (const piece of typeof footer === 'string' ? [footer] : footer) {
      sink.write(piece);
      const blocked = sink.blocked;
      if (blocked) await blocked;
    }
    sink.close();
  } catch (error) {
    progress.clear();
    sink.abort();
    // What the files scored so far were warned of, before why the run stopped.
    fileWarnings.rest();
    throw error;
  } finally {
    restoreHeaps?.();
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

/**
 * The reports of `files` in order: scored here until the first file scores, then, for a large
 * batch of a reporter that streams, in worker threads (see pool.ts); else here, one by one. A
 * batch is large when, after scoring here for a moment (PROBE_MS), what is left would take longer
 * than starting workers costs (see workersPay); `MATURITY_THREADS` decides instead when set.
 * `probeFor` makes the judge (tests give one that decides when they say).
 */
export async function* reportFiles(
  run: ScoreRun,
  files: readonly string[],
  found: FileSet,
  io: Pick<Io, 'env' | 'stdin'>,
  probeFor: (total: number, threads: number) => Pick<Probe, 'after'> = (total, threads) =>
    new Probe(total, threads, () => performance.now()),
): AsyncGenerator<FileReport> {
  const at = (i: number): FileToScore => ({ file: files[i]!, found: found.has(files[i]!) });
  // Standard input only when it is read: opening it costs a stream.
  const stdin = files.includes(STDIN) ? io.stdin : undefined;
  let i = 0;
  let prime: FileToScore | undefined;
  while (i < files.length && !prime) {
    const file = at(i);
    const report = await reportFile(run, file, stdin);
    if (report.scored) prime = file;
    i += 1;
    yield report;
  }
  // Team members are scored in workers too (a reporter that holds its results holds only the
  // teams'); they come back packed, which copies fast and keeps them small (see members.ts).
  const streams = prime !== undefined && (run.plan.grouped || !run.reporter.holdsResults) && !stdin;
  const asked = askedThreads(io.env);
  const cores = coreThreads();
  let threads = streams ? (asked ?? 0) : 0;
  if (streams && asked === undefined && cores > 0 && i < files.length) {
    // Scored here while the rate is measured (after the first moments, which compile the code).
    // Workers are not started meanwhile: on two cores, starting them at once slowed down the
    // batches that proved small (5,000 files as csv: 0.95 s alone, 1.12 s with a worker) more
    // than it sped up the others.
    const probe = probeFor(files.length, cores);
    let work = 0;
    while (i < files.length) {
      const start = performance.now();
      const report = await reportFile(run, at(i), stdin);
      work += performance.now() - start;
      yield report;
      i += 1;
      const verdict = i % 32 === 0 ? probe.after(i, work) : undefined;
      if (verdict === undefined) continue;
      if (verdict === 'workers') threads = cores;
      break;
    }
  }
  if (threads > 0 && i < files.length) {
    const { reportInWorkers, startWorkers } = await import('../batch/pool.js');
    const from = i;
    yield* reportInWorkers(
      startWorkers(
        { plan: run.plan, cwd: run.cwd, prime: prime!, rubrics: await run.rubrics.loaded() },
        threads,
        askedHeap(io.env),
      ),
      files.length - from,
      (index) => at(from + index),
      run.cwd,
      (file) => reportFile(run, file, stdin),
      // Asked for a number of workers, the workers score; else the main thread joins them.
      asked === undefined,
    );
    return;
  }
  for (; i < files.length; i += 1) yield await reportFile(run, at(i), stdin);
}

/**
 * Summary rows as a run keeps them to the end (one per file: 100,000 of them for a large batch),
 * their parts shared where they repeat: a row's stage is one of a few, its file is the name in the
 * run's own list (a worker's row holds a copy), and labels repeat across an organization's files.
 */
class KeptRows {
  private readonly stages = new Map<string, (SummaryRow & { status: 'ok' })['currentStage']>();
  private readonly labels = new Map<string, string>();

  row(report: FileReport): SummaryRow {
    const { row } = report;
    if (row.status !== 'ok') return row;
    const stage = row.currentStage;
    const key = `${stage.number}\u0000${stage.id ?? ''}\u0000${stage.name ?? ''}`;
    let currentStage = this.stages.get(key);
    if (currentStage === undefined) {
      currentStage = stage;
      this.stages.set(key, stage);
    }
    let { who } = row;
    if (who !== null) {
      // Labels repeat (an organization's files); kept once, up to a bound.
      const label = this.labels.get(who);
      if (label !== undefined) who = label;
      else if (this.labels.size < 10_000) this.labels.set(who, who);
    }
    // Kept as an object made here, of one shape for every row: a row from a worker thread, as
    // its message made it, takes more (100,000 files as text piped: 195 MB peak, 179 with this).
    return {
      status: 'ok',
      kind: row.kind === 'team' ? 'team' : 'file',
      who,
      source: report.file !== '' && row.source === report.file ? report.file : row.source,
      stageCount: row.stageCount,
      currentStage,
      maturityIndex: row.maturityIndex,
      completeness: row.completeness,
      gate: row.gate,
    };
  }
}
