import { existsSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { z } from 'zod';
import { quote, valueAt } from '../problems/describe.js';
import { problemsFromZod } from '../problems/from-zod.js';
import { problemAt, type Locator } from '../problems/origin.js';
import { didYouMean } from '../problems/suggest.js';
import { UserError, type Problem } from '../problems/user-error.js';
import { parseYaml } from '../source/parse-yaml.js';
import { readTextFile, type ReadOptions } from '../source/read-text.js';
import { builtinRubricIds, builtinRubricPath, looksLikePath } from './catalog.js';
import { normalizeRubric } from './normalise.js';
import {
  mergeOverlay,
  nodesAlong,
  sourced,
  plain,
  treeLocator,
  type Sourced,
  type SourceDocument,
} from './overlay.js';
import { semanticProblems } from './rules.js';
import { overlaySchema, rubricSchema, type RubricFile } from './schema.js';
import type { Rubric, RubricRef } from './types.js';

/** How deep overlays may stack: an overlay of an overlay … of a rubric, at most this many `extends`. */
export const MAX_EXTENDS = 8;

/** The outcome of checking a rubric: a rubric when there are no problems. */
export interface RubricCheck {
  rubric?: Rubric;
  problems: Problem[];
  /** The rubrics it extends, nearest first; empty for a rubric that extends none. */
  bases: RubricRef[];
}

/** Where the checked file is, so that `extends:` paths and the files it names can be resolved. */
export interface CheckOptions {
  /** The file's real path (default: `file` resolved); `extends:` paths are relative to its folder. */
  path?: string;
  /** The working folder: files a chain of overlays brings in are named relative to it. */
  cwd?: string;
}

/**
 * Parses and validates rubric text (YAML or JSON), collecting every problem with its position. A
 * rubric with `extends:` is merged into the rubric it names (read from disk) and checked as a whole;
 * each problem names the file, line and column that wrote the offending node.
 */
export function checkRubricText(
  text: string,
  file: string,
  options: CheckOptions = {},
): RubricCheck {
  const path = options.path ?? resolve(file);
  const docs: SourceDocument[] = [];
  const top = { file, path, real: realPath(path) };
  const result = checkDocument(text, top, [top], docs, options.cwd);
  const problems = sortByFile(dedupe(result.problems), docs);
  if (problems.length > 0 || !result.rubric) return { problems, bases: [] };
  return { rubric: normalizeRubric(result.rubric), problems: [], bases: result.bases };
}

/** Reads, parses and validates a rubric file; throws a UserError listing every problem. */
export function loadRubricFile(
  path: string,
  file: string = path,
  cwd?: string,
  read: ReadOptions = {},
): Rubric {
  return loadRubricSource(path, file, cwd, read).rubric;
}

/** Like loadRubricFile, and says which rubrics it extends. */
export function loadRubricSource(
  path: string,
  file: string = path,
  cwd?: string,
  read: ReadOptions = {},
): { rubric: Rubric; bases: RubricRef[] } {
  const { rubric, problems, bases } = checkRubricText(readTextFile(path, file, read), file, {
    path,
    ...(cwd !== undefined && { cwd }),
  });
  if (!rubric) throw new UserError(`${file}: invalid rubric`, { problems });
  return { rubric, bases };
}

/** One file of a chain: how messages name it and where it is. */
interface FileRef {
  file: string;
  path: string;
}

/** A file of a chain being checked, with its path with links resolved (a cycle through a link is one). */
interface ChainLink extends FileRef {
  real: string;
}

/** A file checked with what it extends: its merged tree and rubric, or its problems. */
interface DocumentCheck {
  problems: Problem[];
  tree?: Sourced;
  rubric?: RubricFile;
  bases: RubricRef[];
}

function checkDocument(
  text: string,
  ref: FileRef,
  chain: ChainLink[],
  docs: SourceDocument[],
  cwd: string | undefined,
): DocumentCheck {
  const { file } = ref;
  const parsed = parseYaml(text, file);
  const doc = docs.length;
  docs.push({ file, depth: chain.length - 1, locate: parsed.locate });
  if (parsed.problems.length > 0) return { problems: parsed.problems, bases: [] };
  const data = parsed.value;
  if (data === null || data === undefined) {
    return {
      problems: [{ file, path: '', message: 'the rubric file is empty', line: 1, column: 1 }],
      bases: [],
    };
  }
  const locate: Locator = (path, at) => ({
    file,
    path: [...path],
    depth: chain.length - 1,
    ...parsed.locate(path, at),
  });

  if (looksLikeAnswers(data)) {
    return {
      problems: [
        problemAt(
          locate(['answers'], 'key'),
          'this looks like an answers file, not a rubric: use maturity score to score it',
          [],
        ),
      ],
      bases: [],
    };
  }

  if (!isMapping(data) || !Object.prototype.hasOwnProperty.call(data, 'extends')) {
    const { problems, rubric } = validate(data, locate);
    if (!rubric) return { problems, bases: [] };
    return { problems: [], tree: sourced(data, doc), rubric, bases: [] };
  }

  // An overlay: its own shape first, then the rubric it extends, then the merged whole.
  const own = schemaProblems(overlaySchema, data, locate).problems;
  const target = data.extends;
  if (typeof target !== 'string' || target.trim() === '') return { problems: own, bases: [] };
  const base = resolveBase(target, ref, cwd);
  if ('problem' in base) {
    return { problems: [...own, problemAt(locate(['extends']), base.problem)], bases: [] };
  }
  const link = { ...base, real: realPath(base.path) };
  const names = [...chain, link].map((entry) => entry.file).join(' → ');
  if (chain.some((entry) => entry.real === link.real)) {
    return {
      problems: [...own, problemAt(locate(['extends']), `a cycle of overlays: ${names}`)],
      bases: [],
    };
  }
  if (chain.length > MAX_EXTENDS) {
    return {
      problems: [
        ...own,
        problemAt(
          locate(['extends']),
          `too many levels of extends, more than ${MAX_EXTENDS}: ${names}`,
        ),
      ],
      bases: [],
    };
  }
  let baseText: string;
  try {
    // A path written in a file, not typed by the user (the overlay may have come with an answers
    // file in a pull request): like a `rubric:` field, it must name a regular file, or a pipe
    // could block the run and a system file be quoted in the messages.
    baseText = readTextFile(base.path, base.file, { regularOnly: true });
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return {
      problems: [
        ...own,
        problemAt(locate(['extends']), `cannot read the rubric it extends: ${error.message}`),
      ],
      bases: [],
    };
  }
  const checked = checkDocument(baseText, base, [...chain, link], docs, cwd);
  if (!checked.tree || !checked.rubric) {
    return { problems: [...own, ...checked.problems], bases: [] };
  }

  const baseRef = {
    id: checked.rubric.id,
    version: checked.rubric.version,
    title: checked.rubric.title,
  };
  const merge = mergeOverlay(checked.tree, sourced(data, doc), baseRef.id);
  const mergedLocate = treeLocator(merge.merged, docs);
  const problems = [...own];
  for (const problem of merge.problems) {
    const origin = originOf(problem.node, problem.path, docs);
    problems.push(problemAt(origin, problem.message));
  }
  if (typeof data.id === 'string' && data.id === baseRef.id) {
    problems.push(
      problemAt(
        locate(['id']),
        `an overlay needs an id of its own: ${quote(data.id)} is the id of the rubric it extends`,
      ),
    );
  }
  const whole = validate(plain(merge.merged), mergedLocate, (path) =>
    nodesAlong(merge.merged, path).some((node) => merge.explained.has(node)),
  );
  problems.push(...whole.problems);
  if (problems.length > 0 || !whole.rubric) return { problems, bases: [] };
  return {
    problems: [],
    tree: merge.merged,
    rubric: whole.rubric,
    bases: [baseRef, ...checked.bases],
  };
}

/**
 * Schema and semantic problems of a whole rubric. `explained(path)` says whether a problem of a
 * missing field or an empty list at `path` is already explained by the merge.
 */
function validate(
  data: unknown,
  locate: Locator,
  explained: (path: PropertyKey[]) => boolean = () => false,
): { problems: Problem[]; rubric?: RubricFile } {
  const skip = (issue: z.core.$ZodIssue) => {
    const path = issue.path as PropertyKey[];
    if (issue.code === 'invalid_type' && valueAt(data, path) === undefined) {
      return explained(path.slice(0, -1));
    }
    if (issue.code === 'too_small' && issue.origin === 'array') return explained(path);
    return false;
  };
  // Unknown keys are matched against an overlay's keys too: `extend:` means `extends:`.
  const checked = schemaProblems(rubricSchema, data, locate, skip, overlaySchema);
  const problems = [...checked.problems, ...semanticProblems(data, locate, explained)];
  return problems.length > 0 || !checked.data ? { problems } : { problems, rubric: checked.data };
}

/**
 * Problems of `data` against a zod schema, leaving out the issues `skip` says are explained;
 * unknown keys are compared with the keys of `suggestFrom` (default: `schema`).
 */
function schemaProblems<T>(
  schema: z.ZodType<T>,
  data: unknown,
  locate: Locator,
  skip: (issue: z.core.$ZodIssue) => boolean = () => false,
  suggestFrom: z.ZodType = schema,
): { problems: Problem[]; data?: T } {
  const parsed = schema.safeParse(data);
  if (parsed.success) return { problems: [], data: parsed.data };
  const issues = parsed.error.issues.filter((issue) => !skip(issue));
  return { problems: problemsFromZod(issues, data, locate, suggestFrom) };
}

function originOf(
  node: Sourced,
  path: PropertyKey[],
  docs: readonly SourceDocument[],
): ReturnType<Locator> {
  const doc = docs[node.doc]!;
  const docPath = [...node.path, ...path];
  return { file: doc.file, path: docPath, depth: doc.depth, ...doc.locate(docPath) };
}

/** The file `extends:` names: a built-in id, else a path relative to the overlay's folder. */
function resolveBase(
  target: string,
  from: FileRef,
  cwd: string | undefined,
): FileRef | { problem: string } {
  if (!looksLikePath(target)) {
    const builtin = builtinRubricPath(target);
    if (builtin) return { path: builtin, file: shownBuiltin(builtin, cwd) };
  }
  const path = isAbsolute(target) ? target : resolve(dirname(from.path), target);
  if (!looksLikePath(target) && !existsSync(path)) {
    return {
      problem: `unknown rubric ${quote(target)}: not a built-in rubric (${builtinRubricIds().join(', ')}) and no such file${didYouMean(target, builtinRubricIds())}`,
    };
  }
  return {
    path,
    file: isAbsolute(target) || cwd === undefined ? path : relative(cwd, path) || path,
  };
}

/** A built-in's source as messages name it: from the working folder when it is inside it. */
function shownBuiltin(path: string, cwd: string | undefined): string {
  if (cwd === undefined) return path;
  const shown = relative(cwd, path);
  return shown.startsWith('..') || isAbsolute(shown) ? path : shown;
}

/** A path with symbolic links resolved, so that a cycle through a link is still one. */
function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

function looksLikeAnswers(data: unknown): boolean {
  return (
    isMapping(data) &&
    Object.prototype.hasOwnProperty.call(data, 'answers') &&
    !Object.prototype.hasOwnProperty.call(data, 'stages') &&
    !Object.prototype.hasOwnProperty.call(data, 'extends')
  );
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.file}:${problem.line}:${problem.column}:${problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Problems file by file (the checked file first, then its bases), top to bottom in each. */
function sortByFile(problems: Problem[], docs: readonly SourceDocument[]): Problem[] {
  const rank = new Map<string | undefined, number>();
  docs.forEach((doc, index) => {
    if (!rank.has(doc.file)) rank.set(doc.file, index);
  });
  return problems
    .map((problem, index) => ({ problem, index }))
    .sort(
      (a, b) =>
        (rank.get(a.problem.file) ?? 0) - (rank.get(b.problem.file) ?? 0) ||
        // A "N more not shown" line closes its file's list.
        Number(a.problem.omitted !== undefined) - Number(b.problem.omitted !== undefined) ||
        (a.problem.line ?? 0) - (b.problem.line ?? 0) ||
        (a.problem.column ?? 0) - (b.problem.column ?? 0) ||
        a.index - b.index,
    )
    .map(({ problem }) => problem);
}
