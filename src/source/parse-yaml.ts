import {
  Composer,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  Lexer,
  Parser,
  visit,
  YAMLParseError,
} from 'yaml';
import type { CST, Document, Node, Pair, ScalarTag, YAMLError, YAMLMap } from 'yaml';
import type { Problem } from '../problems/user-error.js';
import { escapeControls, quote } from '../problems/describe.js';
import { MAX_TOKENS, MAX_UNCOUNTED_LENGTH } from './limits.js';

export { MAX_TOKENS } from './limits.js';

/** Aliases a document may expand before it is refused (guards against "billion laughs"). */
const MAX_ALIAS_COUNT = 100;

/** Nesting a document may have; rubrics need about ten levels. Deeper input is refused before it is composed. */
export const MAX_DEPTH = 100;

/**
 * What a lexeme costs of MAX_TOKENS: one, and one more per line break inside it. `yaml` folds a
 * multi-line scalar line by line (a block scalar of a million short lines took 350 MB), so a
 * scalar is as dear as the lines it spans, wherever its line breaks are.
 */
export function tokenCost(lexeme: string): number {
  let cost = 1;
  // A line break is a lexeme of its own ('\n' or '\r\n'), counted once.
  if (lexeme.length > 1 && lexeme !== '\r\n') {
    for (let i = lexeme.indexOf('\n'); i !== -1; i = lexeme.indexOf('\n', i + 1)) cost += 1;
  }
  return cost;
}

/**
 * Whether `text` holds more than MAX_TOKENS tokens as parseYaml counts them: a fast path that
 * accepts a document must step aside for one `yaml` would refuse.
 */
export function exceedsTokenLimit(text: string): boolean {
  if (text.length <= MAX_UNCOUNTED_LENGTH) return false;
  let count = 0;
  for (const lexeme of new Lexer().lex(text)) {
    count += tokenCost(lexeme);
    if (count > MAX_TOKENS) return true;
  }
  return false;
}

/**
 * Syntax problems collected before parsing stops: a file of one repeated character holds a million,
 * and `yaml` builds an error object for each. The first MAX_SYNTAX_PROBLEMS are shown.
 */
export const MAX_COLLECTED_PROBLEMS = 100;

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
  const position = linePositions(text);
  const refuse = (offset: number, message: string): ParsedDocument => {
    const at = position(offset);
    return { value: undefined, problems: [{ file, path: '', message, ...at }], locate: () => at };
  };

  // Tokens are counted as they are read, so huge input is refused before it costs much memory, and
  // so are the parser's errors: past MAX_COLLECTED_PROBLEMS the rest of the text is not read.
  const tokens: CST.Token[] = [];
  const parser = new Parser();
  let count = 0;
  let offset = 0;
  // Top-level tokens the composer turns into errors of its own (not through its error handler).
  let strays = 0;
  let documents = 0;
  let stopped = false;
  lexing: for (const lexeme of new Lexer().lex(text)) {
    count += tokenCost(lexeme);
    if (count > MAX_TOKENS) {
      return refuse(offset, `the document is too large: more than ${MAX_TOKENS} YAML tokens`);
    }
    for (const token of parser.next(lexeme)) {
      tokens.push(token);
      if (token.type === 'document') documents += 1;
      else if (!TOP_LEVEL_TRIVIA.has(token.type)) strays += 1;
      // A second document is refused whatever follows it; past the bound, problems are not read.
      if (documents > 1) break lexing;
      if (strays > MAX_COLLECTED_PROBLEMS) {
        stopped = true;
        break lexing;
      }
    }
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
  // Stopped early, only the complete top-level tokens are composed: what is still open was cut.
  if (!stopped && documents <= 1) for (const token of parser.end()) tokens.push(token);
  // The parser keeps its own stack; composing and converting recurse, so depth is checked in between.
  const deep = tooDeep(tokens, MAX_DEPTH);
  if (deep !== undefined) return refuse(deep, TOO_DEEP);
  const composed = composeOne(tokens, text.length, MAX_COLLECTED_PROBLEMS - strays);
  if (stopped || composed.doc === undefined) {
    const issues = composed.issues ?? [...composed.doc.errors, ...composed.doc.warnings];
    const problems = syntaxProblems(issues, tokens, file, position, true);
    return { value: undefined, problems, locate: () => position(0) };
  }
  const { doc } = composed;
  const locate: ParsedDocument['locate'] = (path, at = 'value') =>
    position(findOffset(doc, path, at));

  // Unresolved tags (`!!js/function`, `!custom`) are only warnings to `yaml`; data-only input refuses them.
  const issues = [...doc.errors, ...doc.warnings];
  if (issues.length > 0) {
    return {
      value: undefined,
      problems: syntaxProblems(issues, tokens, file, position, false),
      locate,
    };
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

/**
 * 1-based line and column of an offset, counted from the text itself: a line ends at LF (CR LF is
 * one break). The parser's own newline count skips line breaks inside tokens it rejects.
 */
function linePositions(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    // The last line that starts at or before `offset`.
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: Math.max(0, offset - starts[low]!) + 1 };
  };
}

