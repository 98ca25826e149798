import type { Assessment } from '../engine/types.js';
import type { Rubric } from '../rubric/types.js';

/** One scored answers file: what every reporter renders. */
export interface ScoredFile {
  /** The file path as given (after glob expansion). */
  source: string;
  organization?: string;
  unit?: string;
  respondent?: string;
  role?: string;
  assessedAt?: string;
  rubric: Rubric;
  assessment: Assessment;
}

/** Options every reporter takes. */
export interface ReportOptions {
  color: boolean;
}

/** A reporter renders scored files; pure: same input, byte-identical output. */
export type Reporter = (results: readonly ScoredFile[], options: ReportOptions) => string;

/**
 * A reporter that can also stream: a header, one chunk per file, and a footer, so batch runs never
 * hold every result in memory. Concatenated, the pieces equal the whole report.
 */
export interface StreamingReporter {
  begin(options: ReportOptions): string;
  item(result: ScoredFile, index: number, options: ReportOptions): string;
  end(results: readonly SummaryRow[], options: ReportOptions): string;
}

/** The little a summary needs of each file, kept for the end of a streamed report. */
export interface SummaryRow {
  source: string;
  organization?: string;
  unit?: string;
  stageCount: number;
  currentStage: Assessment['currentStage'];
  maturityIndex: number;
  completeness: number;
}

/** The summary row of a scored file. */
export function summaryRow(result: ScoredFile): SummaryRow {
  return {
    source: result.source,
    ...(result.organization !== undefined && { organization: result.organization }),
    ...(result.unit !== undefined && { unit: result.unit }),
    stageCount: result.rubric.stages.length,
    currentStage: result.assessment.currentStage,
    maturityIndex: result.assessment.maturityIndex,
    completeness: result.assessment.completeness,
  };
}
