import type { Assessment, Change, TeamResult } from '../engine/types.js';
import type { Problem } from '../problems/user-error.js';
import type { Rubric } from '../rubric/types.js';

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
}

/** A reporter renders scored files; pure: same input, byte-identical output. */
export type Reporter = (results: readonly Result[], options: ReportOptions) => string;

/**
 * A reporter that can also stream: a header, one chunk per file (scored, or invalid), and a
 * footer, so batch runs never hold every result in memory. Concatenated, the pieces equal the
 * whole report. `index` counts the results before this one (invalid files are not counted).
 */
export interface StreamingReporter {
  begin(options: ReportOptions): string;
  item(result: Result, index: number, options: ReportOptions): string;
  /** A file that could not be scored: reported, not dropped (its problems also go to stderr). */
  invalid(failure: Failure, options: ReportOptions): string;
  end(rows: readonly SummaryRow[], options: ReportOptions): string;
}

/** A file that could not be scored, and why. */
export interface Failure {
  source: string;
  problems: Problem[];
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
      currentStage: Assessment['currentStage'];
      maturityIndex: number;
      completeness: number;
      gate: Gate | null;
    }
  | { status: 'invalid'; source: string; problems: Problem[] };
