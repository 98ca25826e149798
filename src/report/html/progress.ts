import { percent, percentShort, signedTwoDecimals, twoDecimals } from '../../format/numbers.js';
import { html } from '../escape.js';
import { outline, type StageRow } from '../outline.js';
import { progressData } from '../progress/json.js';
import { progressOutline, type MovedTenet } from '../progress/outline.js';
import type { ProgressGroup } from '../types.js';
import { headline, stageName } from '../wording.js';
import { indexLine } from './charts.js';
import { page } from './page.js';
import { footer } from './report.js';
import { scroll, stagesFigure, table } from './sections.js';

/**
 * `maturity progress --format html`: per organization and unit, the latest standing, the maturity
 * index over time (a line across the stage levels, dates spaced by the time between them), the
 * timeline as a table, and what changed since the baseline; several groups get a summary first.
 */
export function progressHtml(groups: readonly ProgressGroup[]): string {
  const several = groups.length > 1;
  const level = several ? 2 : 1;
  const parts = groups.map((group, i) => renderGroup(group, `p${i + 1}`, level));
  const first = groups[0];
  const rubrics = new Map(groups.map((g) => [`${g.rubric.id}@${g.rubric.version}`, g.rubric]));
  return page({
    title:
      several || !first
        ? `Progress report: ${groups.length} organizations`
        : `${progressOutline(first).who} — progress report`,
    body:
      groups.length === 0
        ? '<p>No assessment to follow.</p>'
        : [...(several ? [summary(groups)] : []), ...parts].join('\n'),
    footer: footer([...rubrics.values()]),
    data: progressData(groups),
  });
}

function h(level: number, content: string, id?: string, className?: string): string {
  const n = Math.min(6, level);
  const cls = className ? ` class="${className}"` : '';
  return `<h${n}${id ? ` id="${id}"` : ''}${cls}>${content}</h${n}>`;
}

function scrollTable(label: string, head: string[], rows: string[][], numeric: number[] = []) {
  return scroll(label, table(null, head, rows, numeric));
}

