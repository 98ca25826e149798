// One result's part of the HTML report: its header, the answer, then every section of its outline
// laid out as HTML. Every piece of text from a rubric or an answers file goes through html().

import type { Assessment, TeamResult } from '../../engine/types.js';
import {
  percent,
  percentsAgainst,
  percentsBelow,
  percentShort,
  twoDecimals,
} from '../../format/numbers.js';
import { findQuestion } from '../../rubric/query.js';
import type { Rubric } from '../../rubric/types.js';
import { html } from '../escape.js';
import { completenessShown } from '../wording.js';
import {
  outline,
  stageNumbers,
  unknownSection,
  type GapRow,
  type ReportOutline,
  type Section,
} from '../outline.js';
import type { Result } from '../types.js';
import {
  memberStrip,
  STATUS_WORD,
  stageBars,
  statusClass,
  tenetGrid,
  type BarStatus,
  type StageBar,
} from './charts.js';

/** Where a result's part sits in the page: its id (for links and chart ids) and heading depth. */
export interface Place {
  /** "r1": unique in the page, made of the result's position, never of text from a file. */
  id: string;
  /** The level of the result's own heading: 1 alone in the page, 2 under a summary. */
  level: number;
}

interface Context extends Place {
  result: Result;
  rubric: Rubric;
  a: Assessment;
}

/** A heading `depth` levels below the result's own (h1 to h6). */
function heading(
  ctx: Place,
  depth: number,
  content: string,
  id?: string,
  className?: string,
): string {
  const n = Math.min(6, ctx.level + depth);
  const cls = className ? ` class="${className}"` : '';
  return `<h${n}${id ? ` id="${id}"` : ''}${cls}>${content}</h${n}>`;
}

/** A section with a heading that names it for assistive technology. */
function section(ctx: Place, key: string, title: string, body: string, className = ''): string {
  const id = `${ctx.id}-${key}`;
  const cls = className ? ` class="${className}"` : '';
  return `<section${cls} aria-labelledby="${id}">${heading(ctx, 1, title, id)}${body}</section>`;
}

/** A table that scrolls inside its own box on a narrow screen, reachable by keyboard. */
export function scroll(label: string, table: string): string {
  return `<div class="scroll" role="region" tabindex="0" aria-label="${html(label)}">${table}</div>`;
}

/** A table with row headers in its first column; `numeric` columns align right. */
export function table(
  caption: string | null,
  head: string[],
  rows: string[][],
  numeric: number[] = [],
) {
  const th = head
    .map((h, i) => `<th scope="col"${numeric.includes(i) ? ' class="num"' : ''}>${h}</th>`)
    .join('');
  const body = rows
    .map(
      (cells) =>
        `<tr>${cells
          .map((c, i) =>
            i === 0
              ? `<th scope="row">${c}</th>`
              : `<td${numeric.includes(i) ? ' class="num"' : ''}>${c}</td>`,
          )
          .join('')}</tr>`,
    )
    .join('');
  const cap = caption === null ? '' : `<caption>${caption}</caption>`;
  return `<table>${cap}<thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`;
}

function status(kind: BarStatus): string {
  return `<span class="status st-${statusClass(kind)}">${STATUS_WORD[kind]}</span>`;
}

/**
 * A bar of a score below its threshold (a gap's; both in [0, 1]), with the numbers in words beside
 * it. The bar is drawn to the numbers shown, so at 69.6% of 70.0% it stops short of the mark.
 */
function gauge(score: number, threshold: number): string {
  const [shownScore, shownThreshold] = percentsBelow(score, threshold);
  const label = `${shownScore} against a threshold of ${shownThreshold}`;
  return (
    `<div class="gauge"><span class="bar" role="img" aria-label="${label}">` +
    `<span style="width:${shownScore}"></span><i style="left:${shownThreshold}"></i></span>` +
    `<span>${shownScore} of ${shownThreshold}</span></div>`
  );
}

/** One result as an <article>: header, the answer, then the sections of its outline in order. */
export function renderResult(result: Result, place: Place): string {
  const report = outline(result);
  const ctx: Context = { ...place, result, rubric: result.rubric, a: result.assessment };
  const parts = [
    `<article class="result" id="${place.id}" aria-labelledby="${place.id}-name">`,
    header(ctx, report),
    answer(ctx, report),
    ...report.sections.map((s) => renderSection(s, ctx)),
    '</article>',
  ];
  return parts.join('\n');
}

