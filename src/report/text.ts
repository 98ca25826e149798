import { escapeControls } from '../problems/describe.js';
import { percent, twoDecimals } from '../format/numbers.js';
import { paint, type Paint } from '../format/paint.js';
import { columns } from '../format/table.js';
import { wrap } from '../format/wrap.js';
import {
  outline,
  unknownSection,
  type BenchmarkRow,
  type Section,
  type StageRow,
} from './outline.js';
import type { ReportOptions, ScoredFile, StreamingReporter, SummaryRow } from './types.js';

const WIDTH = 80;
const BAR = 24;

/** The human report: stage and index first, then bars, notes, gaps, path, moves, unanswered, benchmarks. */
export const textReporter: StreamingReporter = {
  begin: () => '',
  item: (result, index, options) => `${index === 0 ? '' : '\n'}${renderText(result, options)}`,
  end: (rows, options) => (rows.length > 1 ? `\n${renderSummary(rows, options)}` : ''),
};

/** Renders one scored file as text, readable at 80 columns with or without colour. */
export function renderText(result: ScoredFile, options: ReportOptions): string {
  const c = paint(options.color);
  const report = outline(result);
  const out: string[] = [];
  out.push(c.bold(report.who ?? report.source) + (report.who ? c.dim(`  ${report.source}`) : ''));
  out.push(c.dim(report.rubric));
  out.push('');
  out.push(c.bold(report.headline));
  out.push(report.completeness);
  for (const section of report.sections) out.push('', ...renderSection(section, c));
  return `${out.join('\n')}\n`;
}

function renderSection(section: Section, c: Paint): string[] {
  switch (section.kind) {
    case 'stages': {
      const nameWidth = Math.min(16, Math.max(...section.stages.map((s) => s.name.length)));
      return [
        c.bold('Stages') + c.dim('  score against threshold (|)'),
        ...section.stages.map((stage) => stageLine(stage, nameWidth, c)),
      ];
    }
    case 'notes':
      return [
        c.bold('Not a straight line'),
        ...section.notes.map((note) => `  ${wrap(note, WIDTH - 2, '  ')}`),
      ];
    case 'gaps':
      return [
        c.bold('Gaps') + c.dim('  tenets below their stage threshold, largest impact first'),
        c.dim('  impact  score    stage › tenet'),
        ...section.gaps.map((gap) => {
          const numbers = `${twoDecimals(gap.impact).padStart(6)}  ${`${percent(gap.score)}/${percent(gap.threshold)}`.padEnd(7)}  `;
          const label = wrap(gap.where, WIDTH - 2 - numbers.length, ' '.repeat(2 + numbers.length));
          return `  ${c.dim(numbers)}${label}`;
        }),
      ];
    case 'path':
      return [c.bold(`Path to ${section.stage}`), `  ${wrap(section.sentence, WIDTH - 2, '  ')}`];
    case 'top':
      return [c.bold('Top stage reached') + ' — keep every stage above its threshold.'];
    case 'moves':
      return [
        c.bold('Recommended moves'),
        ...section.moves.flatMap((move, i) => {
          const label = `${i + 1}. `;
          return [
            `  ${label}${wrap(move.text, WIDTH - 2 - label.length, ' '.repeat(2 + label.length))}`,
            `${' '.repeat(2 + label.length)}${c.dim(move.where)}`,
          ];
        }),
      ];
    case 'unanswered':
      return [
        c.bold(`Unanswered (${section.questions.length})`) + c.dim('  scored as 0'),
        `  ${wrap(section.questions.join(', '), WIDTH - 2, '  ')}`,
      ];
    case 'benchmarks':
      return [c.bold('Benchmarks'), ...section.benchmarks.flatMap((b) => benchmarkLines(b, c))];
    default:
      return unknownSection(section);
  }
}

function stageLine(stage: StageRow, nameWidth: number, c: Paint): string {
  const name = `${stage.number} ${stage.name.slice(0, nameWidth).padEnd(nameWidth)}`;
  if (stage.score === null) return `  ${name} ${c.dim('n/a (every question answered n/a)')}`;
  const attained = stage.status === 'attained';
  const mark = Math.min(BAR - 1, Math.round(stage.threshold * BAR));
  // The fill reaches the threshold mark only when the stage is attained, whatever the rounding.
  const filled = attained
    ? Math.max(Math.round(stage.score * BAR), mark)
    : Math.min(Math.floor(stage.score * BAR), mark - 1);
  let bar = '';
  for (let i = 0; i < BAR; i += 1) bar += i === mark ? '|' : i < filled ? '█' : '░';
  const colour = attained ? c.green : stage.status === 'next' ? c.yellow : c.dim;
  const status = attained ? 'attained' : stage.status === 'next' ? 'next' : 'not attained';
  return `  ${name} ${colour(bar)} ${percent(stage.score).padStart(4)} / ${percent(stage.threshold).padStart(4)}  ${colour(status)}`;
}

function benchmarkLines(b: BenchmarkRow, c: Paint): string[] {
  const painted =
    b.mark === '✓' ? c.green(b.mark) : b.mark === '✗' ? c.yellow(b.mark) : c.dim(b.mark);
  return [
    `  ${wrap(`${painted} ${b.sentence}`, WIDTH - 2, '    ')}`,
    `    ${c.dim(wrap(b.statement, WIDTH - 4, '    '))}`,
  ];
}

function renderSummary(rows: readonly SummaryRow[], options: ReportOptions): string {
  const c = paint(options.color);
  // The file goes last, whole: a long path may run past 80 columns without misaligning the rest.
  const table = [['STAGE', 'INDEX', 'ANSWERED', 'ORGANIZATION', 'FILE']];
  for (const row of rows) {
    table.push([
      `${row.currentStage.number}/${row.stageCount} ${row.currentStage.name ?? '(none)'}`,
      twoDecimals(row.maturityIndex),
      percent(row.completeness),
      shorten([row.organization, row.unit].filter(Boolean).join(' · ') || '-', 24),
      escapeControls(row.source),
    ]);
  }
  const lines = columns(table).map((line, n) => (n === 0 ? c.bold(line) : line));
  return `${c.bold(`Summary of ${rows.length} files`)}\n${lines.join('\n')}\n`;
}

/** Cuts text to `width` characters with an ellipsis. */
function shorten(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}
