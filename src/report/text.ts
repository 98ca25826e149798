import { percent, percentsBelow, twoDecimals } from '../format/numbers.js';
import type { Paint } from '../format/paint.js';
import { alignedRow, columns, columnWidths } from '../format/table.js';
import { shorten, wrap } from '../format/wrap.js';
import { escapeControls } from '../problems/describe.js';
import {
  countProblems,
  outline,
  stageNumbers,
  summaryCount,
  unknownSection,
  type BenchmarkRow,
  type PhaseRow,
  type Section,
  type StageRow,
} from './outline.js';
import type { ReportOptions, Result, StreamingReporter, SummaryRow } from './types.js';
import { completenessShown } from './wording.js';

const WIDTH = 80;
const BAR = 24;

/** The human report: stage and index first, then bars, notes, gaps, path, moves, unanswered, benchmarks. */
export const textReporter: StreamingReporter = {
  begin: () => '',
  item: (result, options) => renderText(result, options),
  separator: '\n',
  // An invalid file's problems are on stderr; the summary marks it.
  invalid: () => '',
  summarises: true,
  end: (rows, options) => {
    if (rows.length <= 1) return '';
    return summaryPieces(rows, options);
  },
};

/** Renders one scored file as text, readable at 80 columns with or without colour. */
export function renderText(result: Result, options: ReportOptions): string {
  const c = options.paint;
  const report = outline(result);
  const out: string[] = [];
  out.push(c.bold(report.who ?? report.source) + (report.who ? c.dim(`  ${report.source}`) : ''));
  out.push(c.dim(report.rubric));
  out.push('');
  out.push(c.bold(report.headline));
  out.push(report.completeness);
  if (report.target) out.push(report.target);
  if (report.meaning.length > 0) {
    out.push('', ...report.meaning.map((line) => wrap(line, WIDTH, '  ')));
  }
  for (const section of report.sections) out.push('', ...renderSection(section, c));
  return `${out.join('\n')}\n`;
}

