import { twoDecimals } from '../../format/numbers.js';
import type { Rubric } from '../../rubric/types.js';
import { html } from '../escape.js';
import { jsonErrors, jsonResult, JSON_SCHEMA_VERSION } from '../json.js';
import { countProblems, summaryCount } from '../outline.js';
import { completenessShown, whoLabel } from '../wording.js';
import type { Result, StreamingReporter, SummaryRow } from '../types.js';
import { page } from './page.js';
import { renderResult } from './sections.js';

/**
 * `--format html`: one self-contained page for people (SPEC §11).
 *
 * A page must open with the summary of several results, and the summary needs every result; so
 * this reporter buffers: `item` keeps each result, `end` writes the whole document, summary first,
 * then each result's part in order, then the embedded JSON. Drawing the summary last and moving it
 * up with CSS would leave it after the results for screen readers, keyboards and the PDF outline; a
 * skip link would still make readers scroll past every result. Buffering holds the results in
 * memory, which is fine for what an HTML page is for: a handful to a few hundred results (a few
 * tens of KB of page each). Batch runs of thousands belong in json, csv or junit, which stream.
 * One reporter per run: it keeps state.
 */
export function createHtmlReporter(): StreamingReporter {
  let results: Result[] = [];
  return {
    begin: () => {
      results = [];
      return '';
    },
    item: (result) => {
      results.push(result);
      return '';
    },
    // An invalid file's problems are on stderr; the summary marks it.
    separator: '',
    holdsResults: true,
    invalid: () => '',
    summarises: true,
    end: (rows) => {
      const several = rows.length > 1;
      // Alone, a result's name is the page's h1; under the summary's h1, each result has an h2.
      const parts = results.map((result, i) =>
        renderResult(result, { id: `r${i + 1}`, level: several ? 2 : 1 }),
      );
      const first = results[0];
      const rubrics = new Map(results.map((r) => [`${r.rubric.id}@${r.rubric.version}`, r.rubric]));
      return page({
        title:
          several || !first
            ? `Maturity report: ${summaryCount(rows)}`
            : `${whoLabel(first) ?? first.source ?? ''} — maturity report`,
        // With nothing scored, the summary still says what could not be (when there are several).
        body: [
          ...(results.length === 0 ? [`<p>No ${noneScored(rows)} could be scored.</p>`] : []),
          ...(several ? [summary(rows)] : []),
          ...parts,
        ].join('\n'),
        footer: footer([...rubrics.values()]),
        data: {
          schemaVersion: JSON_SCHEMA_VERSION,
          results: results.map(jsonResult),
          errors: jsonErrors(rows),
        },
      });
    },
  };
}

/** What could not be scored when nothing was: "file", "team", or "file or team". */
function noneScored(rows: readonly SummaryRow[]): string {
  const teams = rows.some((row) => row.status === 'invalid' && row.group !== undefined);
  const files = rows.some((row) => row.status === 'invalid' && row.group === undefined);
  return teams ? (files ? 'file or team' : 'team') : 'file';
}

/** The summary of several results: one row each, linking to its part of the page. */
function summary(rows: readonly SummaryRow[]): string {
  const gated = rows.some((row) => row.status === 'ok' && row.gate !== null);
  let scored = 0;
  const body = rows
    .map((row) => {
      if (row.status === 'invalid') {
        const count = countProblems(row.problems);
        return (
          `<tr class="invalid"><th scope="row">${html(row.source)}</th>` +
          `<td colspan="${gated ? 4 : 3}">Not scored: ${count} problem${count === 1 ? '' : 's'} (listed on standard error)</td>` +
          `<td>${html(row.source)}</td></tr>`
        );
      }
      scored += 1;
      const name = row.currentStage.name === null ? '' : ` ${html(row.currentStage.name)}`;
      const gate =
        row.gate === null
          ? '–'
          : row.gate.passed
            ? '<span class="status st-meets">passed</span>'
            : '<span class="status st-below">failed</span>';
      return (
        `<tr><th scope="row"><a href="#r${scored}">${html(row.who ?? row.source)}</a></th>` +
        `<td>${row.currentStage.number} of ${row.stageCount}${name}</td>` +
        `<td class="num">${twoDecimals(row.maturityIndex)}</td>` +
        `<td class="num">${completenessShown(row.completeness, row.gate)}</td>` +
        (gated ? `<td>${gate}</td>` : '') +
        `<td>${html(row.source)}</td></tr>`
      );
    })
    .join('');
  return (
    `<header class="doc"><p class="kicker">Maturity report</p><h1>${summaryCount(rows)}</h1></header>` +
    `<section class="summary" aria-labelledby="summary"><h2 id="summary">Summary</h2>` +
    `<div class="scroll" role="region" tabindex="0" aria-label="Summary"><table>` +
    `<thead><tr><th scope="col">Organization</th><th scope="col">Stage</th><th scope="col" class="num">Index</th><th scope="col" class="num">Answered</th>${gated ? '<th scope="col">Gate</th>' : ''}<th scope="col">File</th></tr></thead>` +
    `<tbody>${body}</tbody></table></div></section>`
  );
}

/** Which model the page applies, with its source: what a reader needs to trust the numbers. */
export function footer(rubrics: readonly Rubric[]): string {
  const models = rubrics.map(
    (r) =>
      `${html(r.title)} ${html(r.version)}${r.source ? `, after ${html(r.source.replace(/\s+/g, ' '))}` : ''}`,
  );
  return `<p>Made with maturity. Model: ${models.join('; ')}. The data of this report is embedded in the page as JSON.</p>`;
}
