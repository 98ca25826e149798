/**
 * A fast path for the plain YAML that answers files are nearly always written in: block mappings
 * of simple keys to plain, quoted or `{ value, note }` flow values, with comments. It returns
 * exactly what the `yaml` package would (core schema) or `undefined` as soon as it meets anything
 * outside that subset, and the caller then parses with `yaml` (which also gives error positions).
 * Batch scoring spends most of its time parsing, and this is about ten times faster.
 */

type Mapping = Record<string, unknown>;

/**
 * Where the plain key at `from` ends: the index of its colon, or -1. A key is what
 * /([A-Za-z0-9_$][A-Za-z0-9_$./-]*):(?:[ ]|$)/ matches there, scanned by hand because this runs
 * for every line of every file of a batch and a match object for each line was a tenth of what a
 * batch allocated. (The colon is in no class the key's characters are from, so the first one is
 * the only place the pattern could match it.)
 */
export function keyEnd(line: string, from: number): number {
  const first = line.charCodeAt(from);
  if (!isKeyCode(first, true)) return -1;
  // Whether the key is a word (see isStringKey), found out on the way: no second scan of it.
  let word = (first >= 97 && first <= 122) || (first >= 65 && first <= 90);
  let i = from + 1;
  while (i < line.length) {
    const code = line.charCodeAt(i);
    const kind = code < 128 ? KEY_CODES[code]! : NOT_KEY;
    if (kind === NOT_KEY) break;
    if (kind === KEY) word = false;
    i += 1;
  }
  lastKeyIsWord = word;
  if (line.charCodeAt(i) !== 58 /* : */) return -1;
  return i + 1 === line.length || line.charCodeAt(i + 1) === 32 ? i : -1;
}

/** Whether the key keyEnd found last is made of a letter, then letters, digits, `-` and `_`. */
let lastKeyIsWord = false;