function renderGroup(group: ProgressGroup, id: string, level: number): string {
  const o = progressOutline(group);
  const latest = group.timeline[group.timeline.length - 1]!.result;
  const a = latest.assessment;
  const { rubric, change } = group;
  const section = (key: string, title: string, body: string) =>
    `<section aria-labelledby="${id}-${key}">${h(level + 1, title, `${id}-${key}`)}${body}</section>`;

  const files = group.timeline.reduce((sum, point) => sum + point.members, 0);
  const facts = [
    fact('Maturity index', twoDecimals(a.maturityIndex), `on ${o.timeline.at(-1)!.date}`),
    change
      ? fact(
          'Change',
          signedTwoDecimals(change.maturityIndex.delta),
          `since ${change.from} (stage ${change.currentStage.from} → ${change.currentStage.to})`,
        )
      : fact('Change', '–', 'one assessment so far'),
    fact(
      'Assessments',
      String(group.timeline.length),
      `from ${files} file${files === 1 ? '' : 's'}, ${o.timeline[0]!.date} to ${o.timeline.at(-1)!.date}`,
    ),
  ];
  if (a.target) {
    facts.push(
      fact(
        'Target',
        a.target.reached ? 'Reached' : percentShort(a.target.progress),
        a.target.reached
          ? html(a.target.stage.name ?? `stage ${a.target.stage.number}`)
          : `of the way to ${html(a.target.stage.name ?? `stage ${a.target.stage.number}`)}`,
      ),
    );
  }
  const parts = [
    `<article class="result" id="${id}" aria-labelledby="${id}-name">`,
    `<header><p class="kicker">Progress over time</p>${h(level, html(o.who), `${id}-name`)}` +
      `<p class="meta">${html(o.rubric)} · ${html(o.count)}</p></header>`,
    `<section class="answer" aria-label="The answer"><div><p class="headline">${html(headline(a, rubric))}</p>` +
      `<p class="tagline">${change ? html(o.change!.headline) : 'One assessment so far: the change shows once there is a second date.'}</p></div>` +
      `<dl class="facts">${facts.join('')}</dl></section>`,
  ];

  const chart = indexLine(
    `${id}-index-chart`,
    o.timeline.map((p) => ({ date: p.date, index: p.index })),
    rubric.stages.map((s) => s.name),
    'The maturity index over time',
  );
  parts.push(
    section(
      'timeline',
      'The index over time',
      `<figure>${chart}<figcaption>The maturity index at each assessment, on the scale from 0 to ${rubric.stages.length}; each line across is a stage reached. Dates are spaced by the time between them.</figcaption></figure>` +
        scrollTable(
          'Timeline',
          ['Date', 'Respondents', 'Stage', 'Index', 'Answered'],
          o.timeline.map((p) => [
            p.date,
            String(p.members),
            html(p.stage),
            twoDecimals(p.index),
            percent(p.completeness),
          ]),
          [1, 3, 4],
        ) +
        (o.target ? `<p>${html(o.target)}</p>` : ''),
    ),
  );

  if (change && o.change) {
    const ch = o.change;
    const body: string[] = [];
    if (ch.attained.length > 0) {
      body.push(
        `<p class="callout ok"><strong>Stages attained:</strong> ${html(ch.attained.join(', '))}.</p>`,
      );
    }
    if (ch.lost.length > 0) {
      body.push(
        `<p class="callout"><strong>Stages lost:</strong> ${html(ch.lost.join(', '))}.</p>`,
      );
    }
    body.push(
      scrollTable(
        'Stage scores then and now',
        ['Stage', change.from, change.to, 'Change'],
        change.stages.map((s) => [
          html(stageName(rubric, s.id)),
          s.from === null ? 'n/a' : percent(s.from),
          s.to === null ? 'n/a' : percent(s.to),
          s.from === null || s.to === null ? '–' : points(s.to - s.from),
        ]),
        [1, 2, 3],
      ),
    );
    const tenets = (key: string, title: string, rows: MovedTenet[]) => {
      if (rows.length === 0) return;
      body.push(
        h(level + 2, `${title} (${rows.length})`, `${id}-${key}`, 'sub'),
        scrollTable(
          title,
          ['Tenet', 'Stage', change.from, change.to, 'Change'],
          rows.map((t) => [
            html(t.title),
            html(t.stage),
            percent(t.from),
            percent(t.to),
            points(t.to - t.from),
          ]),
          [2, 3, 4],
        ),
      );
    };
    tenets('improved', 'Improved', ch.improved);
    tenets('regressed', 'Regressed', ch.regressed);
    const list = (key: string, title: string, items: string[]) => {
      if (items.length === 0) return;
      body.push(
        h(level + 2, `${title} (${items.length})`, `${id}-${key}`, 'sub'),
        `<ul class="columns">${items.map((x) => `<li>${html(x)}</li>`).join('')}</ul>`,
      );
    };
    list('closed', 'Gaps closed', ch.gapsClosed);
    list('new', 'New gaps', ch.newGaps);
    if (ch.answers.length > 0) {
      body.push(
        h(level + 2, `Answers changed (${ch.answers.length})`, `${id}-answers`, 'sub'),
        scrollTable(
          'Answers changed',
          ['Question', 'Answer'],
          ch.answers.map((x) => [
            html(x.question),
            `<span class="change">${html(x.change)}</span>`,
          ]),
        ),
      );
    }
    if (ch.improved.length + ch.regressed.length + ch.answers.length === 0) {
      body.push('<p>Nothing changed.</p>');
    }
    parts.push(section('change', `What changed since ${change.from}`, body.join('')));
  }

  const stages = outline(latest).sections.find((s) => s.kind === 'stages') as
    { kind: 'stages'; stages: StageRow[] } | undefined;
  if (stages) {
    parts.push(
      section('latest', `Where ${o.timeline.at(-1)!.date} stands`, stagesFigure(id, stages.stages)),
    );
  }
  parts.push('</article>');
  return parts.join('\n');
}

function fact(label: string, value: string, note: string): string {
  return `<div><dt>${label}</dt><dd>${value}<small>${note}</small></dd></div>`;
}

/** A change of a score in percentage points: "+12 pts", "−5 pts", "±0 pts". */
function points(delta: number): string {
  const n = Math.round(delta * 100);
  return n === 0 ? '±0 pts' : `${n > 0 ? '+' : '−'}${Math.abs(n)} pts`;
}

function summary(groups: readonly ProgressGroup[]): string {
  const rows = groups.map((group, i) => {
    const o = progressOutline(group);
    const last = o.timeline.at(-1)!;
    return (
      `<tr><th scope="row"><a href="#p${i + 1}">${html(o.who)}</a></th><td>${html(last.stage)}</td>` +
      `<td class="num">${twoDecimals(last.index)}</td>` +
      `<td class="num">${group.change ? signedTwoDecimals(group.change.maturityIndex.delta) : '–'}</td>` +
      `<td>${last.date}</td></tr>`
    );
  });
  return (
    `<header class="doc"><p class="kicker">Progress report</p><h1>${groups.length} organizations</h1></header>` +
    `<section class="summary" aria-labelledby="summary"><h2 id="summary">Summary</h2>` +
    `<div class="scroll" role="region" tabindex="0" aria-label="Summary"><table>` +
    `<thead><tr><th scope="col">Organization</th><th scope="col">Stage</th><th scope="col" class="num">Index</th><th scope="col" class="num">Change</th><th scope="col">Latest</th></tr></thead>` +
    `<tbody>${rows.join('')}</tbody></table></div></section>`
  );
}
