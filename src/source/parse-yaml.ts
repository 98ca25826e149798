import {
  Composer,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  Lexer,
  LineCounter,
  Parser,
  visit,
  YAMLParseError,
} from 'yaml';
import type { CST, Document, Node, Pair, YAMLError, YAMLMap } from 'yaml';
import type { Problem } from '../problems/user-error.js';
import { escapeControls } from '../problems/describe.js';

/** Aliases a document may expand before it is refused (guards against "billion laughs"). */
const MAX_ALIAS_COUNT = 100;

/** Nesting a document may have; rubrics need about ten levels. Deeper input is refused before it is composed. */
export const MAX_DEPTH = 100;

/**
 * YAML tokens a document may hold (a value is two to four). Parsing costs about 1 KB of memory per
 * token, so a 5 MB file of `[1,1,1,…]` would need gigabytes; rubrics hold about twenty thousand.
 */
export const MAX_TOKENS = 1_000_000;

const TOO_DEEP = `the document is nested too deeply (more than ${MAX_DEPTH} levels)`;

/** Syntax problems reported for one file; past these, one line says how many more there are. */
const MAX_SYNTAX_PROBLEMS = 10;

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
  const position = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const refuse = (offset: number, message: string): ParsedDocument => {
    const at = position(offset);
    return { value: undefined, problems: [{ file, path: '', message, ...at }], locate: () => at };
  };

  // Tokens are counted as they are read, so huge input is refused before it costs much memory.
  const tokens: CST.Token[] = [];
  const parser = new Parser(lineCounter.addNewLine);
  lineCounter.addNewLine(0);
  let count = 0;
  let offset = 0;
  for (const lexeme of new Lexer().lex(text)) {
    count += 1;
    if (count > MAX_TOKENS) {
      return refuse(offset, `the document is too large: more than ${MAX_TOKENS} YAML tokens`);
    }
    for (const token of parser.next(lexeme)) tokens.push(token);
    // The parser's stack holds the collections still open: refuse deep input as soon as it opens.
    if (parser.stack.length > MAX_DEPTH) {
      const open = parser.stack.filter(isCollectionToken);
      if (open.length > MAX_DEPTH) return refuse(open[MAX_DEPTH]!.offset, TOO_DEEP);
    }
    // Single control characters are the lexer's markers, not source text.
    if (lexeme.length !== 1 || lexeme >= ' ' || lexeme === '\n' || lexeme === '\t') {
      offset += lexeme.length;
    }
  }
  for (const token of parser.end()) tokens.push(token);
  // The parser keeps its own stack; composing and converting recurse, so depth is checked in between.
  const deep = tooDeep(tokens, MAX_DEPTH);
  if (deep !== undefined) return refuse(deep, TOO_DEEP);
  const doc = composeOne(tokens, text.length);
  const locate: ParsedDocument['locate'] = (path, at = 'value') =>
    position(findOffset(doc, path, at));

  // Unresolved tags (`!!js/function`, `!custom`) are only warnings to `yaml`; data-only input refuses them.
  const issues = [...doc.errors, ...doc.warnings];
  if (issues.length > 0) {
    return { value: undefined, problems: syntaxProblems(issues, tokens, file, position), locate };
  }
  const structural = structureProblems(doc).map(({ offset, message }) => ({
    file,
    path: '',
    message: escapeControls(message),
    ...position(offset),
  }));
  if (structural.length > 0) return { value: undefined, problems: structural, locate };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (error instanceof ReferenceError) {
      return refuse(0, `aliases expand too much (more than ${MAX_ALIAS_COUNT}); refused as unsafe`);
    }
    // Aliases nest documents inside documents; should that still overflow the stack, refuse it.
    if (error instanceof RangeError) return refuse(0, TOO_DEEP);
    throw error;
  }
  return { value, problems: [], locate };
}

/** Composes the first document; a second one is an error, as in `yaml`'s parseDocument. */
function composeOne(tokens: CST.Token[], length: number): Document.Parsed {
  // `yaml` checks unique keys in quadratic time; structureProblems does it with a set.
  const composer = new Composer({
    schema: 'core',
    uniqueKeys: false,
    strict: true,
    // Without this, explicit !!set, !!omap, !!binary and !!timestamp become Set, Map, bytes and Date.
    resolveKnownTags: false,
  });
  let doc: Document.Parsed | undefined;
  for (const next of composer.compose(tokens, true, length)) {
    if (!doc) {
      doc = next;
    } else {
      const range = next.range;
      doc.errors.push(
        new YAMLParseError([range[0], range[1]], 'MULTIPLE_DOCS', 'several documents'),
      );
      break;
    }
  }
  // compose(…, forceDoc = true) always yields a document, even for empty text.
  return doc!;
}

/**
 * Offset of the first collection (in reading order) nested deeper than `max`, or undefined.
 * Iterative, since the input may be five megabytes of `[`.
 */
function tooDeep(tokens: readonly CST.Token[], max: number): number | undefined {
  type Entry = { token: CST.Token | null | undefined; depth: number };
  // A stack popped from the end: children are pushed last first so they are visited in order.
  const stack: Entry[] = tokens.map((token) => ({ token, depth: 0 })).reverse();
  while (stack.length > 0) {
    const { token, depth } = stack.pop()!;
    if (!token) continue;
    if (token.type === 'document') {
      stack.push({ token: token.value, depth });
    } else if (isCollectionToken(token)) {
      if (depth >= max) return token.offset;
      for (let i = token.items.length - 1; i >= 0; i -= 1) {
        const item = token.items[i]!;
        stack.push({ token: item.value, depth: depth + 1 }, { token: item.key, depth: depth + 1 });
      }
    }
  }
  return undefined;
}