function renderSection(section: Section, c: Paint): string[] {
  switch (section.kind) {
    case 'stages': {
      const nameWidth = Math.min(16, Math.max(...section.stages.map((s) => s.name.length)));
      // The numbers of each stage; their columns widen alike where one needs decimals.
      const numbers = section.stages.map(stageNumbers);
      const widths: [number, number] = [
        Math.max(4, ...numbers.map(([score]) => score.length)),
        Math.max(4, ...numbers.map(([, threshold]) => threshold.length)),
      ];
      return [
        c.bold('Stages') + c.dim('  score against threshold (|)'),
        ...section.stages.map((stage, i) => stageLine(stage, nameWidth, numbers[i]!, widths, c)),
      ];
    }
    case 'notes':
      return [
        c.bold('Not a straight line'),
        ...section.notes.map((note) => `  ${wrap(note, WIDTH - 2, '  ')}`),
      ];
    case 'gaps': {
      // "45%/70%", with decimals where whole percentages would be equal (the column widens).
      const scores = section.gaps.map((gap) => percentsBelow(gap.score, gap.threshold).join('/'));
      const scoreWidth = Math.max(7, ...scores.map((shown) => shown.length));
      return [
        c.bold('Gaps') + c.dim('  tenets below their stage threshold, by stage, then by impact'),
        `  ${c.dim(wrap(section.impact, WIDTH - 2, '  '))}`,
        c.dim(`  impact  ${'score'.padEnd(scoreWidth)}  stage › tenet`),
        ...section.gaps.flatMap((gap, i) => {
          const numbers = `${twoDecimals(gap.impact).padStart(6)}  ${scores[i]!.padEnd(scoreWidth)}  `;
          const label = wrap(gap.where, WIDTH - 2 - numbers.length, ' '.repeat(2 + numbers.length));
          // The evidence: each answered question of the tenet, its answer and the note given.
          const width = Math.max(0, ...gap.evidence.map((e) => e.answer.length));
          const evidence = gap.evidence.flatMap((e) => {
            const lines = [
              `      ${e.answer.padEnd(width)}  ${c.dim(shorten(e.question, WIDTH - 8 - width))}`,
            ];
            if (e.note !== null) {
              lines.push(`        ${wrap(`“${e.note}”`, WIDTH - 8, '        ')}`);
            }
            return lines;
          });
          return [`  ${c.dim(numbers)}${label}`, ...evidence];
        }),
      ];
    }
    case 'path':
      return [
        c.bold(`Path to ${section.stage}`),
        `  ${wrap(section.sentence, WIDTH - 2, '  ')}`,
        ...section.steps.map((step) => stepLine(step.question, step.change, c)),
        ...(section.firstMove === null ? [] : [`  ${wrap(section.firstMove, WIDTH - 2, '  ')}`]),
      ];
    case 'roadmap':
      return [
        c.bold(`Roadmap to ${section.target}`) +
          c.dim(
            `  ${section.phases.length === 1 ? '1 phase' : `${section.phases.length} phases`}, lowest stage first`,
          ),
        ...section.phases.flatMap((phase, i) => phaseLines(phase, i, c)),
      ];
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
    case 'respondents': {
      const rows = section.members.map((m) => [
        m.stage,
        twoDecimals(m.maturityIndex),
        percent(m.completeness),
        m.role === null ? m.name : `${m.name} (${m.role})`,
      ]);
      // The respondent goes last and is shortened to what is left of the line.
      const lead = columns([['STAGE', 'INDEX', 'ANSWERED', ''], ...rows])[0]!.length;
      const table = columns([
        ['STAGE', 'INDEX', 'ANSWERED', 'RESPONDENT'],
        ...rows.map((row) => [...row.slice(0, 3), shorten(row[3]!, WIDTH - 2 - lead)]),
      ]);
      return [
        c.bold('Respondents') + c.dim(`  ${section.summary}`),
        ...table.map((line, i) => `  ${i === 0 ? c.dim(line) : line}`),
        `  ${wrap(section.range, WIDTH - 2, '  ')}`,
        ...(section.stageAgreement === null
          ? []
          : [`  ${c.dim(wrap(section.stageAgreement, WIDTH - 2, '  '))}`]),
      ];
    }
    case 'disagreements':
      return [
        c.bold('Where respondents disagree') +
          c.dim('  two levels apart or more, largest spread first'),
        ...section.disagreements.flatMap((d) => {
          const spread = `  spread ${percent(d.spread)}`;
          const width = Math.max(...d.answers.map((answer) => answer.answer.length));
          return [
            `  ${shorten(d.question, WIDTH - 2 - spread.length)}${c.yellow(spread)}`,
            `  ${c.dim(d.where)}`,
            ...d.answers.flatMap((answer) => {
              const who = answer.role ? `${answer.name} (${answer.role})` : answer.name;
              const lines = [
                `    ${answer.answer.padEnd(width)}  ${shorten(who, WIDTH - 6 - width)}`,
              ];
              if (answer.note !== null) {
                lines.push(`      ${c.dim(wrap(`“${answer.note}”`, WIDTH - 6, '      '))}`);
              }
              return lines;
            }),
          ];
        }),
      ];
    case 'roles': {
      const table = columns(
        section.roles.map((role) => [
          `${role.role} (${role.members})`,
          role.stage,
          `index ${twoDecimals(role.maturityIndex)}`,
        ]),
      );
      return [
        c.bold('By role') + c.dim('  each role combined on its own'),
        ...table.map((line) => `  ${line}`),
      ];
    }
    default:
      return unknownSection(section);
  }
}

/** The question (shortened to a line), then its answer from → to under it. */
function stepLine(question: string, change: string, c: Paint): string {
  return `  - ${shorten(question, WIDTH - 4)}\n    ${c.bold(change)}`;
}

