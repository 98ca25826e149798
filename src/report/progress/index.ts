import type { ProgressGroup, ReportOptions } from '../types.js';

/** Output formats of `maturity progress`. */
export const PROGRESS_FORMATS = ['text', 'json', 'markdown', 'csv', 'html'] as const;

export type ProgressFormat = (typeof PROGRESS_FORMATS)[number];

/** A progress reporter: pure, `(groups, options) => string`. */
export type ProgressReporter = (groups: readonly ProgressGroup[], options: ReportOptions) => string;

/** The progress reporters, each loaded only when its format is asked for. */
export const progressReporters: Record<ProgressFormat, () => Promise<ProgressReporter>> = {
  text: async () => (await import('./text.js')).progressText,
  json: async () => (await import('./json.js')).progressJson,
  markdown: async () => (await import('./markdown.js')).progressMarkdown,
  csv: async () => (await import('./csv.js')).progressCsv,
  html: async () => (await import('../html/progress.js')).progressHtml,
};
