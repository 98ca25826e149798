import type { StreamingReporter } from './types.js';

/** Placeholder until the csv reporter lands. */
export const csvReporter: StreamingReporter = {
  begin: () => '',
  item: () => '',
  end: () => '',
};
