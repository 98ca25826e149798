import { quote } from '../problems/describe.js';
import type { Locator } from '../problems/origin.js';
import { closest, didYouMean } from '../problems/suggest.js';

/**
 * Merging an overlay into the rubric it extends (SPEC §12), on data that remembers where every node
 * was written, so that a problem in the merged rubric points into the file that wrote the node.
 */

/** A node of (merged) data with the document and the path in it that wrote the node. */
export interface Sourced {
  /** Index of the document in the list the locator is given. */
  doc: number;
  path: PropertyKey[];
  /** Set on a mapping: its fields in order. */
  fields?: Map<string, Sourced>;
  /** Set on a list: its items. */
  items?: Sourced[];
  /** The value of anything else (a scalar, or null). */
  value?: unknown;
}

/** What a document needs to say where a path of it sits. */
export interface SourceDocument {
  /** The file as messages name it. */
  file: string;
  /** 0 for the file being checked, 1 for its base, and so on. */
  depth: number;
  locate(path: readonly PropertyKey[], at?: 'key' | 'value'): { line: number; column: number };
}

/** A problem found while merging: the document path it is about, and the message. */
export interface MergeProblem {
  node: Sourced;
  /** Below `node`, e.g. `['id']`. */
  path: PropertyKey[];
  message: string;
}

type Kind = 'stage' | 'tenet' | 'question';

/** The list of items each level holds, by the key that holds it. */
const CHILDREN: Record<'rubric' | Kind, { key: string; kind: Kind } | undefined> = {
  rubric: { key: 'stages', kind: 'stage' },
  stage: { key: 'tenets', kind: 'tenet' },
  tenet: { key: 'questions', kind: 'question' },
  question: undefined,
};

/** What a new item must have; without it, the item was most likely meant to change one of the base. */
const REQUIRED: Record<Kind, string[]> = {
  stage: ['name', 'tenets'],
  tenet: ['title', 'questions', 'moves'],
  question: ['text'],
};

/** The keys of an overlay that are about the merge, not part of the merged rubric. */
const MERGE_KEYS = new Set(['extends', 'omit', '$schema']);

/** Wraps plain data as a sourced tree: every node written by `doc` at its own path. */
export function sourced(value: unknown, doc: number, path: PropertyKey[] = []): Sourced {
  if (Array.isArray(value)) {
    return { doc, path, items: value.map((item, index) => sourced(item, doc, [...path, index])) };
  }
  if (value !== null && typeof value === 'object') {
    const fields = new Map<string, Sourced>();
    for (const [key, field] of Object.entries(value)) {
      fields.set(key, sourced(field, doc, [...path, key]));
    }
    return { doc, path, fields };
  }
  return { doc, path, value };
}

/** The plain data of a sourced tree. Keys such as `__proto__` stay ordinary own properties. */
export function plain(node: Sourced): unknown {
  if (node.items) return node.items.map(plain);
  if (node.fields) {
    return Object.fromEntries([...node.fields].map(([key, field]) => [key, plain(field)]));
  }
  return node.value;
}

/** Says where each path of the merged data was written; a missing path resolves to its nearest ancestor. */
export function treeLocator(root: Sourced, docs: readonly SourceDocument[]): Locator {
  return (path, at = 'value') => {
    const { node, rest } = descend(root, path);
    const doc = docs[node.doc]!;
    const docPath = [...node.path, ...rest];
    return { file: doc.file, path: docPath, depth: doc.depth, ...doc.locate(docPath, at) };
  };
}

/** The nodes along `path`, from the root to the deepest one that exists. */
export function nodesAlong(root: Sourced, path: readonly PropertyKey[]): Sourced[] {
  const nodes = [root];
  let node = root;
  for (const segment of path) {
    const next = child(node, segment);
    if (!next) break;
    nodes.push(next);
    node = next;
  }
  return nodes;
}

function descend(
  root: Sourced,
  path: readonly PropertyKey[],
): { node: Sourced; rest: PropertyKey[] } {
  const nodes = nodesAlong(root, path);
  return { node: nodes[nodes.length - 1]!, rest: path.slice(nodes.length - 1) };
}

function child(node: Sourced, segment: PropertyKey): Sourced | undefined {
  if (node.fields) return node.fields.get(String(segment));
  if (node.items && typeof segment === 'number') return node.items[segment];
  return undefined;
}

function shape(node: Sourced): 'mapping' | 'list' | 'scalar' {
  return node.fields ? 'mapping' : node.items ? 'list' : 'scalar';
}