function header(ctx: Context, report: ReportOutline): string {
  const { result } = ctx;
  const kicker = result.team ? 'Team maturity assessment' : 'Maturity assessment';
  const person = [result.respondent, result.role].filter(Boolean).join(', ');
  const meta = [
    report.rubric,
    report.who ? report.source : null,
    person || null,
    result.assessedAt ? `assessed ${result.assessedAt}` : null,
  ].filter((m): m is string => m !== null);
  return (
    `<header><p class="kicker">${kicker}</p>` +
    `<h${ctx.level} id="${ctx.id}-name">${html(report.who ?? report.source)}</h${ctx.level}>` +
    `<p class="meta">${meta.map(html).join(' · ')}</p></header>`
  );
}

/** The answer a reader came for: the stage with its meaning, the index, the next stage, the target. */
function answer(ctx: Context, report: ReportOutline): string {
  const { a, rubric, result } = ctx;
  const next = a.stages[a.currentStage.number];
  const facts: string[] = [];
  const fact = (label: string, value: string, note: string, extra = '') =>
    facts.push(`<div><dt>${label}</dt><dd>${value}<small>${note}</small>${extra}</dd></div>`);
  fact(
    'Maturity index',
    twoDecimals(a.maturityIndex),
    `from 0 to ${rubric.stages.length}: the stage reached plus the next stage's score`,
  );
  if (next) {
    const tagline = rubric.stages[next.number - 1]?.tagline;
    // The next stage is never attained.
    const [score, threshold] = percentsAgainst(next.score, next.threshold, true);
    fact(
      'Next stage',
      score,
      `${html(next.name)}${tagline ? ` (${html(tagline)})` : ''}, attained at ${threshold}`,
    );
  } else {
    fact('Next stage', 'None', 'the top stage is reached');
  }
  fact(
    'Answered',
    completenessShown(a.completeness, result.gate),
    html(report.completeness.replace(/^.*?\(/, '(')),
  );
  if (a.target) {
    const t = a.target;
    const name =
      t.stage.number === 0 ? 'stage 0' : `${html(t.stage.name ?? '')} (stage ${t.stage.number})`;
    fact(
      'Target',
      t.reached ? 'Reached' : percentShort(t.progress),
      t.reached ? name : `of the way to ${name}`,
      `<div class="progress" role="img" aria-label="${percentShort(t.progress)} of the way"><span style="width:${percent(t.progress)}"></span></div>`,
    );
  }
  if (result.team) {
    const agreement = result.team.agreement;
    fact(
      'Respondents',
      String(result.team.members.length),
      `combined by ${result.team.combine}${agreement === null ? '' : `, agreement ${percent(agreement)}`}`,
    );
  }
  // What the current and the next stage mean, in the outline's words.
  const meaning = report.meaning.map((line) => `<p class="tagline">${html(line)}</p>`).join('');
  return (
    `<section class="answer" aria-label="The answer">` +
    `<div><p class="headline">${html(report.headline)}</p>${meaning}</div>` +
    `<dl class="facts">${facts.join('')}</dl></section>`
  );
}

/** Renders one section of the outline; every kind has its layout. */
export function renderSection(s: Section, ctx: Context): string {
  switch (s.kind) {
    case 'stages':
      return stagesSection(s.stages, ctx) + tenetsSection(ctx);
    case 'notes':
      return section(
        ctx,
        'notes',
        'Not a straight line',
        `<ul class="callouts">${s.notes.map((n) => `<li class="callout">${noteHtml(n)}</li>`).join('')}</ul>`,
      );
    case 'gaps':
      return section(
        ctx,
        'gaps',
        'Gaps',
        `<p>Tenets below their stage's threshold, by stage, then by impact. ${html(s.impact)}</p>` +
          `<ol class="cards">${s.gaps
            .map(
              (gap) =>
                `<li class="card"><div class="card-head"><div>${heading(ctx, 2, html(gap.tenet))}` +
                `<p class="where">${html(gap.stage)} · impact ${twoDecimals(gap.impact)}</p></div>` +
                gauge(gap.score, gap.threshold) +
                '</div>' +
                evidence(gap.evidence) +
                '</li>',
            )
            .join('')}</ol>`,
      );
    case 'path':
      return section(
        ctx,
        'path',
        `Path to ${html(s.stage)}`,
        `<p>${html(s.sentence)}</p><ol class="steps">${s.steps
          .map(
            (step) =>
              `<li>${html(step.question)}<br><span class="change">${html(step.change)}</span></li>`,
          )
          .join('')}</ol>` +
          (s.firstMove === null ? '' : `<p class="where">${html(s.firstMove)}</p>`),
      );
    case 'top':
      return section(
        ctx,
        'path',
        'Top stage reached',
        `<p class="callout ok"><strong>Every stage is attained.</strong> Keep every stage above its threshold.</p>`,
      );
    case 'roadmap':
      return section(
        ctx,
        'roadmap',
        `Roadmap to ${html(s.target)}`,
        `<p>${s.phases.length === 1 ? 'One phase' : `${s.phases.length} phases`}, lowest stage first: raise each tenet listed to its stage's threshold.</p>` +
          `<ol class="phases">${s.phases
            .map(
              (phase, i) =>
                `<li>${heading(ctx, 2, `Phase ${i + 1}: stage ${phase.number} ${html(phase.stage)} <span class="where">${percentsBelow(phase.score, phase.threshold).join(' → ')}</span>`)}` +
                (phase.foundation
                  ? `<p class="foundation">Fix the foundation first: a later stage is attained already.</p>`
                  : '') +
                `<ul>${phase.tenets
                  .map(
                    (t) =>
                      `<li><strong>${html(t.title)}</strong> ${percentsBelow(t.score, t.raiseTo).join(' → ')}` +
                      (t.moves.length === 0
                        ? ''
                        : `<ul>${t.moves.map((m) => `<li>${html(m)}</li>`).join('')}</ul>`) +
                      '</li>',
                  )
                  .join('')}</ul></li>`,
            )
            .join('')}</ol>`,
      );
    case 'moves':
      return section(
        ctx,
        'moves',
        'Recommended moves',
        `<ol class="moves">${s.moves
          .map((m) => `<li>${html(m.text)}<p class="where">${html(m.where)}</p></li>`)
          .join('')}</ol>`,
      );
    case 'unanswered': {
      // Counted by stage where everyone sees it; the questions themselves one click away.
      const byStage = new Map<string, number>();
      for (const id of s.questions) {
        const stage = findQuestion(ctx.rubric, id)?.stage.name ?? '';
        byStage.set(stage, (byStage.get(stage) ?? 0) + 1);
      }
      const counts = [...byStage].map(([stage, n]) => `${n} in ${html(stage)}`).join(', ');
      const many = s.questions.length === 1 ? 'question has' : 'questions have';
      return section(
        ctx,
        'unanswered',
        `Unanswered (${s.questions.length})`,
        `<p>${s.questions.length} ${many} no answer yet and score 0: ${counts}.</p>` +
          `<details class="data"><summary>The unanswered questions</summary><ol class="columns">${s.questions
            .map((id) => {
              const text = findQuestion(ctx.rubric, id)?.question.text;
              return `<li>${text ? `${html(text)} ` : ''}<code>${html(id)}</code></li>`;
            })
            .join('')}</ol></details>`,
      );
    }
    case 'benchmarks':
      return section(
        ctx,
        'benchmarks',
        'Benchmarks',
        `<ul class="rows">${s.benchmarks
          .map((b) => {
            const kind = b.mark === '✓' ? 'meets' : b.mark === '✗' ? 'below' : 'none';
            const word = b.mark === '✓' ? 'Meets' : b.mark === '✗' ? 'Below' : 'No answer';
            return `<li><span class="status st-${kind}">${word}</span><div><strong>${html(b.subject)}</strong>: ${html(b.sentence)}<p class="where">${html(b.statement)}</p></div></li>`;
          })
          .join('')}</ul>`,
      );
    case 'respondents':
      return respondentsSection(s, ctx);
    case 'disagreements':
      return section(
        ctx,
        'disagreements',
        'Where respondents disagree',
        `<p>Questions answered two levels apart or more, largest spread first.</p><ol class="cards">${s.disagreements
          .map(
            (d) =>
              `<li class="card">${heading(ctx, 2, html(d.question))}<p class="where">${html(d.where)} · spread ${percent(d.spread)}</p>` +
              // A list, not a table: it reads the same on a phone, the notes at full width.
              `<ul class="evidence answers" aria-label="Answers">${d.answers
                .map(
                  (x) =>
                    `<li><span><strong>${html(x.name)}</strong>${x.role === null ? '' : ` <span class="where">${html(x.role)}</span>`}</span>` +
                    `<span class="level">${html(x.answer)}</span>` +
                    (x.note === null ? '' : `<blockquote>${html(x.note)}</blockquote>`) +
                    '</li>',
                )
                .join('')}</ul>` +
              '</li>',
          )
          .join('')}</ol>`,
      );
    case 'roles':
      return section(
        ctx,
        'roles',
        'By role',
        `<p>Each role's answers combined on their own.</p>` +
          scroll(
            'By role',
            table(
              null,
              ['Role', 'Respondents', 'Stage', 'Index'],
              s.roles.map((r) => [
                html(r.role),
                String(r.members),
                html(r.stage),
                twoDecimals(r.maturityIndex),
              ]),
              [1, 3],
            ),
          ),
      );
    default:
      return unknownSection(s);
  }
}

/** "Ahead: …", "Foundation gaps: …", "Pitfall: …" with the label set apart. */
function noteHtml(note: string): string {
  const match = /^(Ahead|Foundation gaps|Pitfall):\s*/.exec(note);
  if (!match) return html(note);
  return `<strong>${match[1]}</strong> ${html(note.slice(match[0].length))}`;
}

/** Stage bars for any list of stage rows: also the progress report's latest standing. */
export function stagesFigure(id: string, stages: readonly StageBar[]): string {
  return (
    `<figure>${stageBars(`${id}-stages-chart`, stages, 'Stage scores against their thresholds')}` +
    `<figcaption>Each bar is a stage's score; the line across it marks the stage's threshold. A stage is attained at or above its threshold.</figcaption>` +
    `<details class="data"><summary>The stage scores as a table</summary>` +
    scroll(
      'Stage scores',
      table(
        null,
        ['Stage', 'Score', 'Threshold', 'Status'],
        stages.map((st) => [
          `${st.number} ${html(st.name)}`,
          ...stageNumbers(st),
          status(st.status),
        ]),
        [1, 2],
      ),
    ) +
    `</details></figure>`
  );
}

function stagesSection(stages: StageBar[], ctx: Context): string {
  return section(ctx, 'stages', 'Stages', stagesFigure(ctx.id, stages));
}

/** Every tenet by stage: the heat grid, its legend, and the same numbers as a table. */
function tenetsSection(ctx: Context): string {
  const stages = ctx.a.stages;
  const grid = tenetGrid(
    `${ctx.id}-tenets-chart`,
    stages.map((st) => ({
      number: st.number,
      name: st.name,
      threshold: st.threshold,
      tenets: st.tenets.map((t) => ({
        title: t.title,
        score: t.score,
        met: t.score !== null && !t.belowThreshold,
      })),
    })),
    'Every tenet by stage',
  );
  const bands = ['0–19%', '20–39%', '40–59%', '60–79%', '80–100%'];
  const legend =
    `<ul class="legend">${bands.map((b, i) => `<li><span class="swatch sw-${i}"></span>${b}</li>`).join('')}` +
    `<li>✓ at or above the stage's threshold</li></ul>`;
  const rows = stages.flatMap((st) =>
    st.tenets.map((t) => [
      html(t.title),
      `${st.number} ${html(st.name)}`,
      ...percentsAgainst(t.score, st.threshold, t.belowThreshold),
      t.score === null ? 'n/a' : t.belowThreshold ? 'no' : 'yes',
    ]),
  );
  return section(
    ctx,
    'tenets',
    'Every tenet by stage',
    // On a phone the grid keeps a legible size and scrolls sideways in its own box, as wide tables do.
    `<figure><div class="scroll wide-chart" role="region" tabindex="0" aria-label="Every tenet by stage, scrolls sideways">${grid}</div>${legend}` +
      `<details class="data"><summary>Every tenet as a table</summary>` +
      scroll(
        'Every tenet',
        table(null, ['Tenet', 'Stage', 'Score', 'Threshold', 'Threshold met'], rows, [2, 3]),
      ) +
      `</details></figure>`,
  );
}

/** The evidence of a gap: each question of its tenet with the answer given and its note. */
/** A gap's evidence: each answered question of the tenet, its answer and the note given with it. */
function evidence(items: GapRow['evidence']): string {
  if (items.length === 0) return '';
  const rows = items.map(
    (e) =>
      `<li><span>${html(e.question)}</span><span class="level">${html(e.answer)}</span>` +
      `${e.note === null ? '' : `<blockquote>${html(e.note)}</blockquote>`}</li>`,
  );
  return `<ul class="evidence" aria-label="Evidence">${rows.join('')}</ul>`;
}

/** A member's tenet score against the team's, as a shade of the deviation grid. */
function deviation(member: number | null, team: number | null): { cls: string; mark: string } {
  if (member === null || team === null) return { cls: 'd-same', mark: '' };
  const d = member - team;
  if (d >= 0.25 - 1e-9) return { cls: 'd-up2', mark: ' ↑' };
  if (d >= 0.1 - 1e-9) return { cls: 'd-up', mark: '' };
  if (d <= -0.25 + 1e-9) return { cls: 'd-down2', mark: ' ↓' };
  if (d <= -0.1 + 1e-9) return { cls: 'd-down', mark: '' };
  return { cls: 'd-same', mark: '' };
}

function respondentsSection(s: Extract<Section, { kind: 'respondents' }>, ctx: Context): string {
  const team = ctx.result.team!;
  const strip = memberStrip(
    `${ctx.id}-members-chart`,
    [
      ...s.members.map((m) => ({ name: m.name, index: m.maturityIndex })),
      { name: `Team (${team.combine})`, index: ctx.a.maturityIndex, team: true },
    ],
    ctx.rubric.stages.length,
    "Each respondent's maturity index",
  );
  const members = table(
    null,
    ['Respondent', 'Role', 'Stage', 'Index', 'Answered', 'File'],
    s.members.map((m) => [
      html(m.name),
      m.role === null ? '–' : html(m.role),
      html(m.stage),
      twoDecimals(m.maturityIndex),
      percent(m.completeness),
      html(m.source),
    ]),
    [3, 4],
  );
  return section(
    ctx,
    'respondents',
    'Respondents',
    `<p>${html(s.summary.replace(/^(\d+),/, '$1 respondents,'))}.</p>` +
      `<figure>${strip}<figcaption>Each respondent's own maturity index (●), and the team's from the combined answers (◆), on the scale from 0 to ${ctx.rubric.stages.length}.</figcaption></figure>` +
      scroll('Respondents', members) +
      `<p>${html(s.range)}</p>` +
      (s.stageAgreement === null ? '' : `<p>${html(s.stageAgreement)}</p>`) +
      spreadGrid(ctx, team),
  );
}

/**
 * Respondents × tenets: each respondent's own tenet score, shaded by how far it sits from the
 * team's combined score, with the team's score and the spread (highest − lowest) beside it. A real
 * table rather than a drawing: it is its own text equivalent, screen readers announce each cell
 * with its row and column headers, and on a phone it scrolls sideways inside its box.
 */
function spreadGrid(ctx: Context, team: TeamResult): string {
  const names = team.members.map(
    (m) =>
      html(m.respondent ?? m.source) +
      (m.role === null ? '' : `<br><small>${html(m.role)}</small>`),
  );
  const scores = team.members.map((m) => new Map(m.tenets.map((t) => [t.id, t.score])));
  const columns = team.members.length + 3;
  const rows = ctx.a.stages.flatMap((stage) => [
    `<tr class="stage-row"><th scope="colgroup" colspan="${columns}">${stage.number} ${html(stage.name)}</th></tr>`,
    ...stage.tenets.map((tenet) => {
      const own = scores.map((byId) => byId.get(tenet.id) ?? null);
      const numeric = own.filter((v): v is number => v !== null);
      const spread = numeric.length < 2 ? null : Math.max(...numeric) - Math.min(...numeric);
      const cells = own.map((v) => {
        const d = deviation(v, tenet.score);
        return `<td class="cell ${d.cls}">${v === null ? 'n/a' : percent(v)}${d.mark}</td>`;
      });
      const wide = spread !== null && spread >= 0.5 - 1e-9;
      return (
        `<tr><th scope="row">${html(tenet.title)}</th>${cells.join('')}` +
        `<td class="cell">${tenet.score === null ? 'n/a' : percent(tenet.score)}</td>` +
        `<td class="cell${wide ? ' wide' : ''}">${spread === null ? '–' : percent(spread)}${wide ? ' wide' : ''}</td></tr>`
      );
    }),
  ]);
  const id = `${ctx.id}-spread`;
  return (
    `${heading(ctx, 2, 'Where respondents differ, tenet by tenet', id, 'sub')}` +
    `<p>Each respondent's own score of every tenet, shaded by how far it sits from the team's combined score; the spread is the highest score minus the lowest, wide from 50%.</p>` +
    `<div class="scroll grid" role="region" tabindex="0" aria-labelledby="${id}"><table>` +
    `<thead><tr><th scope="col">Tenet</th>${names.map((n) => `<th scope="col">${n}</th>`).join('')}<th scope="col">Team</th><th scope="col">Spread</th></tr></thead>` +
    `<tbody>${rows.join('')}</tbody></table></div>` +
    `<ul class="legend"><li><span class="swatch d-down2"></span>25 points or more below the team (↓)</li><li><span class="swatch d-down"></span>10–24 below</li><li><span class="swatch d-same"></span>within 10</li><li><span class="swatch d-up"></span>10–24 above</li><li><span class="swatch d-up2"></span>25 or more above (↑)</li></ul>`
  );
}