function isCollectionToken(
  token: CST.Token,
): token is CST.BlockMap | CST.BlockSequence | CST.FlowCollection {
  return (
    token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection'
  );
}

/** Start of the quoted scalar that runs up to `end`, or undefined. */
function quotedScalarEndingAt(tokens: readonly CST.Token[], end: number): number | undefined {
  const stack: (CST.Token | null | undefined)[] = [...tokens];
  while (stack.length > 0) {
    const token = stack.pop();
    if (!token) continue;
    if (token.type === 'document') {
      stack.push(token.value);
    } else if (isCollectionToken(token)) {
      for (const item of token.items) stack.push(item.key, item.value);
    } else if (
      (token.type === 'double-quoted-scalar' || token.type === 'single-quoted-scalar') &&
      token.offset + token.source.length === end
    ) {
      return token.offset;
    }
  }
  return undefined;
}

/** Syntax problems in reading order, without repeats, at most MAX_SYNTAX_PROBLEMS and a count of the rest. */
function syntaxProblems(
  issues: readonly YAMLError[],
  tokens: readonly CST.Token[],
  file: string,
  position: (offset: number) => { line: number; column: number },
): Problem[] {
  const seen = new Set<string>();
  const problems: (Problem & { line: number; column: number })[] = [];
  for (const issue of issues) {
    // `yaml` notices a missing closing quote at the end of the file; point at the opening one.
    const offset =
      issue.code === 'MISSING_CHAR' && /quote/.test(issue.message)
        ? (quotedScalarEndingAt(tokens, issue.pos[0]) ?? issue.pos[0])
        : issue.pos[0];
    const problem = {
      file,
      path: '',
      // `yaml` quotes the source in some messages; a line break there would split the line.
      message: escapeControls(describeYamlIssue(issue.code, issue.message)),
      ...position(offset),
    };
    const key = `${problem.line}:${problem.column}:${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  if (problems.length <= MAX_SYNTAX_PROBLEMS) return problems;
  const more = problems.length - MAX_SYNTAX_PROBLEMS;
  return [
    ...problems.slice(0, MAX_SYNTAX_PROBLEMS),
    {
      file,
      path: '',
      message: `${more} more YAML problem${more === 1 ? '' : 's'} not shown`,
      omitted: more,
    },
  ];
}

/**
 * What YAML allows but plain data cannot hold: keys that are lists or mappings, keys that become
 * the same property (`1` and `"1"`), aliases to nothing or to a node that contains them.
 */
function structureProblems(doc: Document.Parsed): { offset: number; message: string }[] {
  const problems: { offset: number; message: string }[] = [];
  // The last node defined with each anchor so far, in document order (as `yaml` resolves them).
  const anchors = new Map<string, Node>();
  visit(doc, {
    Node(_, node, path) {
      if (node.anchor) anchors.set(node.anchor, node);
      if (isMap(node)) {
        const keys = new Set<string>();
        for (const pair of node.items) {
          const key = pair.key;
          if (key !== null && !isScalar(key)) {
            problems.push({
              offset: rangeStart(key) ?? 0,
              message: 'a mapping key must be a plain value, not a list or a mapping',
            });
            continue;
          }
          // How toJS names the property: null becomes "", everything else String(value).
          const name = key === null || key.value === null ? '' : String(key.value);
          if (keys.has(name)) {
            problems.push({
              offset: rangeStart(key) ?? rangeStart(node) ?? 0,
              message: DUPLICATE_KEY,
            });
          }
          keys.add(name);
        }
      } else if (isAlias(node)) {
        const target = anchors.get(node.source);
        if (target === undefined) {
          problems.push({
            offset: rangeStart(node) ?? 0,
            message: `alias *${node.source} refers to an anchor &${node.source} that is not defined before it`,
          });
        } else if (path.includes(target as never)) {
          problems.push({
            offset: rangeStart(node) ?? 0,
            message: `alias *${node.source} is inside the node it refers to; refused (data would be endless)`,
          });
        }
      }
    },
  });
  return problems;
}

const DUPLICATE_KEY = 'duplicate key (YAML map keys must be unique)';

function describeYamlIssue(code: string, message: string): string {
  switch (code) {
    case 'DUPLICATE_KEY':
      return DUPLICATE_KEY;
    case 'MISSING_CHAR':
      if (/quote/.test(message)) {
        return `invalid YAML: this quoted string has no closing ${message.includes('"') ? '"' : "'"}`;
      }
      return `invalid YAML: ${lowerFirst(message.split('\n')[0] ?? message)}`;
    case 'RESOURCE_EXHAUSTION':
      return 'the document is nested too deeply';
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
      const pair = pairFor(node, segment);
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

/** Pairs of each mapping by key, built on first use: looking up every key of a big file stays linear. */
const pairIndex = new WeakMap<YAMLMap, Map<string, Pair>>();

/** The pair of `map` whose key reads as `segment` (the first, as toJS keeps only one), or undefined. */
function pairFor(map: YAMLMap, segment: PropertyKey | undefined): Pair | undefined {
  let index = pairIndex.get(map);
  if (!index) {
    index = new Map();
    for (const pair of map.items) {
      if (!isScalar(pair.key)) continue;
      const name = String(pair.key.value);
      if (!index.has(name)) index.set(name, pair);
    }
    pairIndex.set(map, index);
  }
  return index.get(String(segment));
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}
