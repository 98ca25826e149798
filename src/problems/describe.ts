import { escapeControls } from './control-characters.js';
import { dottedPath, type Problem } from './user-error.js';

export { escapeControls };

/** A user's text in a message: quoted and escaped so that a problem stays on one line, and cut short. */
export function quote(text: string): string {
  return escapeControls(JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text));
}

/** The dotted path of a problem; keys holding line breaks or control characters are quoted. */
export function problemPath(path: readonly PropertyKey[]): string {
  return dottedPath(
    path.map((segment) =>
      typeof segment === 'string' && escapeControls(segment) !== segment ? quote(segment) : segment,
    ),
  );
}

/** Sorts problems by position so output reads top to bottom, stable otherwise. */
export function sortProblems(problems: Problem[]): Problem[] {
  return problems
    .map((problem, index) => ({ problem, index }))
    .sort(
      (a, b) =>
        (a.problem.line ?? 0) - (b.problem.line ?? 0) ||
        (a.problem.column ?? 0) - (b.problem.column ?? 0) ||
        a.index - b.index,
    )
    .map(({ problem }) => problem);
}

/** The value at `path` inside plain data, or undefined. */
export function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let node = data;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(node, segment)) return undefined;
    node = (node as Record<PropertyKey, unknown>)[segment];
  }
  return node;
}

/** Names a value's YAML type for a message. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'number':
      if (Number.isNaN(value)) return '.nan';
      if (!Number.isFinite(value)) return value > 0 ? '.inf' : '-.inf';
      return `the number ${value}`;
    case 'string':
      return `the string ${escapeControls(JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value))}`;
    case 'boolean':
      return `${value}`;
    case 'object':
      return 'a mapping';
    default:
      return typeof value;
  }
}
