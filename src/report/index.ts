import type { ReportOptions, Result, StreamingReporter } from './types.js';
import { jsonReporter } from './json.js';
import { textReporter } from './text.js';
import { summaryRow } from './outline.js';

/** Output formats of `maturity score`. */
export const FORMATS = ['text', 'json', 'markdown', 'csv', 'junit', 'html'] as const;

export type Format = (typeof FORMATS)[number];

/** The reporters, each loaded only when its format is asked for; one call per run (csv and html keep state). */
export const reporters: Record<Format, () => Promise<StreamingReporter>> = {
  text: async () => textReporter,
  json: async () => jsonReporter,
  markdown: async () => (await import('./markdown.js')).createMarkdownReporter(),
  csv: async () => (await import('./csv.js')).createCsvReporter(),
  junit: async () => (await import('./junit.js')).junitReporter,
  html: async () => (await import('./html/report.js')).createHtmlReporter(),
};

/** Renders a whole report at once: `(results, options) => string`, the pure form of a reporter. */
export function render(
  reporter: StreamingReporter,
  results: readonly Result[],
  options: ReportOptions,
): string {
  return (
    reporter.begin(options) +
    results.map((result) => reporter.item(result, options)).join(reporter.separator) +
    whole(reporter.end(results.map(summaryRow), options, results.length))
  );
}

/** A footer in one string, when it came in pieces. */
export function whole(footer: string | Iterable<string>): string {
  return typeof footer === 'string' ? footer : [...footer].join('');
}

/** Loads a reporter and renders a whole report. */
export async function renderReport(
  format: Format,
  results: readonly Result[],
  options: ReportOptions,
): Promise<string> {
  return render(await reporters[format](), results, options);
}
