import { escapeControls } from '../problems/describe.js';
import { percent, twoDecimals } from '../format/numbers.js';
import { code, md } from './escape.js';
import { outline, unknownSection, type Section, type StageStatus } from './outline.js';
import type { ScoredFile, StreamingReporter, SummaryRow } from './types.js';

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
  const report = outline(result);
  const out: string[] = [];
  out.push(`## ${md(report.who ?? report.source)}`, '');
  out.push(`${report.who ? `${md(report.source)} · ` : ''}${md(report.rubric)}`, '');
  out.push(`**${md(report.headline)}**`, '');
  out.push(md(report.completeness));
  for (const section of report.sections) out.push('', ...renderSection(section));
  return `${out.join('\n')}\n`;
}

function renderSection(section: Section): string[] {
  switch (section.kind) {
    case 'stages':
      return [
        '### Stages',
        '',
        '| Stage | Score | Threshold | Status |',
        '| :-- | --: | --: | :-- |',
        ...section.stages.map((stage) => {
          const score = stage.score === null ? 'n/a' : percent(stage.score);
          return `| ${stage.number} ${md(stage.name)} | ${score} | ${percent(stage.threshold)} | ${STATUS[stage.status]} |`;
        }),
      ];
    case 'notes':
      return ['### Not a straight line', '', ...section.notes.map((note) => `- ${md(note)}`)];
    case 'gaps':
      return [
        '### Gaps',
        '',
        'Tenets below their stage threshold, largest impact first.',
        '',
        '| Stage | Tenet | Score | Threshold | Impact |',
        '| :-- | :-- | --: | --: | --: |',
        ...section.gaps.map(
          (gap) =>
            `| ${md(gap.stage)} | ${md(gap.tenet)} | ${percent(gap.score)} | ${percent(gap.threshold)} | ${twoDecimals(gap.impact)} |`,
        ),
      ];
    case 'path':
      return [`### Path to ${md(section.stage)}`, '', md(section.sentence)];
    case 'top':
      return ['**Top stage reached** — keep every stage above its threshold.'];
    case 'moves':
      return [
        '### Recommended moves',
        '',
        ...section.moves.flatMap((move, i) => {
          const label = `${i + 1}. `;
          // A trailing backslash is a hard line break: the move, then where it sits, in one item.
          return [`${label}${md(move.text)}\\`, `${' '.repeat(label.length)}*${md(move.where)}*`];
        }),
      ];
    case 'unanswered': {
      const { questions } = section;
      const ids = questions.map(code).join(', ');
      const heading = [`### Unanswered (${questions.length})`, ''];
      if (questions.length <= UNANSWERED_SHOWN) return [...heading, `Scored as 0: ${ids}.`];
      return [
        ...heading,
        '<details>',
        `<summary>Scored as 0: show the ${questions.length} questions</summary>`,
        '',
        `${ids}.`,
        '',
        '</details>',
      ];
    }
    case 'benchmarks':
      return [
        '### Benchmarks',
        '',
        ...section.benchmarks.flatMap((b) => [
          `- ${b.mark} ${md(b.sentence)}\\`,
          `  *${md(b.statement)}*`,
        ]),
      ];
    default:
      return unknownSection(section);
  }
}

const STATUS: Record<StageStatus, string> = {
  'n/a': '✅ attained (n/a)',
  attained: '✅ attained',
  next: '⏳ next',
  'not-attained': '❌ not attained',
};

function renderSummary(rows: readonly SummaryRow[]): string {
  const out = [`## Summary of ${rows.length} files`, ''];
  out.push('| File | Organization | Stage | Index | Answered |', '| :-- | :-- | :-- | --: | --: |');
  for (const row of rows) {
    const who = [row.organization, row.unit].filter(Boolean).join(' · ');
    const stage = `${row.currentStage.number}/${row.stageCount}${row.currentStage.name === null ? '' : ` ${row.currentStage.name}`}`;
    out.push(
      `| ${md(escapeControls(row.source))} | ${who ? md(who) : '–'} | ${md(stage)} | ${twoDecimals(row.maturityIndex)} | ${percent(row.completeness)} |`,
    );
  }
  return `${out.join('\n')}\n`;
}
