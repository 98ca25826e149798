import { escapeControls } from '../problems/describe.js';
import type { ScoredFile, StreamingReporter } from './types.js';

/** RFC 4180 ends every record with CRLF. */
const EOL = '\r\n';

const FIXED_COLUMNS = [
  'file',
  'organization',
  'unit',
  'rubric',
  'current_stage',
  'current_stage_id',
  'current_stage_name',
  'maturity_index',
  'completeness',
] as const;

interface StageColumn {
  number: number;
  id: string;
}

/**
 * One row per answers file, for a spreadsheet (RFC 4180). The stage columns come from the first
 * file's rubric, so the header is written with the first row: `begin` returns '' and a run with no
 * files prints nothing at all, since a header alone would need a rubric we never saw.
 *
 * The stage columns are set by the first row and kept for the others, so each run needs a reporter
 * of its own (the registry makes one per run).
 */
export function createCsvReporter(): StreamingReporter {
  let columns: StageColumn[] = [];
  return {
    begin: () => '',
    item: (result, index) => {
      if (index > 0) return csvRow(result, columns);
      columns = stageColumns(result);
      return csvHeader(columns) + csvRow(result, columns);
    },
    end: () => '',
  };
}

function stageColumns(result: ScoredFile): StageColumn[] {
  return result.rubric.stages.map((stage, i) => ({ number: i + 1, id: stage.id }));
}

function csvHeader(columns: readonly StageColumn[]): string {
  return record([...FIXED_COLUMNS, ...columns.map((c) => `stage_${c.number}_${c.id}`)]);
}

/**
 * A file's row. A stage cell holds the unrounded score of the file's stage with that column's id,
 * empty when the stage is n/a or the file's rubric has no such stage (a batch mixing rubrics).
 */
function csvRow(result: ScoredFile, columns: readonly StageColumn[]): string {
  const a = result.assessment;
  const scores = new Map(a.stages.map((stage) => [stage.id, stage.score]));
  return record([
    // A file name may hold control characters: shown escaped, as in the other reports.
    guardFormula(escapeControls(result.source)),
    guardFormula(result.organization ?? ''),
    guardFormula(result.unit ?? ''),
    guardFormula(a.rubric.id),
    String(a.currentStage.number),
    guardFormula(a.currentStage.id ?? ''),
    guardFormula(a.currentStage.name ?? ''),
    String(a.maturityIndex),
    String(a.completeness),
    ...columns.map((column) => {
      const score = scores.get(column.id);
      return score === undefined || score === null ? '' : String(score);
    }),
  ]);
}

function record(cells: readonly string[]): string {
  return cells.map(field).join(',') + EOL;
}

/** A field, quoted when it holds a comma, a quote, CR or LF; quotes doubled (RFC 4180 §2). */
export function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Text from a rubric or an answers file, defused against formula injection: a spreadsheet would run
 * a cell starting with =, +, -, @, tab or CR, so such a cell gets a leading single quote (OWASP).
 */
export function guardFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
