import { percent, twoDecimals } from '../../format/numbers.js';
import { columns } from '../../format/table.js';
import { shorten, wrap } from '../../format/wrap.js';
import type { ProgressGroup, ReportOptions } from '../types.js';
import { movedText, progressOutline } from './outline.js';

const WIDTH = 80;
/** Longer lists are cut to this many lines, the largest changes first; JSON has them all. */
const SHOWN = 10;

/** The progress report as text: per group a timeline with a sparkline, then the change in words. */
export function progressText(groups: readonly ProgressGroup[], options: ReportOptions): string {
  const c = options.paint;
  return groups
    .map((group) => {
      const o = progressOutline(group);
      const out = [c.bold(o.who) + c.dim(`  ${o.count}`), c.dim(o.rubric), ''];
      out.push(c.bold('Timeline') + c.dim('  maturity index ') + o.sparkline);
      const table = columns([
        ['DATE', 'RESPONDENTS', 'STAGE', 'INDEX', 'ANSWERED'],
        ...o.timeline.map((p) => [
          p.date,
          String(p.members),
          p.stage,
          twoDecimals(p.index),
          percent(p.completeness),
        ]),
      ]);
      out.push(...table.map((line, i) => `  ${i === 0 ? c.dim(line) : line}`));
      if (o.target) out.push(`  ${o.target}`);
      out.push('');
      if (!o.change) {
        out.push('One assessment so far: the change shows once there is a second date.');
        return `${out.join('\n')}\n`;
      }
      const ch = o.change;
      out.push(c.bold(ch.headline));
      const list = (label: string, items: string[]) => {
        if (items.length === 0) return;
        out.push(`  ${c.bold(label)}`);
        for (const item of items.slice(0, SHOWN))
          out.push(`    ${wrap(item, WIDTH - 4, '      ')}`);
        more(items.length);
      };
      const more = (count: number) => {
        if (count > SHOWN)
          out.push(c.dim(`    … and ${count - SHOWN} more (all of them in --format json)`));
      };
      if (ch.attained.length > 0) out.push(`  Stages attained: ${ch.attained.join(', ')}`);
      if (ch.lost.length > 0) out.push(`  ${c.yellow(`Stages lost: ${ch.lost.join(', ')}`)}`);
      list('Improved', ch.improved.map(movedText));
      list('Regressed', ch.regressed.map(movedText));
      list('Gaps closed', ch.gapsClosed);
      list('New gaps', ch.newGaps);
      if (ch.answers.length > 0) {
        out.push(`  ${c.bold(`Answers changed (${ch.answers.length})`)}`);
        for (const answer of ch.answers.slice(0, SHOWN)) {
          out.push(`    ${shorten(answer.question, WIDTH - 4)}`, `      ${answer.change}`);
        }
        more(ch.answers.length);
      }
      if (
        ch.attained.length + ch.lost.length + ch.improved.length + ch.regressed.length === 0 &&
        ch.answers.length === 0
      ) {
        out.push('  Nothing changed.');
      }
      return `${out.join('\n')}\n`;
    })
    .join('\n');
}
