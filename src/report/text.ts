import type { Assessment, BenchmarkResult, StageResult } from '../engine/types.js';
import { paint } from './paint.js';
import type { ReportOptions, ScoredFile, StreamingReporter, SummaryRow } from './types.js';
import {
  benchmarkMark,
  benchmarkSentence,
  completenessLine,
  headline,
  nonLinearNotes,
  pathSentence,
  stageName,
  whereLabel,
} from './wording.js';
import { percent, twoDecimals, wrap } from './wrap.js';

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
  const { assessment: a, rubric } = result;
  const out: string[] = [];
  const who = [result.organization, result.unit].filter(Boolean).join(' · ');
  out.push(c.bold(who || result.source) + (who ? c.dim(`  ${result.source}`) : ''));
  out.push(c.dim(`${rubric.title} ${rubric.version}`));
  out.push('');
  out.push(c.bold(headline(a, rubric)));
  out.push(completenessLine(a));

  out.push('', c.bold('Stages') + c.dim('  score against threshold (|)'));
  const nameWidth = Math.min(16, Math.max(...a.stages.map((s) => s.name.length)));
  for (const stage of a.stages) out.push(stageLine(stage, nameWidth, a, c));

  const notes = nonLinearNotes(a, rubric);
  if (notes.length > 0) {
    out.push('', c.bold('Not a straight line'));
    for (const note of notes) out.push(`  ${wrap(note, WIDTH - 2, '  ')}`);
  }

  if (a.gaps.length > 0) {
    out.push(
      '',
      c.bold('Gaps') + c.dim('  tenets below their stage threshold, largest impact first'),
    );
    out.push(c.dim('  impact  score    stage › tenet'));
    for (const gap of a.gaps) {
      const numbers = `${twoDecimals(gap.impact).padStart(6)}  ${`${percent(gap.score)}/${percent(gap.threshold)}`.padEnd(7)}  `;
      const label = wrap(
        whereLabel(rubric, gap.stage, gap.tenet),
        WIDTH - 2 - numbers.length,
        ' '.repeat(2 + numbers.length),
      );
      out.push(`  ${c.dim(numbers)}${label}`);
    }
  }

  if (a.path) {
    out.push('', c.bold(`Path to ${stageName(rubric, a.path.stage)}`));
    out.push(`  ${wrap(pathSentence(rubric, a.path), WIDTH - 2, '  ')}`);
  } else {
    out.push('', c.bold('Top stage reached') + ' — keep every stage above its threshold.');
  }

  if (a.moves.length > 0) {
    out.push('', c.bold('Recommended moves'));
    a.moves.forEach((move, i) => {
      const label = `${i + 1}. `;
      const where = c.dim(whereLabel(rubric, move.stage, move.tenet));
      out.push(
        `  ${label}${wrap(move.text, WIDTH - 2 - label.length, ' '.repeat(2 + label.length))}`,
      );
      out.push(`${' '.repeat(2 + label.length)}${where}`);
    });
  }

  if (a.unanswered.length > 0) {
    out.push('', c.bold(`Unanswered (${a.unanswered.length})`) + c.dim('  scored as 0'));
    out.push(`  ${wrap(a.unanswered.join(', '), WIDTH - 2, '  ')}`);
  }

  if (a.benchmarks.length > 0) {
    out.push('', c.bold('Benchmarks'));
    for (const benchmark of a.benchmarks) out.push(...benchmarkLines(benchmark, c));
  }
  return `${out.join('\n')}\n`;
}

function stageLine(
  stage: StageResult,
  nameWidth: number,
  a: Assessment,
  c: ReturnType<typeof paint>,
): string {
  const name = `${stage.number} ${stage.name.slice(0, nameWidth).padEnd(nameWidth)}`;
  if (stage.score === null) return `  ${name} ${c.dim('n/a (every question answered n/a)')}`;
  const mark = Math.min(BAR - 1, Math.round(stage.threshold * BAR));
  // The fill reaches the threshold mark only when the stage is attained, whatever the rounding.
  const filled = stage.attained
    ? Math.max(Math.round(stage.score * BAR), mark)
    : Math.min(Math.floor(stage.score * BAR), mark - 1);
  let bar = '';
  for (let i = 0; i < BAR; i += 1) bar += i === mark ? '|' : i < filled ? '█' : '░';
  const colour = stage.attained
    ? c.green
    : stage.number <= a.currentStage.number + 1
      ? c.yellow
      : c.dim;
  const status = stage.attained
    ? 'attained'
    : stage.number === a.currentStage.number + 1
      ? 'next'
      : 'not attained';
  return `  ${name} ${colour(bar)} ${percent(stage.score).padStart(4)} / ${percent(stage.threshold).padStart(4)}  ${colour(status)}`;
}

function benchmarkLines(b: BenchmarkResult, c: ReturnType<typeof paint>): string[] {
  const mark = benchmarkMark(b);
  const painted = mark === '✓' ? c.green(mark) : mark === '✗' ? c.yellow(mark) : c.dim(mark);
  return [
    `  ${wrap(`${painted} ${benchmarkSentence(b)}`, WIDTH - 2, '    ')}`,
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
      row.source,
    ]);
  }
  const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
  const lines = table.map((r, n) => {
    const line = r
      .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!)))
      .join('  ');
    return n === 0 ? c.bold(line) : line;
  });
  return `${c.bold(`Summary of ${rows.length} files`)}\n${lines.join('\n')}\n`;
}

/** Cuts text to `width` characters with an ellipsis. */
function shorten(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}
