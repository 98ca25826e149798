import { percent, twoDecimals } from '../../format/numbers.js';
import { shorten } from '../../format/wrap.js';
import { md } from '../escape.js';
import type { ProgressGroup } from '../types.js';
import { progressOutline } from './outline.js';

/** The progress report as GitHub-flavoured markdown: a timeline table and the change per group. */
export function progressMarkdown(groups: readonly ProgressGroup[]): string {
  return groups
    .map((group) => {
      const o = progressOutline(group);
      const out = [`## ${md(o.who)}`, '', `${md(o.count)} · ${md(o.rubric)}`, ''];
      out.push(`Maturity index over time: ${o.sparkline}`, '');
      out.push(
        '| Date | Respondents | Stage | Index | Answered |',
        '| :-- | --: | :-- | --: | --: |',
      );
      for (const p of o.timeline) {
        out.push(
          `| ${p.date} | ${p.members} | ${md(p.stage)} | ${twoDecimals(p.index)} | ${percent(p.completeness)} |`,
        );
      }
      if (o.target) out.push('', md(o.target));
      if (!o.change) {
        out.push('', 'One assessment so far: the change shows once there is a second date.');
        return `${out.join('\n')}\n`;
      }
      const ch = o.change;
      out.push('', `### ${md(ch.headline)}`);
      if (ch.attained.length > 0) out.push('', `Stages attained: ${md(ch.attained.join(', '))}.`);
      if (ch.lost.length > 0) out.push('', `Stages lost: ${md(ch.lost.join(', '))}.`);
      const tenets = (title: string, rows: typeof ch.improved) => {
        if (rows.length === 0) return;
        out.push(
          '',
          `#### ${title}`,
          '',
          '| Tenet | Stage | From | To |',
          '| :-- | :-- | --: | --: |',
        );
        for (const t of rows) {
          out.push(`| ${md(t.title)} | ${md(t.stage)} | ${percent(t.from)} | ${percent(t.to)} |`);
        }
      };
      tenets('Improved', ch.improved);
      tenets('Regressed', ch.regressed);
      if (ch.gapsClosed.length > 0) out.push('', `Gaps closed: ${md(ch.gapsClosed.join('; '))}.`);
      if (ch.newGaps.length > 0) out.push('', `New gaps: ${md(ch.newGaps.join('; '))}.`);
      if (ch.answers.length > 0) {
        out.push(
          '',
          `#### Answers changed (${ch.answers.length})`,
          '',
          '| Question | Answer |',
          '| :-- | :-- |',
        );
        for (const a of ch.answers)
          out.push(`| ${md(shorten(a.question, 100))} | ${md(a.change)} |`);
      }
      return `${out.join('\n')}\n`;
    })
    .join('\n');
}
