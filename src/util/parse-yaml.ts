import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit } from 'yaml';
import type { Document, Node, Pair } from 'yaml';
import type { Problem } from '../errors.js';

/** Aliases a document may expand before it is refused (guards against "billion laughs"). */
const MAX_ALIAS_COUNT = 100;

/** A parsed YAML (or JSON) document that can say where any path of its value sits. */
export interface ParsedDocument {
  /** The plain data, or undefined when the document could not be parsed. */
  value: unknown;
  /** Syntax problems; when not empty, `value` is undefined. */
  problems: Problem[];
  /** 1-based position of the node at `path` (of its key when `at` is 'key'), or of its nearest ancestor. */
  locate(path: readonly PropertyKey[], at?: 'key' | 'value'): { line: number; column: number };
}

/** Parses YAML 1.2 (core schema; JSON is a subset) keeping node positions for error messages. */
export function parseYaml(text: string, file: string): ParsedDocument {
  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, {
      lineCounter,
      prettyErrors: false,
      schema: 'core',
      uniqueKeys: true,
      strict: true,
    });
  } catch (error) {
    if (error instanceof RangeError) return failed(file, 'the document is nested too deeply');
    throw error;
  }
  const position = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const locate: ParsedDocument['locate'] = (path, at = 'value') =>
    position(findOffset(doc, path, at));

  // Unresolved tags (`!!js/function`, `!custom`) are only warnings to `yaml`; data-only input refuses them.
  const issues = [...doc.errors, ...doc.warnings];
  if (issues.length > 0) {
    const problems = issues.map((issue) => ({
      file,
      path: '',
      message: describeYamlIssue(issue.code, issue.message),
      ...position(issue.pos[0]),
    }));
    return { value: undefined, problems, locate };
  }
  const structural = structureProblems(doc).map(({ offset, message }) => ({
    file,
    path: '',
    message,
    ...position(offset),
  }));
  if (structural.length > 0) return { value: undefined, problems: structural, locate };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (error instanceof RangeError) return failed(file, 'the document is nested too deeply');
    if (error instanceof ReferenceError) {
      return failed(
        file,
        `aliases expand too much (more than ${MAX_ALIAS_COUNT}); refused as unsafe`,
      );
    }
    throw error;
  }
  return { value, problems: [], locate };
}

/** What YAML allows but plain data cannot hold: keys that are lists or mappings, aliases to nothing. */
function structureProblems(doc: Document.Parsed): { offset: number; message: string }[] {
  const problems: { offset: number; message: string }[] = [];
  visit(doc, {
    Pair(_, pair) {
      if (pair.key !== null && !isScalar(pair.key)) {
        problems.push({
          offset: rangeStart(pair.key) ?? 0,
          message: 'a mapping key must be a plain value, not a list or a mapping',
        });
      }
    },
    Alias(_, alias) {
      if (!alias.resolve(doc)) {
        problems.push({
          offset: rangeStart(alias) ?? 0,
          message: `alias *${alias.source} refers to an anchor &${alias.source} that is not defined before it`,
        });
      }
    },
  });
  return problems;
}

function failed(file: string, message: string): ParsedDocument {
  return {
    value: undefined,
    problems: [{ file, path: '', message, line: 1, column: 1 }],
    locate: () => ({ line: 1, column: 1 }),
  };
}

function describeYamlIssue(code: string, message: string): string {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'duplicate key (YAML map keys must be unique)';
    case 'MULTIPLE_DOCS':
      return 'the file holds several YAML documents; put everything in one';
    case 'TAB_AS_INDENT':
      return 'tabs are not allowed as indentation in YAML; indent with spaces';
    case 'TAG_RESOLVE_FAILED':
      return `${message.replace(/^Unresolved tag/, 'unsupported YAML tag')} (files are data only)`;
    default:
      return `invalid YAML: ${lowerFirst(message.split('\n')[0] ?? message)}`;
  }
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Offset of the node at `path`, falling back to the deepest ancestor that exists. */
function findOffset(
  doc: Document.Parsed,
  path: readonly PropertyKey[],
  at: 'key' | 'value',
): number {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (let i = 0; i < path.length; i += 1) {
    const segment = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((item: Pair) => keyMatches(item.key, segment));
      if (!pair) break;
      const keyStart = rangeStart(pair.key);
      if (last && at === 'key') return keyStart ?? offset;
      node = pair.value;
      offset = rangeStart(node) ?? keyStart ?? offset;
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)];
      if (item === undefined) break;
      node = item;
      offset = rangeStart(node) ?? offset;
    } else {
      break;
    }
  }
  return offset;
}

function keyMatches(key: unknown, segment: PropertyKey | undefined): boolean {
  if (isScalar(key)) return String(key.value) === String(segment);
  if (isPair(key)) return false;
  return key !== null && key !== undefined && String(key) === String(segment);
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}