/** A-Z, a-z, 0-9, `_`, `$`, and after the first character also `.`, `/` and `-`. */
function isKeyCode(code: number, first: boolean): boolean {
  return (
    (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    (code >= 48 && code <= 57) ||
    code === 95 ||
    code === 36 ||
    (!first && (code === 46 || code === 47 || code === 45))
  );
}

/** What an ASCII character is in a key after its first: not in one, in one, or in a word. */
const NOT_KEY = 0;
const KEY = 1;
const WORD = 2;
const KEY_CODES = new Uint8Array(128);
for (let code = 0; code < 128; code += 1) {
  if (isKeyCode(code, false)) {
    const word =
      (code >= 97 && code <= 122) ||
      (code >= 65 && code <= 90) ||
      (code >= 48 && code <= 57) ||
      code === 45 ||
      code === 95;
    KEY_CODES[code] = word ? WORD : KEY;
  }
}
const INT = /^[-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
/** `.inf`, `-.inf`, `+.inf`, `.nan` in the spellings the core schema reads as numbers. */
const SPECIAL_FLOAT = /^(?:[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const NULLS = new Set(['~', 'null', 'Null', 'NULL']);
const BOOLS: Record<string, boolean> = {
  true: true,
  True: true,
  TRUE: true,
  false: false,
  False: false,
  FALSE: false,
};
/** Characters a plain scalar may not start with in YAML (indicators), or that we leave to `yaml`. */
const PLAIN_START = /^[-?:,[\]{}#&*!|>'"%@`.]/;
const BAIL = undefined;
const MAX_DEPTH = 16;
/** YAML 1.2 limits an implicit block mapping key to 1024 characters; `yaml` refuses longer ones. */
const MAX_IMPLICIT_KEY = 1024;

/** A block mapping being read: a plain object, or a Map for `answers` when asked (see below). */
type Open = Mapping | Map<string, unknown>;

function has(map: Open, key: string): boolean {
  return map instanceof Map ? map.has(key) : Object.prototype.hasOwnProperty.call(map, key);
}

function put(map: Open, key: string, value: unknown): void {
  if (map instanceof Map) map.set(key, value);
  else map[key] = value;
}

/**
 * Parses a simple YAML document; `undefined` means "not simple, use the full parser". With
 * `answersMap`, the block mapping of the top-level key `answers` comes as a Map of the same entries
 * in the same order (what `Object.keys` gives here, as no key of the fast path is an integer): an
 * answers file's answers are dozens of keys, which make a plain object a hash table, and the
 * answers are then read into a Map anyway (checkAnswersShape takes this one over).
 */
export function parseSimpleYaml(
  text: string,
  { answersMap = false }: { answersMap?: boolean } = {},
): { value: Mapping } | undefined {
  const root: Mapping = {};
  // Open mappings by indentation; `pending` is a key whose value is a block mapping still to come.
  const stack: { indent: number; map: Open }[] = [{ indent: 0, map: root }];
  let pending: { map: Open; key: string; indent: number } | undefined;
  let keys = 0;

  let start = 0;
  const length = text.length;
  // Most files hold no CR and no tab: then no line needs to be searched for them.
  const crs = text.includes('\r');
  const tabs = text.includes('\t');
  while (start <= length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = length;
    let line = text.slice(start, end);
    start = end + 1;
    if (crs) {
      // CR LF ends a line; a CR anywhere else (even at the very end of the text) is left to `yaml`.
      if (end < length && line.endsWith('\r')) line = line.slice(0, -1);
      if (line.includes('\r')) return BAIL;
    }

    let indent = 0;
    while (indent < line.length && line.charCodeAt(indent) === 32) indent += 1;
    if (indent === line.length) continue;
    const first = line[indent];
    if (first === '#') continue;
    if (tabs && line.includes('\t')) return BAIL;
    if (indent === 0 && (line.startsWith('---') || line.startsWith('...') || first === '%')) {
      return BAIL;
    }

    const colon = keyEnd(line, indent);
    if (colon === -1) return BAIL;
    const key = line.slice(indent, colon);
    if (key.length > MAX_IMPLICIT_KEY || !isStringKey(key, lastKeyIsWord)) return BAIL;

    if (pending) {
      if (indent > pending.indent) {
        const child: Open =
          answersMap && pending.map === root && pending.key === 'answers' ? new Map() : {};
        put(pending.map, pending.key, child);
        stack.push({ indent, map: child });
        // Answers files nest three deep; deep nesting is for `yaml` to refuse, as it does.
        if (stack.length > MAX_DEPTH) return BAIL;
      } else {
        put(pending.map, pending.key, null);
      }
      pending = undefined;
    }
    while (stack.length > 0 && stack[stack.length - 1]!.indent > indent) stack.pop();
    const top = stack[stack.length - 1];
    if (!top || top.indent !== indent) return BAIL;
    if (has(top.map, key)) return BAIL;

    keys += 1;
    const number = plainInteger(line, colon + 1);
    if (number !== undefined) {
      put(top.map, key, number);
      continue;
    }
    const pair = valueAndNote(line, colon + 1);
    if (pair !== undefined) {
      put(top.map, key, pair);
      continue;
    }
    const rest = stripComment(trimSpaces(line.slice(colon + 1)));
    if (rest === BAIL) return BAIL;
    if (rest === '') {
      pending = { map: top.map, key, indent };
      continue;
    }
    const value = rest[0] === '{' ? parseFlowMapping(rest) : parseScalar(rest, false);
    if (value === BAIL) return BAIL;
    put(top.map, key, value);
  }
  if (pending) put(pending.map, pending.key, null);
  return keys === 0 ? BAIL : { value: root };
}

/**
 * Whether a plain key reads as that same string. `yaml` turns keys such as `true`, `null`, `007` or
 * `1e3` into other strings ("true", "", "7", "1000") and calls `1:` and `01:` duplicates.
 */
function isStringKey(key: string, word: boolean): boolean {
  // A word (a letter, then letters, digits, `-` and `_`): no number, null, boolean or indicator
  // starts with a letter, so it reads as itself unless it is one of the words for null or a
  // boolean (all of four or five letters). Nearly every key of every file is one.
  if (word)
    return key.length < 4 || key.length > 5 || (!NULLS.has(key) && !Object.hasOwn(BOOLS, key));
  let known = stringKeys.get(key);
  if (known === undefined) {
    known = key !== '__proto__' && parseScalar(key, false) === key;
    // Keys repeat from file to file (the question ids): remember them, up to a bound.
    if (stringKeys.size < MAX_KNOWN_KEYS) stringKeys.set(key, known);
  }
  return known;
}

const stringKeys = new Map<string, boolean>();
const MAX_KNOWN_KEYS = 10_000;

/**
 * The value of `line` from `from` on when it is nothing but spaces around up to 15 digits (what
 * most answers are): what parseScalar would read, without cutting the line up. Else undefined.
 */
function plainInteger(line: string, from: number): number | undefined {
  const start = skipSpaces(line, from);
  let end = line.length;
  while (end > start && line.charCodeAt(end - 1) === 32) end -= 1;
  if (start === end || end - start > 15) return undefined;
  let value = 0;
  for (let i = start; i < end; i += 1) {
    const digit = line.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return undefined;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * `{ value: 3, note: "text" }` from `from` on, the form answers are given with a note in, read in
 * one scan: an integer of up to 15 digits, a note of printable characters with no backslash and no
 * double quote, single spaces or more where shown, nothing after the brace. What parseFlowMapping
 * would make of it; anything else is undefined, for it to read.
 */
function valueAndNote(line: string, from: number): Mapping | undefined {
  const end = line.length;
  let i = skipSpaces(line, from);
  if (line.charCodeAt(i) !== 123 /* { */) return undefined;
  i = skipSpaces(line, i + 1);
  if (!line.startsWith('value: ', i)) return undefined;
  i = skipSpaces(line, i + 7);
  const digits = i;
  let value = 0;
  for (; i < end; i += 1) {
    const digit = line.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) break;
    value = value * 10 + digit;
  }
  if (i === digits || i - digits > 15 || line.charCodeAt(i) !== COMMA) return undefined;
  i = skipSpaces(line, i + 1);
  if (!line.startsWith('note: ', i)) return undefined;
  i = skipSpaces(line, i + 6);
  if (line.charCodeAt(i) !== DOUBLE_QUOTE) return undefined;
  const body = i + 1;
  for (i = body; i < end; i += 1) {
    const c = line.charCodeAt(i);
    if (c === DOUBLE_QUOTE) break;
    if (c < 32 || c === 127 || c === BACKSLASH) return undefined;
  }
  if (i === end) return undefined;
  const note = line.slice(body, i);
  i = skipSpaces(line, i + 1);
  if (line.charCodeAt(i) !== 125 /* } */) return undefined;
  return skipSpaces(line, i + 1) === end ? { value, note } : undefined;
}

/** The index of the first character at or after `from` that is not a space. */
function skipSpaces(text: string, from: number): number {
  let i = from;
  while (i < text.length && text.charCodeAt(i) === SPACE) i += 1;
  return i;
}

/** Trims the spaces YAML separates tokens with; String.prototype.trim also eats U+FEFF, U+00A0… */
function trimSpaces(text: string): string {
  let from = 0;
  let to = text.length;
  while (from < to && text.charCodeAt(from) === 32) from += 1;
  while (to > from && text.charCodeAt(to - 1) === 32) to -= 1;
  return text.slice(from, to);
}

/** Drops a trailing ` # comment` outside quotes and trailing spaces; BAIL when unsure. */
function stripComment(rest: string): string | undefined {
  // The common case, `3` or `Acme`: nothing to scan for.
  if (!rest.includes('#') && !rest.includes('"') && !rest.includes("'")) return rest;
  // Char codes, not one-character strings: this scans every `{ value, note }` of a batch.
  let quote = 0;
  for (let i = 0; i < rest.length; i += 1) {
    const c = rest.charCodeAt(i);
    if (quote !== 0) {
      if (c === BACKSLASH && quote === DOUBLE_QUOTE) i += 1;
      else if (c === quote) quote = 0;
    } else if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE) {
      quote = c;
    } else if (c === HASH && (i === 0 || rest.charCodeAt(i - 1) === SPACE)) {
      return trimSpaces(rest.slice(0, i));
    }
  }
  return quote !== 0 ? BAIL : trimSpaces(rest);
}

const SPACE = 32;
const DOUBLE_QUOTE = 34;
const HASH = 35;
const SINGLE_QUOTE = 39;
const COMMA = 44;
const BACKSLASH = 92;

function parseFlowMapping(text: string): Mapping | undefined {
  if (!text.endsWith('}')) return BAIL;
  const inner = trimSpaces(text.slice(1, -1));
  const map: Mapping = {};
  if (inner === '') return map;
  let keys = 0;
  for (const part of splitFlow(inner) ?? []) {
    const entry = trimSpaces(part);
    const colon = keyEnd(entry, 0);
    if (colon === -1) return BAIL;
    const key = entry.slice(0, colon);
    if (!isStringKey(key, lastKeyIsWord) || Object.prototype.hasOwnProperty.call(map, key))
      return BAIL;
    const value = parseScalar(trimSpaces(entry.slice(colon + 1)), true);
    if (value === BAIL) return BAIL;
    map[key] = value;
    keys += 1;
  }
  return keys > 0 ? map : BAIL;
}

/** Splits flow entries on commas outside quotes; BAIL on nesting. */
function splitFlow(inner: string): string[] | undefined {
  const parts: string[] = [];
  let quote = 0;
  let from = 0;
  for (let i = 0; i < inner.length; i += 1) {
    const c = inner.charCodeAt(i);
    if (quote !== 0) {
      if (c === BACKSLASH && quote === DOUBLE_QUOTE) i += 1;
      else if (c === quote) quote = 0;
    } else if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE) {
      quote = c;
    } else if (c === 91 || c === 93 || c === 123 || c === 125 /* [ ] { } */) {
      return BAIL;
    } else if (c === COMMA) {
      parts.push(inner.slice(from, i));
      from = i + 1;
    }
  }
  if (quote !== 0) return BAIL;
  const last = inner.slice(from);
  if (trimSpaces(last) !== '') parts.push(last);
  return parts;
}

/**
 * Whether `text`, written as a plain (unquoted) scalar inside a flow mapping, reads back as that
 * same string: no number, boolean, null, `0x1F`-style integer or YAML indicator in disguise.
 */
export function isPlainString(text: string): boolean {
  return trimSpaces(text) === text && parseScalar(text, true) === text;
}

/** The value of a scalar as `yaml` reads it, or BAIL (no YAML scalar reads as `undefined`). */
function parseScalar(text: string, inFlow: boolean): unknown {
  if (text === '') return null;
  const first = text[0];
  if (first === '"') {
    if (!text.endsWith('"') || text.length < 2) return BAIL;
    const body = text.slice(1, -1);
    // JSON escapes are a subset of YAML's; anything else (or a raw control character) goes to `yaml`.
    // eslint-disable-next-line no-control-regex -- raw control characters go to the full parser
    if (/[\x00-\x1f\x7f]/.test(body)) return BAIL;
    // Without a backslash, the text between the quotes is the string (if no quote is inside it).
    if (!body.includes('\\')) return body.includes('"') ? BAIL : body;
    if (/\\[^"\\/bfnrtu]/.test(body) || /(^|[^\\])"/.test(body)) return BAIL;
    try {
      return JSON.parse(text) as string;
    } catch {
      return BAIL;
    }
  }
  if (first === "'") {
    if (!text.endsWith("'") || text.length < 2) return BAIL;
    const body = text.slice(1, -1);
    if (/'(?!')/.test(body.replace(/''/g, ''))) return BAIL;
    return body.replace(/''/g, "'");
  }
  if (NULLS.has(text)) return null;
  if (text in BOOLS && Object.prototype.hasOwnProperty.call(BOOLS, text)) return BOOLS[text];
  if (INT.test(text)) return text.length > 15 ? BAIL : parseInt(text, 10);
  if (FLOAT.test(text)) return text.length > 20 ? BAIL : parseFloat(text);
  if (text === 'n/a') return text;
  if (SPECIAL_FLOAT.test(text)) return BAIL;
  if (PLAIN_START.test(text) || /^0[ox]/.test(text)) return BAIL;
  if (text.includes(': ') || text.includes(' #') || text.includes('#') || text.endsWith(':'))
    return BAIL;
  if (inFlow && /[,[\]{}]/.test(text)) return BAIL;
  // Plain scalars of printable characters only; anything else is left to `yaml`.
  if (/[^\x20-\x7e\u00a0-\ud7ff\ue000-\ufffd]/.test(text)) return BAIL;
  return text;
}
