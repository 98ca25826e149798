import { escapeControls } from '../problems/describe.js';

/** How many files a warning names one by one; the others that have it are counted. */
export const WARNINGS_NAMED = 10;

/** Warnings kept count of, at most: past that, a new one is said for each file. */
const MAX_COUNTED = 1_000;

/** What follows the file's name in a warning of it, with or without a position. */
const PREFIX = /^(?::\d+:\d+)?: warning: /;

/**
 * The warnings of a batch's files (`file: warning: …`, `file:line:column: warning: …`) as stderr
 * says them: each as it comes for the first WARNINGS_NAMED files that have it, then counted, and
 * `rest()` says once how many more files had it (`say` is called only for what is said: a progress
 * line is cleared there). A batch of 20,000 files answered for the version before the rubric's
 * would otherwise write 20,000 lines of one warning into a CI log. Other warnings are said as they
 * come.
 */
export class FileWarnings {
  private readonly counts = new Map<string, number>();

  constructor(private readonly say: (line: string) => void) {}

  /** Says (or counts) the warning `warning` of `file`, as the file's report gives it. */
  add(file: string, warning: string): void {
    // `file: warning: …`, or `file:line:column: warning: …` (the same warning wherever it is).
    const prefix = warning.startsWith(file) ? PREFIX.exec(warning.slice(file.length)) : null;
    const text = prefix ? warning.slice(file.length + prefix[0].length) : undefined;
    const count = text === undefined ? undefined : this.counts.get(text);
    if (text !== undefined && (count !== undefined || this.counts.size < MAX_COUNTED)) {
      this.counts.set(text, (count ?? 0) + 1);
      if ((count ?? 0) >= WARNINGS_NAMED) return;
    }
    this.say(escapeControls(warning));
  }

  /** One line for each warning that more files had than were named (once: the counts are then
   *  cleared, so a run that stops after saying them does not say them twice). */
  rest(): void {
    const counts = [...this.counts];
    this.counts.clear();
    for (const [text, count] of counts) {
      if (count <= WARNINGS_NAMED) continue;
      const more = count - WARNINGS_NAMED;
      this.say(
        escapeControls(
          `maturity: warning: the same for ${more} more file${more === 1 ? '' : 's'}: ${text}`,
        ),
      );
    }
  }
}