/** Top-level tokens that are not problems; the composer makes an error of any other but a document. */
const TOP_LEVEL_TRIVIA = new Set(['directive', 'comment', 'newline', 'space', 'byte-order-mark']);

/** Thrown from the composer's error handler once enough problems are collected. */
class EnoughProblems extends Error {}

/**
 * Composes the first document; a second one is an error, as in `yaml`'s parseDocument. Composing
 * stops after `allowance` problems reported through the composer's handler: then `doc` is
 * undefined and `issues` holds what was collected.
 */
function composeOne(
  tokens: CST.Token[],
  length: number,
  allowance: number,
): { doc: Document.Parsed; issues?: undefined } | { doc?: undefined; issues: YAMLError[] } {
  // `yaml` checks unique keys in quadratic time; structureProblems does it with a set.
  const composer = new Composer({
    schema: 'core',
    uniqueKeys: false,
    strict: true,
    // Without this, explicit !!set, !!omap, !!binary and !!timestamp become Set, Map, bytes and Date.
    resolveKnownTags: false,
    customTags: EXPLICIT_CORE_TAGS,
  });
  // `yaml` has no option to stop collecting errors; its handler is wrapped to count them.
  const handler = composer as unknown as { onError: (...args: unknown[]) => void };
  if (typeof handler.onError !== 'function') throw new Error('yaml: Composer.onError not found');
  const collect = handler.onError;
  let seen = 0;
  handler.onError = (...args) => {
    seen += 1;
    if (seen > allowance) throw new EnoughProblems();
    collect(...args);
  };
  let doc: Document.Parsed | undefined;
  try {
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
  } catch (error) {
    if (!(error instanceof EnoughProblems)) throw error;
    const open = composer.streamInfo();
    return {
      issues: [...(doc ? [...doc.errors, ...doc.warnings] : []), ...open.errors, ...open.warnings],
    };
  }
  // compose(…, forceDoc = true) always yields a document, even for empty text.
  return { doc: doc! };
}

/**
 * The core-schema scalar tags as YAML 1.2 defines them, for explicit tags: `!!float 3` is the
 * number 3 (`yaml` reads only `3.0` so), and a value a tag cannot describe (`!!int 3.5`) is an
 * error. Implicit resolution is untouched: `default: false` keeps these for explicit tags only.
 */
const EXPLICIT_CORE_TAGS: ScalarTag[] = [
  explicitTag('int', 'a whole number', (text) => {
    if (/^[-+]?[0-9]+$/.test(text)) return parseInt(text, 10);
    if (/^0o[0-7]+$/.test(text)) return parseInt(text.slice(2), 8);
    if (/^0x[0-9a-fA-F]+$/.test(text)) return parseInt(text.slice(2), 16);
    return undefined;
  }),
  explicitTag('float', 'a number', (text) => {
    if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/.test(text)) {
      return parseFloat(text);
    }
    if (/^[-+]?\.(?:inf|Inf|INF)$/.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
    if (/^\.(?:nan|NaN|NAN)$/.test(text)) return NaN;
    return undefined;
  }),
  explicitTag('bool', 'true or false', (text) => {
    if (/^(?:true|True|TRUE)$/.test(text)) return true;
    if (/^(?:false|False|FALSE)$/.test(text)) return false;
    return undefined;
  }),
  explicitTag('null', 'null', (text) => (/^(?:~|null|Null|NULL|)$/.test(text) ? null : undefined)),
];

