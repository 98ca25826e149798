import type { StreamingReporter } from './types.js';

/** Placeholder until the markdown reporter lands. */
export const markdownReporter: StreamingReporter = {
  begin: () => '',
  item: () => '',
  end: () => '',
};
