import { problemPath } from './describe.js';
import type { Problem } from './user-error.js';

/** Where a node of checked data was written: the file, the path in that file, the 1-based position. */
export interface Origin {
  file: string;
  path: PropertyKey[];
  line: number;
  column: number;
  /** 0 for the file being checked, 1 for the rubric it extends, 2 for that one's base, and so on. */
  depth: number;
}

/**
 * Where the node at `path` of the checked data was written (its key when `at` is 'key'). A path
 * that does not exist resolves to its nearest existing ancestor, with the rest of the path kept.
 */
export type Locator = (path: readonly PropertyKey[], at?: 'key' | 'value') => Origin;

/** A problem at an origin: its file, its path in that file and its position. */
export function problemAt(origin: Origin, message: string, path = origin.path): Problem {
  return {
    file: origin.file,
    path: problemPath(path),
    message,
    line: origin.line,
    column: origin.column,
  };
}