function idOf(node: Sourced | undefined): string | undefined {
  const id = node?.fields?.get('id')?.value;
  return typeof id === 'string' ? id : undefined;
}

/** What merging an overlay gives: the merged tree, the problems only the merge sees, what to skip. */
export interface MergeResult {
  merged: Sourced;
  problems: MergeProblem[];
  /**
   * Nodes whose problems the merge has already explained: new items that lack required fields
   * (most likely a misspelt id of the base), lists that `omit` emptied.
   */
  explained: Set<Sourced>;
}

/**
 * Merges `overlay` (a rubric file with `extends`) into `base` (a valid rubric): mappings field by
 * field, stages, tenets and questions by id (new ones appended), other lists replaced; then `omit`
 * removes items with what they hold, and benchmarks of the base that name them.
 */
export function mergeOverlay(base: Sourced, overlay: Sourced, baseId: string): MergeResult {
  const problems: MergeProblem[] = [];
  const explained = new Set<Sourced>();
  const baseIds = collectIds(base);
  const added: { kind: Kind; node: Sourced }[] = [];

  const mergeItem = (into: Sourced, from: Sourced, level: 'rubric' | Kind): Sourced => {
    if (!into.fields || !from.fields) return from;
    const fields = new Map(into.fields);
    const list = CHILDREN[level];
    for (const [key, field] of from.fields) {
      if (level === 'rubric' && MERGE_KEYS.has(key)) continue;
      const existing = fields.get(key);
      if (list && key === list.key && existing?.items && field.items) {
        fields.set(key, mergeList(existing, field, list.kind));
      } else if (existing && shape(existing) !== shape(field)) {
        // A list or mapping where the base has another shape is the overlay's mistake, which its
        // own schema reports; the merged rubric keeps the base's value rather than lose what it holds.
        continue;
      } else {
        fields.set(key, field);
      }
    }
    if (level === 'rubric') fields.delete('$schema');
    return { doc: from.doc, path: from.path, fields };
  };

  const mergeList = (into: Sourced, from: Sourced, kind: Kind): Sourced => {
    const items = [...into.items!];
    const positions = new Map<string, number>();
    items.forEach((item, index) => {
      const id = idOf(item);
      if (id !== undefined && !positions.has(id)) positions.set(id, index);
    });
    const written = new Set<string>();
    for (const item of from.items!) {
      const id = idOf(item);
      // Without an id an item can neither change nor add anything; the overlay's schema says so.
      if (id === undefined) continue;
      if (written.has(id)) {
        problems.push({
          node: item,
          path: ['id'],
          message: `${kind} ${quote(id)} is listed twice here; write its changes once`,
        });
        continue;
      }
      written.add(id);
      const position = positions.get(id);
      if (position === undefined) {
        items.push(item);
        added.push({ kind, node: item });
      } else {
        items[position] = mergeItem(items[position]!, item, kind);
      }
    }
    return { doc: from.doc, path: from.path, items };
  };

  let merged = mergeItem(base, overlay, 'rubric');

  for (const { kind, node } of added) {
    const missing = REQUIRED[kind].filter((key) => !node.fields?.has(key));
    if (missing.length === 0) continue;
    explained.add(node);
    const id = idOf(node)!;
    const elsewhere = baseIds[kind].get(id);
    const parent = kind === 'stage' ? undefined : kind === 'tenet' ? 'stage' : 'tenet';
    let message: string;
    if (elsewhere !== undefined && parent) {
      message = `${kind} ${quote(id)} of ${baseId} is in ${parent} ${quote(elsewhere)}; change it there`;
    } else {
      const suggestion = closest(id, baseIds[kind].keys());
      message =
        suggestion === undefined
          ? `no ${kind} ${quote(id)} in ${baseId}; a new ${kind} needs ${listFields(missing)}`
          : `no ${kind} ${quote(id)} in ${baseId}; did you mean ${quote(suggestion)}?`;
    }
    problems.push({ node, path: ['id'], message });
  }

  const omit = overlay.fields?.get('omit');
  if (omit?.items) {
    const result = applyOmit(merged, omit, overlay.doc);
    merged = result.merged;
    problems.push(...result.problems);
    for (const node of result.explained) explained.add(node);
  }
  return { merged, problems, explained };
}

function listFields(fields: string[]): string {
  const quoted = fields.map((field) => quote(field));
  return quoted.length === 1
    ? quoted[0]!
    : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}

