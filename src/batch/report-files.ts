import { formatProblem } from '../problems/user-error.js';
import { colorOptions } from '../format/paint.js';
import { reaches } from '../engine/score.js';
import { reporters, type Format } from '../report/index.js';
import { failureRow, summaryRow } from '../report/outline.js';
import type {
  Failure,
  Gate,
  ReportOptions,
  Result,
  StandingResult,
  StreamingReporter,
  SummaryRow,
} from '../report/types.js';
import { whoLabel } from '../report/wording.js';
import type { Rubric } from '../rubric/types.js';
import { stageOption } from './gate.js';
import { RubricCache } from './rubric-cache.js';
import { scoreFile, STDIN_NAME, type ReadAnswers, type ScoringOptions } from './score-files.js';
import { STDIN, type FileSet } from './expand.js';
import { metadataOf } from '../answers/types.js';
import { packMember, type KeptMember, type PackedMember } from './members.js';
import { keptForTeam } from '../answers/keep.js';

/**
 * What `maturity score` was asked, as plain data: the main thread and every worker thread build
 * the same run from it, so a report rendered in a worker is the one the main thread would render.
 */
export interface ScorePlan {
  format: Format;
  color: boolean;
  /** `--rubric` as given (resolved against the working folder). */
  rubric?: string;
  moves: number;
  strict: boolean;
  minStage?: string;
  /** `--min-completeness` as a share in [0, 1]. */
  minCompleteness?: number;
  target?: string;
  /** With `--group-by`, files are kept as team members instead of being reported one by one. */
  grouped: boolean;
}

/** A plan made ready: its reporter, rubrics and the stage options worked out per rubric. */
export interface ScoreRun {
  plan: ScorePlan;
  cwd: string;
  reporter: StreamingReporter;
  reportOptions: ReportOptions;
  rubrics: RubricCache;
  minimumFor: (rubric: Rubric) => number | string | undefined;
  targetFor: (rubric: Rubric) => number | string | undefined;
  /** In a worker thread: team members are packed for the main thread (see members.ts). */
  packsMembers: boolean;
}

/** Builds the run of a plan (loads its reporter, and chalk when colour is on); `inWorker` for a
 *  worker thread's. */
export async function prepareRun(
  plan: ScorePlan,
  cwd: string,
  inWorker = false,
): Promise<ScoreRun> {
  const [reporter, reportOptions] = await Promise.all([
    reporters[plan.format](),
    colorOptions(plan.color),
  ]);
  return {
    plan,
    cwd,
    reporter,
    reportOptions,
    rubrics: new RubricCache(cwd),
    minimumFor: stageOption(plan.minStage, '--min-stage'),
    targetFor: stageOption(plan.target, '--target'),
    packsMembers: inWorker,
  };
}

/** Why `rubric` lacks a stage that --min-stage or --target names, if it does. */
export function lacking(run: ScoreRun, rubric: Rubric): string | undefined {
  const problem = [run.minimumFor(rubric), run.targetFor(rubric)].find(
    (stage) => typeof stage === 'string',
  );
  return problem === undefined ? undefined : `maturity: ${problem}`;
}

/** What reporting one file (or team) takes, worked out apart from writing it. */
export interface FileReport {
  /** The file as given; '' for a team. */
  file: string;
  warnings: string[];
  /** The lines of the problems that stopped the file (empty when it scored). */
  problems: string[];
  scored: boolean;
  /** The reporter's chunk: the result's item, or the invalid file's entry. */
  chunk: string;
  row: SummaryRow;
  /** What the result's rubric lacks of --min-stage or --target (said once; the run exits 2). */
  lacking?: string;
  /** The result's name when it is below --min-stage. */
  belowStage?: string;
  /** The result's name when it is below --min-completeness. */
  incomplete?: string;
  /** With --group-by: the file's answers and its own result in brief, for its team. */
  member?: KeptMember;
  /** The same, as a worker thread sends it to the main thread (see members.ts). */
  packed?: PackedMember;
}

/** The gate of a result: --min-stage and --min-completeness checked against it. */
function gateOf(run: ScoreRun, result: StandingResult): Gate | undefined {
  const { minStage, minCompleteness } = run.plan;
  if (minStage === undefined && minCompleteness === undefined) return undefined;
  const minimum = run.minimumFor(result.rubric);
  const stage = typeof minimum === 'number' ? minimum : undefined;
  const gate: Gate = {
    minimum:
      stage === undefined
        ? null
        : {
            number: stage,
            id: stage === 0 ? null : result.rubric.stages[stage - 1]!.id,
            name: stage === 0 ? null : result.rubric.stages[stage - 1]!.name,
          },
    minimumCompleteness: minCompleteness ?? null,
    passed: false,
  };
  gate.passed = !belowStage(result, gate) && !belowCompleteness(result, gate);
  return gate;
}

