import { z } from 'zod';
import { describeValue, quote, valueAt } from './describe.js';
import { problemAt, type Locator } from './origin.js';
import { didYouMean } from './suggest.js';
import type { Problem } from './user-error.js';

/**
 * Turns zod issues into problems with positions; unknown keys become one problem per key, with the
 * closest key `schema` knows at that place as a suggestion.
 */
export function problemsFromZod(
  issues: readonly z.core.$ZodIssue[],
  data: unknown,
  locate: Locator,
  schema?: z.ZodType,
): Problem[] {
  const problems: Problem[] = [];
  for (const issue of issues) {
    const path = issue.path as PropertyKey[];
    if (issue.code === 'unrecognized_keys') {
      const known = schema ? knownKeys(schema, path) : [];
      for (const key of issue.keys) {
        problems.push(
          problemAt(
            locate([...path, key], 'key'),
            `unknown key ${quote(key)}${didYouMean(key, known)}`,
          ),
        );
      }
      continue;
    }
    const value = valueAt(data, path);
    if (issue.code === 'invalid_type' && value === undefined) {
      const field = path[path.length - 1];
      const parent = locate(path.slice(0, -1));
      problems.push(
        problemAt(parent, `missing required field ${quote(String(field))}`, [
          ...parent.path,
          field!,
        ]),
      );
      continue;
    }
    const origin = locate(path);
    // Named as in the file that wrote it: a merged list may number its items differently.
    const name = subject(origin.path);
    let message: string;
    if (issue.code === 'invalid_type') {
      message = `${name} must be ${article(issue.expected)}, not ${describeValue(value)}`;
    } else if (issue.code === 'invalid_value' && issue.values.length > 0) {
      message = `${name} must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    } else {
      message = `${name} ${issue.message}`;
    }
    problems.push(problemAt(origin, message));
  }
  return problems;
}

/** The keys an object of `schema` may have at `path` (list indices step into list items). */
export function knownKeys(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let node: z.ZodType | undefined = schema;
  for (const segment of path) {
    node = unwrap(node);
    if (node instanceof z.ZodArray) node = node.element as z.ZodType;
    else if (node instanceof z.ZodObject)
      node = node.shape[String(segment)] as z.ZodType | undefined;
    else return [];
    if (node === undefined) return [];
  }
  node = unwrap(node);
  return node instanceof z.ZodObject ? Object.keys(node.shape) : [];
}

function unwrap(schema: z.ZodType): z.ZodType {
  let node = schema;
  while (node instanceof z.ZodOptional || node instanceof z.ZodNullable) {
    node = node.unwrap() as z.ZodType;
  }
  return node;
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
    case 'int':
      return 'a whole number';
    case 'string':
      return 'a string';
    case 'boolean':
      return 'true or false';
    default:
      return expected;
  }
}
