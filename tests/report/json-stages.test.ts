import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessAnswers } from '../../src/engine/analyse.js';
import { assessTeam } from '../../src/engine/combine.js';
import { memberStanding } from '../../src/engine/analyse.js';
import type { Answer } from '../../src/engine/types.js';
import { jsonReporter, jsonResult } from '../../src/report/json.js';
import type { Result } from '../../src/report/types.js';
import type { Rubric } from '../../src/rubric/types.js';
import { answersArb, caseArb, NUM_RUNS, rubric } from '../engine/builders.js';

// A JSON result's stages are written by hand (json.ts, stagesText), with texts kept across results;
// the item must be byte for byte what JSON.stringify makes of jsonResult.

const options = {} as Parameters<typeof jsonReporter.item>[1];

/** The item as JSON.stringify writes it: the result indented as it sits in the document. */
function reference(result: Result): string {
  const nested = JSON.stringify({ results: [jsonResult(result)] }, null, 2);
  return `\n${nested.slice(nested.indexOf('[\n') + 2, nested.lastIndexOf('\n  ]'))}`;
}

function itemOf(result: Result): string {
  return (jsonReporter.item as (r: Result, o: typeof options) => string)(result, options);
}

/** Answers with a note on some of them (those results are not shared). */
function withNotes(answers: Map<string, Answer>, notes: readonly string[]): Map<string, Answer> {
  const out = new Map(answers);
  [...answers.keys()].forEach((id, i) => {
    const note = notes[i % Math.max(1, notes.length)];
    if (note !== undefined && i % 3 === 0) out.set(id, { ...answers.get(id)!, note });
  });
  return out;
}

/** Strings JSON must escape, and others it must not. */
const trickyText = fc.oneof(
  fc.string(),
  fc.constantFrom('"', '\\', '\u2028', '\ud800', 'é', '\u0000stages\u0000', '"stages": "x"', ''),
);

describe('the JSON reporter writes stages as JSON.stringify does', () => {
  it('for random rubrics and answers, notes included, one result after the other', () => {
    fc.assert(
      fc.property(caseArb, fc.array(trickyText, { maxLength: 3 }), (c, notes) => {
        for (const answers of [c.answers, withNotes(c.answers, notes), c.answers]) {
          const result: Result = {
            source: 'a.yaml',
            rubric: c.rubric,
            assessment: assessAnswers(c.rubric, answers),
          };
          expect(itemOf(result)).toBe(reference(result));
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('with names, ids and numbers that need care, and a stage id reused with another name', () => {
    fc.assert(
      fc.property(
        trickyText,
        trickyText,
        trickyText,
        fc.constantFrom(0.7, 1, 0.1 + 0.2, 1e-7, 5e-324),
        (stageName, tenetId, questionId, threshold) => {
          const r: Rubric = rubric({
            threshold,
            stages: [
              {
                id: 'one',
                tenets: [{ id: `t-${tenetId}`, questions: [`q-${questionId}`, 'plain'] }],
              },
            ],
          });
          const named: Rubric = {
            ...r,
            stages: r.stages.map((stage) => ({ ...stage, name: stageName })),
          };
          for (const rb of [r, named]) {
            for (const answers of [
              new Map<string, Answer>([['plain', { value: 3 }]]),
              new Map<string, Answer>([[`q-${questionId}`, { value: 1, note: stageName }]]),
            ]) {
              const result: Result = {
                // Fields before the stages may hold the marker's text too.
                source: stageName,
                organization: questionId,
                rubric: rb,
                assessment: assessAnswers(rb, answers),
              };
              expect(itemOf(result)).toBe(reference(result));
            }
          }
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it("for a team, with each stage's agreement", () => {
    fc.assert(
      fc.property(
        caseArb.chain((c) =>
          fc.array(answersArb(c.rubric), { minLength: 1, maxLength: 4 }).map((members) => ({
            rubric: c.rubric,
            members,
          })),
        ),
        ({ rubric: rb, members }) => {
          const { assessment, team } = assessTeam(
            rb,
            members.map((answers, i) => ({
              source: `m${i}.yaml`,
              answers,
              scores: memberStanding(rb, answers),
            })),
            'median',
          );
          const result: Result = {
            source: null,
            organization: 'Acme',
            rubric: rb,
            assessment,
            group: { by: ['organization'], key: ['Acme'] },
            team,
          };
          expect(itemOf(result)).toBe(reference(result));
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });
});