function explicitTag(
  name: string,
  expected: string,
  read: (text: string) => number | boolean | null | undefined,
): ScalarTag {
  return {
    tag: `tag:yaml.org,2002:${name}`,
    default: false,
    identify: () => false,
    resolve(text, onError) {
      const value = read(text);
      if (value !== undefined) return value as never;
      onError(`${TAG_MISFIT_PREFIX}!!${name} needs ${expected}, not ${quote(text)}`);
      return text;
    },
  };
}

/** Starts our own messages about a core tag on a value it cannot describe. */
const TAG_MISFIT_PREFIX = 'tag misfit: ';

/** The seven tags of the core schema, which YAML 1.2 gives a meaning; every other tag is refused. */
const CORE_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq']);

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

/**
 * Syntax problems in reading order, without repeats, at most MAX_SYNTAX_PROBLEMS and a count of the
 * rest; when parsing `stopped` early, that count is only a lower bound.
 */
function syntaxProblems(
  issues: readonly YAMLError[],
  tokens: readonly CST.Token[],
  file: string,
  position: (offset: number) => { line: number; column: number },
  stopped: boolean,
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
      message: shorten(escapeControls(describeYamlIssue(issue.code, issue.message))),
      ...position(offset),
    };
    const key = `${problem.line}:${problem.column}:${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  if (problems.length <= MAX_SYNTAX_PROBLEMS && !stopped) return problems;
  // Stopped, there were more than MAX_COLLECTED_PROBLEMS: say no more than that many were seen.
  const collected = stopped ? Math.min(problems.length, MAX_COLLECTED_PROBLEMS) : problems.length;
  const more = Math.max(0, collected - MAX_SYNTAX_PROBLEMS);
  const rest: Problem = stopped
    ? {
        file,
        path: '',
        message:
          more === 0
            ? 'too many YAML problems: the rest of the file was not checked'
            : `more than ${more} more YAML problems not shown (the rest of the file was not checked)`,
        omitted: more,
        atLeast: true,
      }
    : {
        file,
        path: '',
        message: `${more} more YAML problem${more === 1 ? '' : 's'} not shown`,
        omitted: more,
      };
  return [...problems.slice(0, MAX_SYNTAX_PROBLEMS), rest];
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
        const name = shorten(node.source, 40);
        if (target === undefined) {
          problems.push({
            offset: rangeStart(node) ?? 0,
            message: `alias *${name} refers to an anchor &${name} that is not defined before it`,
          });
        } else if (path.includes(target as never)) {
          problems.push({
            offset: rangeStart(node) ?? 0,
            message: `alias *${name} is inside the node it refers to; refused (data would be endless)`,
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
    case 'TAG_RESOLVE_FAILED': {
      if (message.startsWith(TAG_MISFIT_PREFIX)) return message.slice(TAG_MISFIT_PREFIX.length);
      const core = /^Unresolved tag: tag:yaml\.org,2002:(\w+)$/.exec(message)?.[1];
      if (core === 'map') return '!!map can only tag a mapping';
      if (core === 'seq') return '!!seq can only tag a list';
      if (core !== undefined && CORE_TAGS.has(core)) {
        return `!!${core} can only tag a single value, not a list or a mapping`;
      }
      return `${message.replace(/^Unresolved tag/, 'unsupported YAML tag')} (files are data only)`;
    }
    default:
      return `invalid YAML: ${lowerFirst(message.split('\n')[0] ?? message)}`;
  }
}

/** A message (or a name in one) cut to `max` characters: `yaml` quotes source text, which may be a megabyte. */
function shorten(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
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
