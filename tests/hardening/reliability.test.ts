// Regression tests for the second reliability review (issue 12): what an adversarial run found.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectCleanFailure, tempFolders } from '../helpers/run-cli.js';
import { runMain } from '../helpers/run-main.js';

const freshDir = tempFolders('reliability');

/** A rubric of one stage, one tenet and one question with the given id. */
function tinyRubric(questionId = 'q'): string {
  return [
    'id: tiny',
    'version: 1.0.0',
    'title: Tiny',
    'scale: [{ value: 0, label: No }, { value: 1, label: Yes }]',
    'stages:',
    '  - id: one',
    '    name: One',
    '    tenets:',
    '      - id: t',
    '        title: T',
    `        questions: [{ id: ${questionId}, text: Q? }]`,
    '        moves: [Do it]',
    '',
  ].join('\n');
}

describe('keys longer than YAML allows (1024 characters)', () => {
  it('are refused whichever parser reads the file, with `---` or without', async () => {
    const dir = freshDir('long-keys');
    // A question id may be long (it is a value in the rubric); as a key it cannot be.
    const id = 'k'.repeat(1025);
    writeFileSync(join(dir, 'r.yaml'), tinyRubric(id));
    const body = `rubric: r.yaml\nanswers:\n  ${id}: 1\n`;
    writeFileSync(join(dir, 'plain.yaml'), body);
    writeFileSync(join(dir, 'marked.yaml'), `---\n${body}`);
    const plain = await runMain(['score', 'plain.yaml'], { cwd: dir });
    const marked = await runMain(['score', 'marked.yaml'], { cwd: dir });
    expectCleanFailure(plain, 2);
    expectCleanFailure(marked, 2);
    const message = 'invalid YAML: the : indicator must be at most 1024 chars';
    expect(plain.stderr).toContain(`plain.yaml:3:3: ${message}`);
    expect(marked.stderr).toContain(`marked.yaml:4:3: ${message}`);
  });

  it('a key of exactly 1024 characters is a key like any other', async () => {
    const dir = freshDir('key-1024');
    const key = 'k'.repeat(1024);
    writeFileSync(join(dir, 'a.yaml'), `answers:\n  ${key}: 1\n`);
    const result = await runMain(['score', 'a.yaml'], { cwd: dir });
    expectCleanFailure(result, 2);
    expect(result.stderr).toMatch(/^a\.yaml:2:3: unknown question "k{57}\.\.\."/);
  });
});
