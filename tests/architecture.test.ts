import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/run-cli.js';

const SRC = join(ROOT, 'src');

/** Every TypeScript file under src/, relative to it, with the src/ files it imports (type imports too). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) graph.set(relative(SRC, path), importsOf(path));
    }
  };
  walk(SRC);
  return graph;
}

function importsOf(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  const found: string[] = [];
  // Static imports and re-exports, and `await import('…')`.
  for (const match of text.matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)) {
    const target = resolve(dirname(path), match[1]!).replace(/\.js$/, '.ts');
    if (target.startsWith(SRC)) found.push(relative(SRC, target));
  }
  return found;
}

/** The folder a file of src/ belongs to; a file at the top (main.ts, io.ts) stands for itself. */
function folderOf(file: string): string {
  return file.includes('/') ? file.slice(0, file.indexOf('/')) : file;
}

/** One cycle of a directed graph, or undefined when it has none. */
function findCycle(graph: ReadonlyMap<string, readonly string[]>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'open') return [...stack.slice(stack.indexOf(node)), node];
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('the layout of src/', () => {
  const graph = importGraph();

  it('every import names a file that exists', () => {
    const missing = [...graph].flatMap(([file, imports]) =>
      imports.filter((target) => !graph.has(target)).map((target) => `${file} → ${target}`),
    );
    expect(missing).toEqual([]);
  });

  it('has no import cycle between files', () => {
    expect(findCycle(graph)).toBeUndefined();
  });

  it('has no import cycle between folders', () => {
    const folders = new Map<string, Set<string>>();
    for (const [file, imports] of graph) {
      const from = folderOf(file);
      const targets = folders.get(from) ?? new Set();
      for (const target of imports) if (folderOf(target) !== from) targets.add(folderOf(target));
      folders.set(from, targets);
    }
    const folderGraph = new Map([...folders].map(([folder, set]) => [folder, [...set]]));
    expect(findCycle(folderGraph)).toBeUndefined();
  });

  it('finds a cycle when there is one (the check itself works)', () => {
    expect(
      findCycle(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', ['a']],
        ]),
      ),
    ).toEqual(['a', 'b', 'c', 'a']);
  });

  it('only main.ts imports cli/', () => {
    const offenders = [...graph]
      .filter(([file]) => file !== 'main.ts' && folderOf(file) !== 'cli')
      .filter(([, imports]) => imports.some((target) => folderOf(target) === 'cli'))
      .map(([file]) => file);
    expect(offenders).toEqual([]);
  });
});

describe('ESLint enforces the boundaries between folders', () => {
  // Each line is linted as if it were in a file of the folder: `true` when a boundary rule refuses it.
  const cases: [folder: string, line: string, refused: boolean][] = [
    ['engine', "import { readFileSync } from 'node:fs';", true],
    ['engine', "import { readFileSync } from 'fs';", true],
    ['report', "import { EOL } from 'os';", true],
    ['engine', "export const load = () => import('node:fs');", true],
    ['report', "export const load = () => import('fs/promises');", true],
    ['engine', "import type { Io } from '../io.js';", true],
    ['report', "import { atomicWrite } from '../fs/atomic-write.js';", true],
    ['engine', "export const load = () => import('../source/parse-yaml.js');", true],
    ['engine', "import { percent } from '../format/numbers.js';", false],
    ['engine', "export const load = () => import('./path.js');", false],
    ['rubric', "import { runScore } from '../cli/score.js';", true],
    ['assess', "export const load = () => import('../cli/score.js');", true],
    ['batch', "import input from '@inquirer/input';", true],
    ['cli', "export const load = () => import('@inquirer/input');", true],
    ['cli', "export const load = () => import('../assess/prompts.js');", false],
    ['cli', "import { readFileSync } from 'node:fs';", false],
    ['assess', "export const load = () => import('@inquirer/input');", false],
  ];

  it.each(cases)('in %s/: %s (refused: %s)', async (folder, line, refused) => {
    const { ESLint } = await import('eslint');
    const eslint = new ESLint({ cwd: ROOT });
    const [result] = await eslint.lintText(`${line}\n`, {
      filePath: join(SRC, folder, 'boundary-probe.ts'),
    });
    const boundary = result!.messages.filter((message) =>
      ['@typescript-eslint/no-restricted-imports', 'no-restricted-syntax'].includes(
        message.ruleId ?? '',
      ),
    );
    expect(boundary.length > 0).toBe(refused);
  });
});