/** Ids of each kind in a rubric tree, each with the id of the item that holds it. */
function collectIds(root: Sourced): Record<Kind, Map<string, string | undefined>> {
  const ids: Record<Kind, Map<string, string | undefined>> = {
    stage: new Map(),
    tenet: new Map(),
    question: new Map(),
  };
  const walk = (node: Sourced, level: 'rubric' | Kind, parentId: string | undefined) => {
    const list = CHILDREN[level];
    if (!list) return;
    for (const item of node.fields?.get(list.key)?.items ?? []) {
      const id = idOf(item);
      if (id === undefined) continue;
      if (!ids[list.kind].has(id)) ids[list.kind].set(id, parentId);
      walk(item, list.kind, id);
    }
  };
  walk(root, 'rubric', undefined);
  return ids;
}

/** Removes the items `omit` names, with what they hold, and the inherited benchmarks naming them. */
function applyOmit(
  root: Sourced,
  omit: Sourced,
  overlayDoc: number,
): { merged: Sourced; problems: MergeProblem[]; explained: Set<Sourced> } {
  const problems: MergeProblem[] = [];
  const explained = new Set<Sourced>();
  const entries = new Map<string, Sourced>();
  for (const entry of omit.items ?? []) {
    if (typeof entry.value === 'string' && !entries.has(entry.value)) {
      entries.set(entry.value, entry);
    }
  }
  const known = collectIds(root);
  const used = new Set<string>();
  const removed = { tenet: new Set<string>(), question: new Set<string>() };
  const removeAll = (node: Sourced, level: Kind) => {
    const id = idOf(node)!;
    // Naming an item inside one omitted already is redundant, not unknown.
    if (entries.has(id)) used.add(id);
    if (level !== 'stage') removed[level].add(id);
    const list = CHILDREN[level];
    for (const item of (list && node.fields?.get(list.key)?.items) || []) {
      if (idOf(item) !== undefined) removeAll(item, list!.kind);
    }
  };

  const prune = (node: Sourced, level: 'rubric' | Kind): Sourced => {
    const list = CHILDREN[level];
    const holder = list && node.fields?.get(list.key);
    if (!list || !holder?.items) return node;
    let emptiedBy: string | undefined;
    let changed = false;
    const items: Sourced[] = [];
    for (const item of holder.items) {
      const id = idOf(item);
      if (id !== undefined && entries.has(id)) {
        emptiedBy ??= id;
        removeAll(item, list.kind);
        changed = true;
      } else {
        const kept = prune(item, list.kind);
        changed ||= kept !== item;
        items.push(kept);
      }
    }
    // Unchanged nodes stay the same objects: the merge's notes about them refer to them.
    if (!changed) return node;
    const pruned: Sourced = { ...holder, items };
    if (items.length === 0 && holder.items.length > 0 && emptiedBy !== undefined) {
      explained.add(pruned);
      const what = level === 'rubric' ? 'the rubric' : `${level} ${quote(idOf(node) ?? '')}`;
      const instead = level === 'rubric' ? '' : `; omit the ${level} instead`;
      problems.push({
        node: entries.get(emptiedBy)!,
        path: [],
        message: `omit leaves ${what} without ${list.key}${instead}`,
      });
    }
    const fields = new Map(node.fields);
    fields.set(list.key, pruned);
    return { ...node, fields };
  };

  let merged = prune(root, 'rubric');

  for (const [id, entry] of entries) {
    if (used.has(id)) continue;
    const all = [...known.stage.keys(), ...known.tenet.keys(), ...known.question.keys()];
    problems.push({
      node: entry,
      path: [],
      message: `no stage, tenet or question ${quote(id)} to omit${didYouMean(id, all)}`,
    });
  }

  // Benchmarks of the base about what is gone go with it; the overlay's own are checked as written.
  const benchmarks = merged.fields?.get('benchmarks');
  if (benchmarks?.items && (removed.question.size > 0 || removed.tenet.size > 0)) {
    const kept = benchmarks.items.filter((item) => {
      if (item.doc === overlayDoc) return true;
      const question = item.fields?.get('question')?.value;
      const tenet = item.fields?.get('tenet')?.value;
      return !(
        (typeof question === 'string' && removed.question.has(question)) ||
        (typeof tenet === 'string' && removed.tenet.has(tenet))
      );
    });
    const fields = new Map(merged.fields);
    fields.set('benchmarks', { ...benchmarks, items: kept });
    merged = { ...merged, fields };
  }
  return { merged, problems, explained };
}
