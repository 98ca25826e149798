import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/problems/user-error.js';
import { builtinRubricIds, builtinRubricPath, DEFAULT_RUBRIC } from '../../src/rubric/builtin.js';
import { looksLikePath, resolveRubric } from '../../src/rubric/resolve.js';
import { checkRubricText, loadRubricFile } from '../../src/rubric/load.js';
import { fixture, ROOT } from '../helpers/run-cli.js';

const SOURCE = join(ROOT, 'rubrics', 'social-business.yaml');
const COMPILED = join(ROOT, 'dist', 'rubrics', 'social-business.json');

async function rejection(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}

describe('built-in rubrics', () => {
  it('lists social-business, the default, and its quick check', () => {
    expect(builtinRubricIds()).toEqual(['social-business', 'social-business-quick']);
    expect(DEFAULT_RUBRIC).toBe('social-business');
    expect(builtinRubricPath('social-business')).toBe(SOURCE);
  });

  it('finds no built-in for unknown or path-like names', () => {
    expect(builtinRubricPath('nope')).toBeUndefined();
    expect(builtinRubricPath('../rubrics/social-business')).toBeUndefined();
    expect(builtinRubricPath('Social-Business')).toBeUndefined();
  });

  it('tells names from paths', () => {
    expect(looksLikePath('social-business')).toBe(false);
    expect(looksLikePath('mine.yaml')).toBe(true);
    expect(looksLikePath('mine.yml')).toBe(true);
    expect(looksLikePath('mine.json')).toBe(true);
    expect(looksLikePath('rubrics/mine')).toBe(true);
  });

  it('ships the compiled rubric the build made from the YAML source', () => {
    // `npm test` builds first; dist/rubrics/*.json is the YAML checked and normalized.
    expect(existsSync(COMPILED)).toBe(true);
    const { rubric, problems } = checkRubricText(readFileSync(SOURCE, 'utf8'), SOURCE);
    expect(problems).toEqual([]);
    expect(readFileSync(COMPILED, 'utf8')).toBe(JSON.stringify(rubric));
  });
});

describe('resolveRubric', () => {
  it('resolves a built-in id', async () => {
    const { rubric, source } = await resolveRubric('social-business', ROOT);
    expect(source).toBe('social-business');
    expect(rubric).toEqual(loadRubricFile(SOURCE));
  });

  it('resolves to the default rubric when given nothing', async () => {
    const { rubric, source } = await resolveRubric(undefined, ROOT);
    expect(source).toBe('social-business');
    expect(rubric.id).toBe('social-business');
  });

  it('resolves an absolute path and names it as given', async () => {
    const file = fixture('ok', 'rubric-minimal.yaml');
    const { rubric, source } = await resolveRubric(file, ROOT);
    expect(rubric.id).toBe('minimal');
    expect(source).toBe(file);
  });

  it('names a relative path from the working folder', async () => {
    const file = fixture('ok', 'rubric-minimal.yaml');
    const { source } = await resolveRubric(relative(ROOT, file), ROOT);
    expect(source).toBe(relative(ROOT, file));
  });

  it('names a path relative to a base folder from the working folder, not the process', async () => {
    const cwd = fixture();
    const { source } = await resolveRubric('rubric-minimal.yaml', fixture('ok'), cwd);
    expect(source).toBe(join('ok', 'rubric-minimal.yaml'));
  });

  it('refuses an empty rubric name', async () => {
    await expect(resolveRubric('', ROOT)).rejects.toThrow(
      'an empty string is not a rubric name or path',
    );
  });

  it('resolves a relative path against the base folder', async () => {
    const { rubric } = await resolveRubric('rubric-minimal.yaml', fixture('ok'));
    expect(rubric.id).toBe('minimal');
  });

  it('reports an invalid rubric file with its problems', async () => {
    const error = await rejection(resolveRubric(fixture('bad', 'rubric-weight-zero.yaml'), ROOT));
    expect(error.exitCode).toBe(2);
    expect(error.problems.map((problem) => problem.message)).toEqual([
      'weight must be greater than 0',
    ]);
  });

  it('says a missing path is no such file', async () => {
    const error = await rejection(resolveRubric('missing.yaml', fixture('ok')));
    expect(error.message).toMatch(/missing\.yaml: no such file$/);
  });

  it('rejects an unknown name, listing the built-in rubrics', async () => {
    const error = await rejection(resolveRubric('nope', fixture('ok')));
    expect(error.message).toBe(
      'maturity: unknown rubric "nope": not a built-in rubric (social-business, social-business-quick) and no such file',
    );
    expect(error.exitCode).toBe(2);
  });
});
