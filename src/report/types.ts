import type { Assessment, Change, Standing, TeamResult, TeamStanding } from '../engine/types.js';
import type { Problem } from '../problems/user-error.js';
import type { Rubric } from '../rubric/types.js';
import type { Paint } from '../format/paint.js';

/** The fields files are grouped by (`--group-by`). */
export type GroupField = 'organization' | 'unit';

/** What every reporter renders: one scored answers file, or one team (a group of files). */
export interface Result {
  /** The file path as given (after glob expansion); null for a team. */
  source: string | null;
  organization?: string;
  unit?: string;
  respondent?: string;
  role?: string;
  assessedAt?: string;
  rubric: Rubric;
  assessment: Assessment;
  /** For a team: the fields grouped by and this group's values of them ('' when missing). */
  group?: { by: GroupField[]; key: string[] };
  /** For a team: members, agreement, disagreements and roles. */
  team?: TeamResult;
  /** Whether the result passes `--min-stage` / `--min-completeness`; absent without them. */
  gate?: Gate;
}

/** A result with only its standing: what a reporter that reads nothing else is given (a team's
 *  with its members and agreement, not its disagreements and roles). */
export interface StandingResult extends Omit<Result, 'assessment' | 'team'> {
  assessment: Standing;
  team?: TeamStanding;
}

/** One organization and unit followed over time (SPEC §9): what progress reporters render. */
export interface ProgressGroup {
  /** '' when the files name none. */
  organization: string;
  unit: string;
  /** The rubric of the latest assessment. */
  rubric: Rubric;
  /** One assessment per date, oldest first; several files of one date are one team. */
  timeline: { date: string; members: number; result: Result }[];
  /** From the baseline to the latest assessment; null with a single assessment. */
  change: Change | null;
}

/** Options every reporter takes. */
export interface ReportOptions {
  color: boolean;
  /** The styles to colour with (plain when `color` is off); see `loadPaint`. */
  paint: Paint;
}

/** A reporter renders scored files; pure: same input, byte-identical output. */
export type Reporter = (results: readonly Result[], options: ReportOptions) => string;

/**
 * A reporter that can also stream: a header, one chunk per file (scored, or invalid), and a
 * footer, so batch runs never hold every result in memory. Concatenated, with `separator` between
 * two results, the pieces equal the whole report. A result's chunk depends on nothing but the
 * result and what the reporter saw before the first one (CSV's columns), so chunks can be rendered
 * apart (in worker threads) and joined in order.
 */
export type StreamingReporter = FullReporter | StandingReporter;

/** A streaming reporter that renders whole results. */
export interface FullReporter extends ReporterParts {
  reads?: undefined;
  // A property, not a method: its parameter is then checked strictly (contravariantly).
  item: (result: Result, options: ReportOptions) => string;
}

/**
 * A streaming reporter that reads only where a result stands (`reads: 'standing'`): batches
 * given to it skip the gaps, path, moves and benchmarks (it is also given whole results).
 */
export interface StandingReporter extends ReporterParts {
  reads: 'standing';
  // A property: a reporter that says it reads the standing cannot take a whole Result here.
  item: (result: StandingResult, options: ReportOptions) => string;
}

/** What every streaming reporter has besides its `item`. */
interface ReporterParts {
  begin(options: ReportOptions): string;
  /** Written between two results' chunks (not around invalid files' chunks). */
  separator: string;
  /** A file that could not be scored: reported, not dropped (its problems also go to stderr). */
  invalid(failure: Failure, options: ReportOptions): string;
  /**
   * The footer. `rows` are the summary rows of every file, or, for a reporter that lists only the
   * invalid ones (`summarises` false), of the invalid files alone, so that a batch of any size
   * keeps nothing per scored file; `scored` is how many results were rendered. A long footer (a
   * summary of 100,000 files) may come in pieces, written one after the other.
   */
  end(
    rows: readonly SummaryRow[],
    options: ReportOptions,
    scored: number,
  ): string | Iterable<string>;
  /** Whether `end` lists the scored files (a summary table), and so needs their rows. */
  summarises: boolean;
  /** True when `item` keeps the result for `end` (a summary comes first) instead of rendering it. */
  holdsResults?: boolean;
}

/** A file that could not be scored, or a team (`source` then names it: "group Acme"), and why. */
export interface Failure {
  source: string;
  problems: Problem[];
  /** For a team: the fields grouped by and the group's values of them, as a team's result has. */
  group?: { by: GroupField[]; key: string[] };
}

/** The checks `--min-stage` and `--min-completeness` make of a result (null fields when not asked). */
export interface Gate {
  minimum: { number: number; id: string | null; name: string | null } | null;
  /** A share in [0, 1]. */
  minimumCompleteness: number | null;
  passed: boolean;
}

/** The little a summary needs of each file, kept for the end of a streamed report. */
export type SummaryRow =
  | {
      status: 'ok';
      /** A file, or a team (several files combined). */
      kind: 'file' | 'team';
      /** Who the result is about (organization · unit), or null. */
      who: string | null;
      /** The file, or the team's size ("5 respondents"). */
      source: string;
      stageCount: number;
      /** Shared by the rows of a run that are at the same stage: never changed. */
      currentStage: Readonly<Assessment['currentStage']>;
      maturityIndex: number;
      completeness: number;
      gate: Gate | null;
    }
  | { status: 'invalid'; source: string; problems: Problem[]; group?: Failure['group'] };
