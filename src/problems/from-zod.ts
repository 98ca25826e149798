import type { z } from 'zod';
import { describeValue, problemPath, quote, valueAt } from './describe.js';
import type { Problem } from './user-error.js';

/** Where a path of a document sits (of its key when `at` is 'key'), 1-based. */
export type Locate = (
  path: readonly PropertyKey[],
  at?: 'key' | 'value',
) => { line: number; column: number };

/** Turns zod issues into problems with positions; unknown keys become one problem per key. */
export function problemsFromZod(
  issues: readonly z.core.$ZodIssue[],
  data: unknown,
  locate: Locate,
  file: string,
): Problem[] {
  const problems: Problem[] = [];
  for (const issue of issues) {
    const path = issue.path as PropertyKey[];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const keyPath = [...path, key];
        problems.push({
          file,
          path: problemPath(keyPath),
          message: `unknown key ${quote(key)}`,
          ...locate(keyPath, 'key'),
        });
      }
      continue;
    }
    const value = valueAt(data, path);
    const name = subject(path);
    if (issue.code === 'invalid_type' && value === undefined) {
      problems.push({
        file,
        path: problemPath(path),
        message: `missing required field ${quote(String(path[path.length - 1]))}`,
        ...locate(path.slice(0, -1)),
      });
      continue;
    }
    let message: string;
    if (issue.code === 'invalid_type') {
      message = `${name} must be ${article(issue.expected)}, not ${describeValue(value)}`;
    } else if (issue.code === 'invalid_value' && issue.values.length > 0) {
      message = `${name} must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    } else {
      message = `${name} ${issue.message}`;
    }
    problems.push({ file, path: problemPath(path), message, ...locate(path) });
  }
  return problems;
}

/** How a path is named in a message: its last key, or "item N of <key>" for list items. */
function subject(path: readonly PropertyKey[]): string {
  const last = path[path.length - 1];
  if (last === undefined) return 'the document';
  if (typeof last === 'number') {
    const parent = path[path.length - 2];
    return parent === undefined ? `item ${last}` : `${String(parent)}[${last}]`;
  }
  return String(last);
}

function article(expected: string): string {
  switch (expected) {
    case 'object':
      return 'a mapping';
    case 'array':
      return 'a list';
    case 'number':
      return 'a finite number';
    case 'string':
      return 'a string';
    case 'boolean':
      return 'true or false';
    default:
      return expected;
  }
}
