import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinRubricBases, loadBuiltinRubric } from '../../src/rubric/builtin.js';
import { checkRubricText } from '../../src/rubric/load.js';
import { questionEntries, rubricCounts } from '../../src/rubric/query.js';
import { ROOT } from '../helpers/run-cli.js';

const SOURCE = join(ROOT, 'rubrics', 'social-business-quick.yaml');
const COMPILED = join(ROOT, 'dist', 'rubrics', 'social-business-quick.json');

function source() {
  return checkRubricText(readFileSync(SOURCE, 'utf8'), 'rubrics/social-business-quick.yaml', {
    path: SOURCE,
    cwd: ROOT,
  });
}

describe('the built-in quick check, social-business-quick', () => {
  it('is an overlay of social-business with its own id, version and title', () => {
    expect(readFileSync(SOURCE, 'utf8')).toMatch(/^extends: social-business$/m);
    const { rubric, problems, bases } = source();
    expect(problems).toEqual([]);
    expect(rubric).toMatchObject({
      id: 'social-business-quick',
      version: '1.0.0',
      title: 'Social business maturity — quick check',
    });
    expect(bases).toEqual([
      { id: 'social-business', version: '1.0.0', title: 'Social business maturity' },
    ]);
  });

  it('is merged at build time: the compiled JSON is the merged rubric', async () => {
    expect(existsSync(COMPILED)).toBe(true);
    expect(readFileSync(COMPILED, 'utf8')).toBe(JSON.stringify(source().rubric));
    expect(await builtinRubricBases('social-business-quick')).toEqual(source().bases);
    expect(await builtinRubricBases('social-business')).toEqual([]);
  });

  it('asks 22 questions, one per tenet, and keeps every stage and tenet of the full model', async () => {
    const quick = await loadBuiltinRubric('social-business-quick');
    const full = await loadBuiltinRubric('social-business');
    expect(rubricCounts(quick)).toEqual({ stages: 6, tenets: 22, questions: 22 });
    quick.stages.forEach((stage, s) => {
      const base = full.stages[s]!;
      expect({ ...stage, tenets: [] }).toEqual({ ...base, tenets: [] });
      stage.tenets.forEach((tenet, t) => {
        const baseTenet = base.tenets[t]!;
        expect(tenet.questions).toHaveLength(1);
        // The tenet as in the full model; its one question exactly as asked there.
        expect({ ...tenet, questions: [] }).toEqual({ ...baseTenet, questions: [] });
        expect(baseTenet.questions).toContainEqual(tenet.questions[0]);
      });
    });
    expect(quick.scale).toEqual(full.scale);
    expect(quick.threshold).toBe(full.threshold);
  });

  it('keeps the questions that carry survey benchmarks where they show their tenet fairly', async () => {
    const quick = await loadBuiltinRubric('social-business-quick');
    const kept = new Map(questionEntries(quick).map((e) => [e.tenet.id, e.question.id]));
    expect(kept.get('aligned-metrics')).toBe('outcome-linked-strategy');
    expect(kept.get('integrate-across-business')).toBe('cross-functional-vision');
    expect(kept.get('executive-engagement')).toBe('executive-alignment');
    // A multi-year roadmap can be a separate plan, the opposite of this tenet: its benchmark goes.
    expect(kept.get('single-strategy-process')).toBe('unified-planning');
    expect(quick.benchmarks.map((benchmark) => benchmark.question)).toEqual([
      'outcome-linked-strategy',
      'cross-functional-vision',
      'executive-alignment',
    ]);
  });

  it('answers files of the quick check are a subset of the full model', async () => {
    const quick = await loadBuiltinRubric('social-business-quick');
    const full = new Set(
      questionEntries(await loadBuiltinRubric('social-business')).map((e) => e.question.id),
    );
    for (const entry of questionEntries(quick)) expect(full.has(entry.question.id)).toBe(true);
  });
});
