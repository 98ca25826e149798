import { escapeControls } from '../problems/describe.js';
import type { Failure, GroupField, StandingReporter, StandingResult } from './types.js';

/** RFC 4180 ends every record with CRLF. */
const EOL = '\r\n';

/** A column: its header and its cell for a result (text from files is defused by `cell`). */
interface Column {
  name: string;
  cell(result: StandingResult): string;
}

const text = (value: string | null | undefined) => guardFormula(value ?? '');

/** The columns every row has, in order; new columns go after `unit` or at the end of this list. */
const FIXED_COLUMNS: Column[] = [
  // A file name is the one text no validation has seen: shown escaped, as in the other reports.
  { name: 'file', cell: (r) => text(r.source === null ? null : escapeControls(r.source)) },
  { name: 'organization', cell: (r) => text(r.organization) },
  { name: 'unit', cell: (r) => text(r.unit) },
  { name: 'respondent', cell: (r) => text(r.respondent) },
  { name: 'role', cell: (r) => text(r.role) },
  { name: 'assessed_at', cell: (r) => text(r.assessedAt) },
  { name: 'status', cell: () => 'ok' },
  { name: 'rubric', cell: (r) => text(r.assessment.rubric.id) },
  { name: 'current_stage', cell: (r) => String(r.assessment.currentStage.number) },
  { name: 'current_stage_id', cell: (r) => text(r.assessment.currentStage.id) },
  { name: 'current_stage_name', cell: (r) => text(r.assessment.currentStage.name) },
  { name: 'maturity_index', cell: (r) => String(r.assessment.maturityIndex) },
  { name: 'completeness', cell: (r) => String(r.assessment.completeness) },
  {
    name: 'target',
    cell: ({ assessment: { target } }) =>
      target === null ? '' : text(target.stage.id ?? String(target.stage.number)),
  },
  {
    name: 'target_reached',
    cell: ({ assessment: { target } }) => (target === null ? '' : String(target.reached)),
  },
  {
    name: 'target_progress',
    cell: ({ assessment: { target } }) => (target === null ? '' : String(target.progress)),
  },
];

/** With --min-stage or --min-completeness, whether the row passes. */
const GATE_COLUMN: Column = {
  name: 'gate_passed',
  cell: (r) => (r.gate === undefined ? '' : String(r.gate.passed)),
};

/** A team's row also says how many respondents it combines and how far they agree. */
const TEAM_COLUMNS: Column[] = [
  { name: 'members', cell: (r) => String(r.team?.members.length ?? '') },
  {
    name: 'agreement',
    cell: (r) => (r.team?.agreement === null || !r.team ? '' : String(r.team.agreement)),
  },
];

/**
 * One row per answers file (or per team with --group-by), for a spreadsheet (RFC 4180). The
 * stage columns come from the first result's rubric, so the header is written with the first row:
 * `begin` returns '' and a run with no results prints nothing at all, since a header alone would
 * need a rubric we never saw. A stage cell holds the unrounded score of the result's stage with that
 * column's id, empty when the stage is n/a or the result's rubric has no such stage (a batch mixing
 * rubrics).
 *
 * The columns are set by the first row and kept for the others, so each run needs a reporter of
 * its own (the registry makes one per run).
 */
export function createCsvReporter(): StandingReporter {
  let columns: Column[] | undefined;
  // Invalid files that come before the first result wait for the header its rubric decides.
  let waiting: Failure[] = [];
  const row = (result: StandingResult) => record(columns!.map((column) => column.cell(result)));
  // A team's row has no file, but the group's values (as a team's result row has).
  const invalidRow = (failure: Failure) =>
    record(
      (columns ?? FIXED_COLUMNS).map((column) => {
        if (column.name === 'status') return 'invalid';
        if (!failure.group)
          return column.name === 'file' ? text(escapeControls(failure.source)) : '';
        const i = failure.group.by.indexOf(column.name as GroupField);
        return i === -1 ? '' : text(failure.group.key[i]);
      }),
    );
  return {
    // No column needs more than a result's standing (scores, stage, index, target).
    reads: 'standing',
    begin: () => {
      columns = undefined;
      waiting = [];
      return '';
    },
    item: (result) => {
      if (columns) return row(result);
      columns = [
        ...FIXED_COLUMNS,
        ...(result.gate ? [GATE_COLUMN] : []),
        ...(result.team ? TEAM_COLUMNS : []),
        ...result.rubric.stages.map((stage, i) => stageColumn(i + 1, stage.id)),
      ];
      const held = waiting.map(invalidRow).join('');
      waiting = [];
      return record(columns.map((column) => column.name)) + held + row(result);
    },
    separator: '',
    invalid: (failure) => {
      if (columns) return invalidRow(failure);
      waiting.push(failure);
      return '';
    },
    summarises: false,
    end: () => {
      if (columns || waiting.length === 0) return '';
      // Nothing scored: the fixed columns only.
      const out =
        record(FIXED_COLUMNS.map((column) => column.name)) + waiting.map(invalidRow).join('');
      waiting = [];
      return out;
    },
  };
}

function stageColumn(number: number, id: string): Column {
  return {
    name: `stage_${number}_${id}`,
    cell: (result) => {
      const score = result.assessment.stages.find((stage) => stage.id === id)?.score;
      return score === undefined || score === null ? '' : String(score);
    },
  };
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
