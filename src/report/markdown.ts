import { escapeControls } from '../problems/describe.js';
import { percent, percentsBelow, twoDecimals } from '../format/numbers.js';
import { shorten } from '../format/wrap.js';
import { code, md } from './escape.js';
import {
  countProblems,
  outline,
  stageNumbers,
  summaryCount,
  unknownSection,
  type GapRow,
  type Section,
  type StageStatus,
} from './outline.js';
import type { Result, StreamingReporter, SummaryRow } from './types.js';
import { completenessShown } from './wording.js';

/** More unanswered questions than this fold into a <details> block. */
const UNANSWERED_SHOWN = 10;

/**
 * The text report as GitHub-flavoured markdown, for a pull-request comment or a CI job summary.
 * Never coloured; every piece of text from a rubric or an answers file is escaped. One result is
 * its report; several (or any invalid file) make a job summary: the summary table first, so that
 * `>> "$GITHUB_STEP_SUMMARY"` shows one screen, then each report folded in a <details> block. The
 * summary comes first, so the reports are held until the end (a job summary is read by people:
 * hundreds of files, not a hundred thousand). One reporter per run.
 */
export function createMarkdownReporter(): StreamingReporter {
  const reports: { result: Result; text: string }[] = [];
  return {
    begin: () => '',
    item: (result) => {
      reports.push({ result, text: renderMarkdown(result) });
      return '';
    },
    separator: '',
    holdsResults: true,
    invalid: () => '',
    summarises: true,
    end: (rows) => {
      if (rows.length === 1 && reports.length === 1) return reports[0]!.text;
      if (rows.length === 0) return '';
      const folded = reports.map(({ result, text }) => {
        const report = outline(result);
        const line = `${report.who ?? report.source} — ${report.headline}`;
        return `<details>\n<summary>${md(line)}</summary>\n\n${text}\n</details>\n`;
      });
      return [renderSummary(rows), ...folded].join('\n');
    },
  };
}

/** Renders one scored file as markdown. */
export function renderMarkdown(result: Result): string {
  const report = outline(result);
  const out: string[] = [];
  out.push(`## ${md(report.who ?? report.source)}`, '');
  out.push(`${report.who ? `${md(report.source)} · ` : ''}${md(report.rubric)}`, '');
  out.push(`**${md(report.headline)}**`, '');
  out.push(md(report.completeness));
  if (report.target) out.push('', md(report.target));
  if (report.meaning.length > 0) out.push('', ...report.meaning.map((line) => `- ${md(line)}`));
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
          const [score, threshold] = stageNumbers(stage);
          return `| ${stage.number} ${md(stage.name)} | ${score} | ${threshold} | ${STATUS[stage.status]} |`;
        }),
      ];
    case 'notes':
      return ['### Not a straight line', '', ...section.notes.map((note) => `- ${md(note)}`)];
    case 'gaps':
      return [
        '### Gaps',
        '',
        `Tenets below their stage threshold, by stage, then by impact. ${md(section.impact)}`,
        '',
        '| Stage | Tenet | Score | Threshold | Impact | Evidence |',
        '| :-- | :-- | --: | --: | --: | :-- |',
        ...section.gaps.map((gap) => {
          const [score, threshold] = percentsBelow(gap.score, gap.threshold);
          return `| ${md(gap.stage)} | ${md(gap.tenet)} | ${score} | ${threshold} | ${twoDecimals(gap.impact)} | ${evidenceCell(gap.evidence)} |`;
        }),
      ];
    case 'path':
      return [
        `### Path to ${md(section.stage)}`,
        '',
        md(section.sentence),
        '',
        '| Question | Answer |',
        '| :-- | :-- |',
        ...section.steps.map(
          (step) => `| ${md(shorten(step.question, 100))} | ${md(step.change)} |`,
        ),
        ...(section.firstMove === null ? [] : ['', md(section.firstMove)]),
      ];
    case 'roadmap':
      return [
        `### Roadmap to ${md(section.target)}`,
        '',
        `${section.phases.length === 1 ? 'One phase' : `${section.phases.length} phases`}, lowest stage first.`,
        ...section.phases.flatMap((phase, i) => [
          '',
          `#### Phase ${i + 1}: ${phase.number} ${md(phase.stage)} (${percentsBelow(phase.score, phase.threshold).join(' → ')})`,
          ...(phase.foundation
            ? ['', 'Fix the foundation first: a later stage is attained already.']
            : []),
          '',
          ...phase.tenets.flatMap((tenet) => [
            `- **${md(tenet.title)}** ${percentsBelow(tenet.score, tenet.raiseTo).join(' → ')}`,
            ...tenet.moves.map((move) => `  - ${md(move)}`),
          ]),
        ]),
      ];
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
          `- ${b.mark} **${md(shorten(b.subject, 120))}**: ${md(b.sentence)}\\`,
          `  *${md(b.statement)}*`,
        ]),
      ];
    case 'respondents':
      return [
        '### Respondents',
        '',
        md(
          section.summary.replace(
            /^(\d+),/,
            (_, n: string) => `${n} respondent${n === '1' ? '' : 's'},`,
          ),
        ) + '.',
        '',
        '| Respondent | Role | Stage | Index | Answered | File |',
        '| :-- | :-- | :-- | --: | --: | :-- |',
        ...section.members.map(
          (m) =>
            `| ${md(m.name)} | ${m.role === null ? '–' : md(m.role)} | ${md(m.stage)} | ${twoDecimals(m.maturityIndex)} | ${percent(m.completeness)} | ${md(m.source)} |`,
        ),
        '',
        md(section.range),
        ...(section.stageAgreement === null ? [] : ['', md(section.stageAgreement)]),
      ];
    case 'disagreements':
      return [
        '### Where respondents disagree',
        '',
        'Questions answered two levels apart or more, largest spread first.',
        ...section.disagreements.flatMap((d) => [
          '',
          `**${md(shorten(d.question, 160))}** — spread ${percent(d.spread)}\\`,
          `*${md(d.where)}*`,
          '',
          ...d.answers.map((answer) => {
            const who =
              answer.role === null ? md(answer.name) : `${md(answer.name)} (${md(answer.role)})`;
            const note = answer.note === null ? '' : `: “${md(answer.note)}”`;
            return `- ${who}: ${md(answer.answer)}${note}`;
          }),
        ]),
      ];
    case 'roles':
      return [
        '### By role',
        '',
        '| Role | Respondents | Stage | Index |',
        '| :-- | --: | :-- | --: |',
        ...section.roles.map(
          (role) =>
            `| ${md(role.role)} | ${role.members} | ${md(role.stage)} | ${twoDecimals(role.maturityIndex)} |`,
        ),
      ];
    default:
      return unknownSection(section);
  }
}

