import { describe, expect, it } from 'vitest';
import { closest, didYouMean, editDistance } from '../../src/problems/suggest.js';
import { runMain } from '../helpers/run-main.js';

describe('editDistance', () => {
  it.each([
    ['weight', 'weight', 0],
    ['wieght', 'weight', 1], // two neighbours swapped
    ['notAplicable', 'notApplicable', 1],
    ['listen-to-custmers', 'listen-to-customers', 1],
    ['', 'abc', 3],
    ['kitten', 'sitting', 3],
  ])('%s → %s is %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });

  it('stops at a limit and says it is past it', () => {
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
    expect(editDistance('a', 'abcdefgh', 2)).toBe(3);
    expect(editDistance('wieght', 'weight', 1)).toBe(1);
  });
});

describe('closest', () => {
  const keys = ['id', 'text', 'help', 'weight', 'notApplicable', 'scale'];

  it('finds the key a typo was meant to be', () => {
    expect(closest('wieght', keys)).toBe('weight');
    expect(closest('notAplicable', keys)).toBe('notApplicable');
    expect(closest('scales', keys)).toBe('scale');
  });

  it('ignores case', () => {
    expect(closest('NotApplicable', keys)).toBe('notApplicable');
    expect(closest('Text', keys)).toBe('text');
  });

  it('suggests nothing for a word far from every key', () => {
    expect(closest('colour', keys)).toBeUndefined();
    expect(closest('author', keys)).toBeUndefined();
    expect(closest('q12345', ['social-listening', 'pilot-projects'])).toBeUndefined();
  });

  it('allows fewer changes in short words', () => {
    expect(closest('ix', ['id'])).toBe('id');
    expect(closest('xy', ['id'])).toBeUndefined();
  });

  it('gives ties to the first candidate, so the answer is stable', () => {
    expect(closest('cat', ['bat', 'hat'])).toBe('bat');
    expect(closest('cat', ['hat', 'bat'])).toBe('hat');
  });

  it('never suggests the word itself', () => {
    expect(closest('weight', ['weight'])).toBeUndefined();
  });
});

describe('didYouMean', () => {
  it('is the tail of a message, or nothing', () => {
    expect(didYouMean('wieght', ['weight'])).toBe('; did you mean "weight"?');
    expect(didYouMean('colour', ['weight'])).toBe('');
  });
});

describe('suggestions on the command line', () => {
  it('--min-stage suggests the stage meant', async () => {
    const result = await runMain([
      'score',
      'examples/northwind-planning.yaml',
      '--min-stage',
      'formalised',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'maturity: --min-stage "formalised" is not a stage of rubric social-business (planning, presence, engagement, formalized, strategic, converged, or 0 to 6); did you mean "formalized"?\n',
    );
  });
});