function belowStage(result: StandingResult, gate: Gate): boolean {
  return gate.minimum !== null && result.assessment.currentStage.number < gate.minimum.number;
}

function belowCompleteness(result: StandingResult, gate: Gate): boolean {
  return (
    gate.minimumCompleteness !== null &&
    !reaches(result.assessment.completeness, gate.minimumCompleteness)
  );
}

/** Renders a scored file or team with its gate (a standing only for a reporter that reads no more). */
export function reportResult(
  run: ScoreRun,
  scored: Result | StandingResult,
  file = '',
): FileReport {
  const gate = gateOf(run, scored);
  const result = gate ? { ...scored, gate } : scored;
  const name = result.source ?? whoLabel(result) ?? '';
  const report: FileReport = {
    file,
    warnings: [],
    problems: [],
    scored: true,
    chunk: renderItem(run.reporter, result, run.reportOptions),
    row: summaryRow(result),
  };
  const missing = lacking(run, scored.rubric);
  if (missing !== undefined) report.lacking = missing;
  if (gate && belowStage(result, gate)) report.belowStage = name;
  if (gate && belowCompleteness(result, gate)) report.incomplete = name;
  return report;
}

/** A reporter's chunk for a result: a whole one, unless the reporter reads only the standing. */
function renderItem(
  reporter: StreamingReporter,
  result: Result | StandingResult,
  options: ReportOptions,
): string {
  if (reporter.reads === 'standing') return reporter.item(result, options);
  if (!isWhole(result)) throw new Error('a reporter of whole results was given a standing only');
  return reporter.item(result, options);
}

function isWhole(result: Result | StandingResult): result is Result {
  return 'gaps' in result.assessment;
}

/**
 * The report of a file that could not be scored, or of a team (`failure.group`) that could not be:
 * its problems are said on stderr (a team's by the caller), its row and entry are in the report.
 */
export function reportFailure(run: ScoreRun, failure: Failure): FileReport {
  return {
    file: failure.group ? '' : failure.source,
    warnings: [],
    problems: failure.group ? [] : failure.problems.map(formatProblem),
    scored: false,
    // With --group-by, the reporter's layout (CSV's columns) waits for the first team, which the
    // main thread scores at the end: there, not in a worker, the entry is rendered (failureChunk).
    chunk: run.plan.grouped ? '' : run.reporter.invalid(failure, run.reportOptions),
    row: failureRow(failure),
  };
}

/** The reporter's entry for a file (or team) that could not be scored, as the main thread writes
 *  it (a failure's row holds the failure). */
export function failureChunk(run: ScoreRun, report: FileReport): string {
  const { row } = report;
  if (!run.plan.grouped || row.status !== 'invalid') return report.chunk;
  return run.reporter.invalid(row, run.reportOptions);
}

/** The file set of a file a glob found, for scoreFile (which asks it only of that file). */
const EVERY_FILE: FileSet = { has: () => true };

/** Where a file comes from: typed by the user, or found by the tool's glob (regular files only). */
export interface FileToScore {
  file: string;
  found: boolean;
}

/** Scores one file and renders its report (or, with --group-by, keeps it for its team). */
export async function reportFile(
  run: ScoreRun,
  { file, found }: FileToScore,
  stdin?: AsyncIterable<unknown>,
  read?: ReadAnswers,
): Promise<FileReport> {
  const options: ScoringOptions = {
    ...(run.plan.rubric !== undefined && { rubric: run.plan.rubric }),
    moves: run.plan.moves,
    strict: run.plan.strict,
    target: run.targetFor,
    ...(stdin && { stdin }),
    ...(found && { found: EVERY_FILE }),
    ...(run.plan.grouped && { member: true }),
    ...(run.reporter.reads === 'standing' && { standing: true }),
  };
  const outcome = await scoreFile(file, run.cwd, run.rubrics, options, read);
  const shown = file === STDIN ? STDIN_NAME : file;
  const scored = outcome.result ?? outcome.standing;
  let report: FileReport;
  if (outcome.member) {
    // A member is reported with its team; what its rubric lacks stops the run if it is the first.
    const { rubric, scores } = outcome.member;
    const missing = lacking(run, rubric);
    const answers = outcome.answers!;
    const member = { answers: keptForTeam(answers, rubric), scores };
    report = {
      file: shown,
      warnings: [],
      problems: [],
      scored: true,
      chunk: '',
      row: summaryRow({ source: shown, ...metadataOf(answers), rubric, assessment: scores }),
      // Kept to the end of the batch here; a worker's crosses to the main thread packed.
      ...(run.packsMembers ? { packed: packMember(member, rubric) } : { member }),
      ...(missing !== undefined && { lacking: missing }),
    };
  } else if (scored) {
    report = reportResult(run, scored, shown);
  } else {
    report = reportFailure(run, { source: shown, problems: outcome.problems });
  }
  report.warnings = outcome.warnings;
  return report;
}