/** A gap's evidence in one table cell: each answered question's answer, and its note. */
function evidenceCell(evidence: GapRow['evidence']): string {
  if (evidence.length === 0) return '–';
  return evidence
    .map(
      (e) =>
        `${md(shorten(e.question, 60))}: ${md(e.answer)}${e.note === null ? '' : ` — “${md(e.note)}”`}`,
    )
    .join('<br>');
}

const STATUS: Record<StageStatus, string> = {
  'n/a': '✅ attained (n/a)',
  attained: '✅ attained',
  next: '⏳ next',
  'not-attained': '❌ not attained',
};

function renderSummary(rows: readonly SummaryRow[]): string {
  const gated = rows.some((row) => row.status === 'ok' && row.gate !== null);
  const out = [`## Summary of ${summaryCount(rows)}`, ''];
  out.push(
    `| Stage | Index | Answered |${gated ? ' Gate |' : ''} Organization | File |`,
    `| :-- | --: | --: |${gated ? ' :-- |' : ''} :-- | :-- |`,
  );
  for (const row of rows) {
    if (row.status === 'invalid') {
      const count = countProblems(row.problems);
      out.push(
        `| ❌ invalid | – | – |${gated ? ' – |' : ''} ${count} problem${count === 1 ? '' : 's'} | ${md(row.source)} |`,
      );
      continue;
    }
    const stage = `${row.currentStage.number}/${row.stageCount}${row.currentStage.name === null ? '' : ` ${row.currentStage.name}`}`;
    const gate = row.gate === null ? '–' : row.gate.passed ? '✅ pass' : '❌ fail';
    out.push(
      `| ${md(stage)} | ${twoDecimals(row.maturityIndex)} | ${completenessShown(row.completeness, row.gate)} |${gated ? ` ${gate} |` : ''} ${row.who ? md(row.who) : '–'} | ${md(escapeControls(row.source))} |`,
    );
  }
  return `${out.join('\n')}\n`;
}
