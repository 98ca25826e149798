import type { Assessment, BenchmarkResult, StageResult } from '../engine/types.js';
import type { Rubric } from '../rubric/types.js';
import { paint } from './paint.js';
import type { ReportOptions, ScoredFile, StreamingReporter, SummaryRow } from './types.js';
import { percent, twoDecimals, wrap } from './wrap.js';

const WIDTH = 80;
const BAR = 24;
/** Tenet ids that mark a centre of excellence: attaining their stage over foundation gaps is the CoE trap. */
const CENTER_OF_EXCELLENCE = new Set(['center-of-excellence', 'centre-of-excellence']);

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
  const answered = a.stages.reduce(
    (n, s) => n + s.tenets.reduce((m, t) => m + t.questions.length, 0),
    0,
  );
  out.push(
    `Completeness ${percent(a.completeness)} (${answered - a.unanswered.length} of ${answered} questions answered)`,
  );

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
    for (const gap of a.gaps) {
      const stage = stageName(rubric, gap.stage);
      const tenet = tenetTitle(rubric, gap.tenet);
      out.push(
        `  ${wrap(`${stage} › ${tenet}`, 50, '    ')} ` +
          c.dim(
            `${percent(gap.score)} of ${percent(gap.threshold)}, impact ${twoDecimals(gap.impact)}`,
          ),
      );
    }
  }

  if (a.path) {
    const stage = stageName(rubric, a.path.stage);
    out.push('', c.bold(`Path to ${stage}`));
    const titles = a.path.tenets.map((id) => tenetTitle(rubric, id));
    out.push(
      `  ${wrap(`Raise ${titles.length === 1 ? 'this tenet' : `these ${titles.length} tenets`} to full marks to attain ${stage}: ${titles.join('; ')}.`, WIDTH - 2, '  ')}`,
    );
  } else {
    out.push('', c.bold('Top stage reached') + ' — keep every stage above its threshold.');
  }

  if (a.moves.length > 0) {
    out.push('', c.bold('Recommended moves'));
    a.moves.forEach((move, i) => {
      const label = `${i + 1}. `;
      const where = c.dim(`${stageName(rubric, move.stage)} › ${tenetTitle(rubric, move.tenet)}`);
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

/** "Stage 3 of 6 — Engagement · index 3.45". */
export function headline(a: Assessment, rubric: Rubric): string {
  const of = rubric.stages.length;
  const stage =
    a.currentStage.number === 0
      ? `Stage 0 of ${of} — not yet at ${rubric.stages[0]!.name}`
      : `Stage ${a.currentStage.number} of ${of} — ${a.currentStage.name}`;
  return `${stage} · index ${twoDecimals(a.maturityIndex)}`;
}

function stageLine(
  stage: StageResult,
  nameWidth: number,
  a: Assessment,
  c: ReturnType<typeof paint>,
): string {
  const name = `${stage.number} ${stage.name.slice(0, nameWidth).padEnd(nameWidth)}`;
  if (stage.score === null) return `  ${name} ${c.dim('n/a (every question answered n/a)')}`;
  const filled = Math.round(stage.score * BAR);
  const mark = Math.min(BAR - 1, Math.round(stage.threshold * BAR));
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

function nonLinearNotes(a: Assessment, rubric: Rubric): string[] {
  const notes: string[] = [];
  const names = (ids: string[]) => ids.map((id) => stageName(rubric, id)).join(', ');
  if (a.ahead.length > 0) {
    notes.push(
      `Ahead: ${names(a.ahead)} ${a.ahead.length === 1 ? 'is' : 'are'} attained although an earlier stage is not; that work counts once the stages below it catch up.`,
    );
  }
  if (a.foundationGaps.length > 0) {
    notes.push(
      `Foundation gaps: ${names(a.foundationGaps)} ${a.foundationGaps.length === 1 ? 'is' : 'are'} not attained while a later stage is. Later work rests on these foundations; close them first.`,
    );
    const lowestGap = rubric.stages.findIndex((s) => s.id === a.foundationGaps[0]);
    const trap = a.stages.find(
      (s, i) =>
        i > lowestGap &&
        s.attained &&
        s.score !== null &&
        rubric.stages[i]!.tenets.some((t) => CENTER_OF_EXCELLENCE.has(t.id)),
    );
    if (trap) {
      notes.push(
        `Centre-of-excellence trap: ${trap.name} is attained on top of foundation gaps. A hub built before the listening, pilots and readiness work tends to stall when it tries to scale, and organizations in this position often have to start over. Shore up ${names(a.foundationGaps)} before growing the hub.`,
      );
    }
  }
  return notes;
}

function benchmarkLines(b: BenchmarkResult, c: ReturnType<typeof paint>): string[] {
  const subject = b.question ?? b.tenet ?? '';
  const share = percent(b.share);
  let head: string;
  if (b.value === null) {
    head = `${c.dim('–')} ${subject}: unanswered, so no comparison`;
  } else if (b.meets) {
    head = `${c.green('✓')} ${subject} = ${formatValue(b.value)}: you are among the ${share} who reach ${b.atLeast} or more`;
  } else {
    head = `${c.yellow('✗')} ${subject} = ${formatValue(b.value)}: below ${b.atLeast}, like the ${percent(1 - b.share)} who are not there yet`;
  }
  const lines = [
    `  ${wrap(head, WIDTH - 2, '    ')}`,
    `    ${c.dim(wrap(b.statement, WIDTH - 4, '    '))}`,
  ];
  return lines;
}

function formatValue(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

function renderSummary(rows: readonly SummaryRow[], options: ReportOptions): string {
  const c = paint(options.color);
  const table = [['FILE', 'ORGANIZATION', 'STAGE', 'INDEX', 'ANSWERED']];
  for (const row of rows) {
    table.push([
      row.source,
      [row.organization, row.unit].filter(Boolean).join(' · ') || '-',
      `${row.currentStage.number}/${row.stageCount} ${row.currentStage.name ?? '-'}`,
      twoDecimals(row.maturityIndex),
      percent(row.completeness),
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

function stageName(rubric: Rubric, id: string): string {
  return rubric.stages.find((s) => s.id === id)?.name ?? id;
}

function tenetTitle(rubric: Rubric, id: string): string {
  for (const stage of rubric.stages) {
    const tenet = stage.tenets.find((t) => t.id === id);
    if (tenet) return tenet.title;
  }
  return id;
}
