import type { StageResult } from '../engine/types.js';
import type { ScoredFile, StreamingReporter, SummaryRow } from './types.js';
import {
  benchmarkMark,
  benchmarkSentence,
  completenessLine,
  headline,
  nonLinearNotes,
  pathSentence,
  stageName,
  tenetTitle,
  whereLabel,
} from './wording.js';
import { percent, twoDecimals } from './wrap.js';

/** More unanswered questions than this fold into a <details> block. */
const UNANSWERED_SHOWN = 10;

/**
 * The text report as GitHub-flavoured markdown, for a pull-request comment or a CI job summary.
 * Never coloured; every piece of text from a rubric or an answers file is escaped.
 */
export const markdownReporter: StreamingReporter = {
  begin: () => '',
  item: (result, index) => `${index === 0 ? '' : '\n'}${renderMarkdown(result)}`,
  end: (rows) => (rows.length > 1 ? `\n${renderSummary(rows)}` : ''),
};

/** Renders one scored file as markdown. */
export function renderMarkdown(result: ScoredFile): string {
  const { assessment: a, rubric } = result;
  const out: string[] = [];
  const who = [result.organization, result.unit].filter(Boolean).join(' · ');
  out.push(`## ${md(who || result.source)}`, '');
  out.push(`${who ? `${md(result.source)} · ` : ''}${md(`${rubric.title} ${rubric.version}`)}`, '');
  out.push(`**${md(headline(a, rubric))}**`, '');
  out.push(md(completenessLine(a)));

  out.push('', '### Stages', '');
  out.push('| Stage | Score | Threshold | Status |', '| :-- | --: | --: | :-- |');
  for (const stage of a.stages) {
    const score = stage.score === null ? 'n/a' : percent(stage.score);
    out.push(
      `| ${stage.number} ${md(stage.name)} | ${score} | ${percent(stage.threshold)} | ${status(stage, a.currentStage.number)} |`,
    );
  }

  const notes = nonLinearNotes(a, rubric);
  if (notes.length > 0) {
    out.push('', '### Not a straight line', '');
    for (const note of notes) out.push(`- ${md(note)}`);
  }

  if (a.gaps.length > 0) {
    out.push('', '### Gaps', '', 'Tenets below their stage threshold, largest impact first.', '');
    out.push('| Stage | Tenet | Score | Threshold | Impact |', '| :-- | :-- | --: | --: | --: |');
    for (const gap of a.gaps) {
      out.push(
        `| ${md(stageName(rubric, gap.stage))} | ${md(tenetTitle(rubric, gap.tenet))} | ${percent(gap.score)} | ${percent(gap.threshold)} | ${twoDecimals(gap.impact)} |`,
      );
    }
  }

  if (a.path) {
    out.push('', `### Path to ${md(stageName(rubric, a.path.stage))}`, '');
    out.push(md(pathSentence(rubric, a.path)));
  } else {
    out.push('', '**Top stage reached** — keep every stage above its threshold.');
  }

  if (a.moves.length > 0) {
    out.push('', '### Recommended moves', '');
    a.moves.forEach((move, i) => {
      const label = `${i + 1}. `;
      // A trailing backslash is a hard line break: the move, then where it sits, in one list item.
      out.push(`${label}${md(move.text)}\\`);
      out.push(`${' '.repeat(label.length)}*${md(whereLabel(rubric, move.stage, move.tenet))}*`);
    });
  }

  if (a.unanswered.length > 0) {
    const ids = a.unanswered.map(code).join(', ');
    out.push('', `### Unanswered (${a.unanswered.length})`, '');
    if (a.unanswered.length <= UNANSWERED_SHOWN) {
      out.push(`Scored as 0: ${ids}.`);
    } else {
      out.push(
        '<details>',
        `<summary>Scored as 0: show the ${a.unanswered.length} questions</summary>`,
      );
      out.push('', `${ids}.`, '', '</details>');
    }
  }

  if (a.benchmarks.length > 0) {
    out.push('', '### Benchmarks', '');
    for (const benchmark of a.benchmarks) {
      out.push(`- ${benchmarkMark(benchmark)} ${md(benchmarkSentence(benchmark))}\\`);
      out.push(`  *${md(benchmark.statement)}*`);
    }
  }
  return `${out.join('\n')}\n`;
}

function status(stage: StageResult, current: number): string {
  if (stage.score === null) return '✅ attained (n/a)';
  if (stage.attained) return '✅ attained';
  return stage.number === current + 1 ? '⏳ next' : '❌ not attained';
}

function renderSummary(rows: readonly SummaryRow[]): string {
  const out = [`## Summary of ${rows.length} files`, ''];
  out.push('| File | Organization | Stage | Index | Answered |', '| :-- | :-- | :-- | --: | --: |');
  for (const row of rows) {
    const who = [row.organization, row.unit].filter(Boolean).join(' · ');
    const stage = `${row.currentStage.number}/${row.stageCount}${row.currentStage.name === null ? '' : ` ${row.currentStage.name}`}`;
    out.push(
      `| ${md(row.source)} | ${who ? md(who) : '–'} | ${md(stage)} | ${twoDecimals(row.maturityIndex)} | ${percent(row.completeness)} |`,
    );
  }
  return `${out.join('\n')}\n`;
}

/**
 * Text as inert markdown on one line, safe in a paragraph, a heading, a list item or a table cell:
 * control characters (ANSI escapes included) dropped, whitespace runs made one space, inline markup
 * characters backslash-escaped (`|` too, which GFM honours inside table cells), and a line-start
 * construct (heading, list, block quote, setext underline) defused; `@name` and `#123` do not
 * mention anyone or link an issue when the report is posted on GitHub.
 */
export function md(text: string): string {
  return (
    oneLine(text)
      .replace(/[\\`*_[\]<>|~&$]/g, '\\$&')
      .replace(/^([#+=-])/, '\\$1')
      .replace(/^(\d+)([.)])/, '$1\\$2')
      // GitHub links @name and #123 after rendering, whatever the escaping; an empty HTML comment
      // between the sign and the name stops it and shows nothing.
      .replace(/([@#])(?=[A-Za-z0-9])/g, '$1<!-- -->')
  );
}

/** An id as a code span, fenced with more backticks than it holds. */
function code(text: string): string {
  const clean = oneLine(text);
  const longest = Math.max(0, ...(clean.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = /^[` ]|[` ]$/.test(clean) ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}

function oneLine(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- dropping control characters is the point
      .replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, '')
      .replace(/\s+/g, ' ')
      // eslint-disable-next-line no-control-regex -- dropping control characters is the point
      .replace(/[\x00-\x1f\x7f-\x9f]/g, '')
      .trim()
  );
}
