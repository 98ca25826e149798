// The whole CLI, in-process, on mutated answers files and rubrics: whatever the bytes, `main()` ends
// with 0, 1 or 2, never shows a stack trace, and every `file:line:col:` it prints points inside the
// file it names. A fixed seed (tests/setup.ts, and here) keeps it repeatable; FAST_CHECK_SEED
// explores others.
import fc from 'fast-check';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, ROOT, STACK_LINE, tempFolders } from '../helpers/run-cli.js';
import { runMain } from '../helpers/run-main.js';
import { mutatedYaml } from './yaml-arbitraries.js';

const freshDir = tempFolders('fuzz-main');
const SEED = Number(process.env.FAST_CHECK_SEED) || 20261202;
const RUNS = Number(process.env.FAST_CHECK_RUNS) || 120;

const RUBRIC = readFileSync(fixture('assess', 'small-rubric.yaml'), 'utf8');
const ANSWERS = [
  'rubric: r.yaml\nrubricVersion: 1.2.0\norganization: Acme\nanswers:\n  has-plan: 1\n  has-budget: { value: 2, note: "signed" }\n  reviewed: n/a\n  shared:\n',
  readFileSync(join(ROOT, 'examples', 'acme-engagement.yaml'), 'utf8'),
];

/** Characters that matter to YAML, to the tool's checks, and to terminals. */
const piece = fc.constantFrom(
  ...' \t\n\r:-?,[]{}#&*!|>\'"%@`\\.~0123456789eE+'.split(''),
  '\u0000',
  '\u001b[31m',
  '\ufeff',
  '\u2028',
  'é',
  '😀',
  'n/a',
  'null',
  '1e308',
  '-1e308',
  '.inf',
  '.nan',
  '!!float ',
  '!!int ',
  '!!str ',
  '!!map ',
  '!custom ',
  '&a ',
  '*a',
  '<<: ',
  '---\n',
  '...\n',
  '__proto__',
  'value: ',
  'note: ',
  'weight: ',
  'scale: ',
  'rubric: ',
  '/dev/stdin',
  'k'.repeat(1025),
);

type Edit = { at: number; remove: number; insert: string };

/** A text with a few edits: characters removed, replaced or inserted, lines repeated or cut. */
function mutated(base: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const edit: fc.Arbitrary<Edit> = fc.record({
    at: fc.nat(),
    remove: fc.oneof(fc.constant(0), fc.nat({ max: 3 }), fc.nat({ max: 40 })),
    insert: fc.oneof(
      { weight: 4, arbitrary: piece },
      { weight: 1, arbitrary: fc.array(piece, { maxLength: 6 }).map((parts) => parts.join('')) },
      { weight: 1, arbitrary: fc.constant('') },
    ),
  });
  return fc
    .tuple(base, fc.array(edit, { minLength: 1, maxLength: 6 }), fc.option(fc.nat()))
    .map(([text, edits, cut]) => {
      let out = text;
      for (const { at, remove, insert } of edits) {
        const i = out.length === 0 ? 0 : at % (out.length + 1);
        out = out.slice(0, i) + insert + out.slice(i + remove);
      }
      return cut === null ? out : out.slice(0, cut % (out.length + 1));
    });
}

const answersText = fc.oneof(
  { weight: 3, arbitrary: mutated(fc.constantFrom(...ANSWERS)) },
  { weight: 1, arbitrary: mutatedYaml },
  { weight: 1, arbitrary: fc.constantFrom(...ANSWERS) },
);
const rubricText = fc.oneof(
  { weight: 3, arbitrary: mutated(fc.constant(RUBRIC)) },
  { weight: 1, arbitrary: fc.constant(RUBRIC) },
);

/** Positions checked so far (the test is not vacuous when there are many). */
let positions = 0;

/** Every `file:line:col:` at the start of an error line points inside that file. */
function expectPositionsInside(stderr: string, files: Record<string, string>): void {
  for (const line of stderr.split('\n')) {
    const match = /^([a-z]\.yaml):(\d+):(\d+): /.exec(line);
    if (!match) continue;
    positions += 1;
    const text = files[match[1]!];
    expect(text, line).toBeDefined();
    const lines = text!.split('\n');
    const row = Number(match[2]);
    const column = Number(match[3]);
    expect(row, `${line}\nin ${JSON.stringify(text)}`).toBeGreaterThanOrEqual(1);
    expect(row, `${line}\nin ${JSON.stringify(text)}`).toBeLessThanOrEqual(lines.length);
    expect(column, line).toBeGreaterThanOrEqual(1);
    expect(column, `${line}\nin ${JSON.stringify(text)}`).toBeLessThanOrEqual(
      lines[row - 1]!.length + 1,
    );
  }
}

function expectClean(result: { code: number | null; stdout: string; stderr: string }): void {
  expect([0, 1, 2], result.stderr).toContain(result.code);
  expect(result.stderr).not.toMatch(STACK_LINE);
  expect(result.stderr).not.toMatch(/internal error|bug in maturity/i);
}

describe('main() on mutated files', () => {
  const dir = freshDir('run');
  let runs = 0;

  it('score and rubric validate end in 0, 1 or 2, cleanly, with positions inside the files', async () => {
    const codes = new Set<number | null>();
    await fc.assert(
      fc.asyncProperty(
        answersText,
        rubricText,
        fc.constantFrom('text', 'json', 'csv', 'markdown', 'junit'),
        fc.boolean(),
        async (answers, rubric, format, strict) => {
          runs += 1;
          const files = { 'a.yaml': answers, 'r.yaml': rubric };
          for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
          const runsOf = [
            ['score', 'a.yaml', '--format', format, ...(strict ? ['--strict'] : [])],
            ['score', 'a.yaml', '--rubric', 'r.yaml', '--min-stage', '1'],
            ['rubric', 'validate', 'r.yaml'],
          ];
          for (const argv of runsOf) {
            const result = await runMain(argv, { cwd: dir });
            codes.add(result.code);
            expectClean(result);
            expectPositionsInside(result.stderr, files);
          }
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
    // Not a vacuous test: mutations both pass and fail.
    expect(runs).toBe(RUNS);
    expect(codes.has(0) || codes.has(1)).toBe(true);
    expect(codes.has(2)).toBe(true);
    expect(positions).toBeGreaterThan(RUNS);
  });
});