function phaseLines(phase: PhaseRow, index: number, c: Paint): string[] {
  const scores = percentsBelow(phase.score, phase.threshold).join(' → ');
  const foundation = phase.foundation ? c.yellow('  fix the foundation first') : '';
  const lines = [
    `  ${c.bold(`Phase ${index + 1} · ${phase.number} ${phase.stage}`)}  ${scores}${foundation}`,
  ];
  for (const tenet of phase.tenets) {
    const raise = `  ${percentsBelow(tenet.score, tenet.raiseTo).join(' → ')}`;
    lines.push(`    ${shorten(tenet.title, WIDTH - 4 - raise.length)}${c.dim(raise)}`);
    for (const move of tenet.moves) lines.push(`      - ${wrap(move, WIDTH - 8, '        ')}`);
  }
  return lines;
}

function stageLine(
  stage: StageRow,
  nameWidth: number,
  [score, threshold]: [string, string],
  [scoreWidth, thresholdWidth]: [number, number],
  c: Paint,
): string {
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
  return `  ${name} ${colour(bar)} ${score.padStart(scoreWidth)} / ${threshold.padStart(thresholdWidth)}  ${colour(status)}`;
}

function benchmarkLines(b: BenchmarkRow, c: Paint): string[] {
  const mark = b.mark === '✓' ? c.green : b.mark === '✗' ? c.yellow : c.dim;
  // Wrapped first, painted after: escape codes take no columns.
  return [
    `  ${mark(b.mark)} ${shorten(b.subject, WIDTH - 4)}`,
    `    ${wrap(b.sentence, WIDTH - 4, '    ')}`,
    `    ${c.dim(wrap(b.statement, WIDTH - 4, '    '))}`,
  ];
}

/**
 * The summary table, in pieces of a thousand lines: a summary may have a row for each of 100,000
 * files, and making it whole (cells, lines, one string of them all) took 100 MB at the end of a
 * batch. Cells are made twice, for the widths and then for the lines, rather than held.
 */
function* summaryPieces(rows: readonly SummaryRow[], options: ReportOptions): Generator<string> {
  const c = options.paint;
  // The file goes last, whole: a long path may run past 80 columns without misaligning the rest.
  const gated = rows.some((row) => row.status === 'ok' && row.gate !== null);
  const header = ['STAGE', 'INDEX', 'ANSWERED', ...(gated ? ['GATE'] : []), 'ORGANIZATION', 'FILE'];
  const table = function* () {
    yield header;
    for (const row of rows) yield summaryCells(row, gated);
  };
  const widths = columnWidths(table());
  // A blank line only when a report came before.
  const blank = rows.some((row) => row.status === 'ok') ? '\n' : '';
  yield `${blank}${c.bold(`Summary of ${summaryCount(rows)}`)}\n${c.bold(alignedRow(header, widths))}\n`;
  let lines: string[] = [];
  for (const row of table()) {
    if (row === header) continue;
    lines.push(alignedRow(row, widths));
    if (lines.length === 1_000) {
      yield `${lines.join('\n')}\n`;
      lines = [];
    }
  }
  if (lines.length > 0) yield `${lines.join('\n')}\n`;
}

function summaryCells(row: SummaryRow, gated: boolean): string[] {
  if (row.status === 'invalid') {
    const count = countProblems(row.problems);
    return [
      'invalid',
      '-',
      '-',
      ...(gated ? ['-'] : []),
      `${count} problem${count === 1 ? '' : 's'}`,
      escapeControls(row.source),
    ];
  }
  return [
    `${row.currentStage.number}/${row.stageCount} ${row.currentStage.name ?? '(none)'}`,
    twoDecimals(row.maturityIndex),
    completenessShown(row.completeness, row.gate),
    ...(gated ? [row.gate === null ? '-' : row.gate.passed ? 'pass' : 'FAIL'] : []),
    shorten(row.who ?? '-', 24),
    escapeControls(row.source),
  ];
}
