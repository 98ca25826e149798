import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessAnswers, assessStanding, memberStanding } from '../../src/engine/analyse.js';
import {
  assessTeam,
  assessTeamStanding,
  combineAnswers,
  combineValues,
  COMBINE_RULES,
  memberScores,
  type Member,
} from '../../src/engine/combine.js';
import type { AnswerMap } from '../../src/engine/types.js';
import type { Rubric } from '../../src/rubric/types.js';
import {
  answers,
  answersArb,
  caseArb,
  NUM_RUNS,
  questionsOf,
  rubric,
  withAnswers,
} from './builders.js';

/** Members with the given answers, named m1, m2, … and optionally given roles. */
function members(
  r: Rubric,
  list: Record<string, number | 'n/a'>[],
  roles: string[] = [],
): Member[] {
  return list.map((entries, i) => {
    const map = answers(entries);
    return {
      source: `m${i + 1}.yaml`,
      ...(roles[i] !== undefined && { role: roles[i] }),
      answers: map,
      scores: memberScores(assessAnswers(r, map)),
    };
  });
}

describe('a member in brief', () => {
  it('is what the full assessment gives, worked out from the score sheet alone', () => {
    fc.assert(
      fc.property(caseArb, ({ rubric: r, answers: map }) => {
        expect(memberStanding(r, map)).toStrictEqual(memberScores(assessAnswers(r, map)));
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('combined answers (SPEC §8)', () => {
  it('takes the median, the mean of the two middle values for an even count, the mean or the min', () => {
    expect(combineValues([3, 1, 2], 'median')).toBe(2); // sorted 1 2 3: the middle one
    expect(combineValues([4, 1, 2, 3], 'median')).toBe(2.5); // sorted 1 2 3 4: (2 + 3) / 2
    expect(combineValues([4, 1, 2, 3], 'mean')).toBe(2.5); // 10 / 4
    expect(combineValues([0, 0, 4], 'mean')).toBeCloseTo(4 / 3, 15);
    expect(combineValues([3, 1, 2], 'min')).toBe(1);
    expect(combineValues([2], 'median')).toBe(2);
  });

  it('takes the median of the numbers sorted as (a − b) sorts them, -0 and 0 included', () => {
    const reference = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      const middle = sorted.length >> 1;
      return sorted.length % 2 === 1
        ? sorted[middle]!
        : (sorted[middle - 1]! + sorted[middle]!) / 2;
    };
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(-0, 0, 1, 2.5, -1, 4, 0.1, 1e-300), {
          minLength: 1,
          maxLength: 40,
        }),
        (values) => {
          expect(Object.is(combineValues(values, 'median'), reference(values))).toBe(true);
        },
      ),
      { numRuns: NUM_RUNS * 4 },
    );
    // With a -0, its place among the zeros is the one (a − b) leaves it (their order in the list).
    expect(Object.is(combineValues([0, -0, 0], 'median'), -0)).toBe(true);
    expect(Object.is(combineValues([-0, 0, -0], 'median'), 0)).toBe(true);
  });

  it('leaves n/a and unanswered out; n/a when nobody gave a number but someone said n/a', () => {
    const r = rubric({
      stages: [
        {
          id: 's1',
          tenets: [
            {
              id: 't',
              questions: [
                { id: 'mixed', notApplicable: true },
                { id: 'all-na', notApplicable: true },
                'nobody',
              ],
            },
          ],
        },
      ],
    });
    const combined = combineAnswers(
      r,
      [
        answers({ mixed: 'n/a', 'all-na': 'n/a' }),
        answers({ mixed: 3, 'all-na': 'n/a' }),
        answers({ mixed: 1 }),
      ],
      'median',
    );
    expect(combined.get('mixed')).toEqual({ value: 2 }); // median of 3 and 1; the n/a is left out
    expect(combined.get('all-na')).toEqual({ value: 'n/a' });
    expect(combined.has('nobody')).toBe(false); // unanswered
  });

  it('ignores notes', () => {
    const r = rubric({ stages: [{ id: 's1', tenets: ['q'] }] });
    const combined = combineAnswers(r, [answers({ q: { value: 3, note: 'why' } })], 'median');
    expect(combined.get('q')).toEqual({ value: 3 });
  });
});

describe('the team result', () => {
  it('scores a value between two levels as (value − lowest) / (highest − lowest)', () => {
    const r = rubric({ stages: [{ id: 's1', tenets: ['a'] }] });
    // median of 2 and 3 = 2.5 → 2.5 / 4 = 0.625 < 0.7: stage 0, index 0.625
    const { assessment } = assessTeam(r, members(r, [{ a: 2 }, { a: 3 }]), 'median');
    expect(assessment.stages[0]!.score).toBe(0.625);
    expect(assessment.maturityIndex).toBe(0.625);
    expect(assessment.path?.steps).toEqual([{ question: 'a', tenet: 'a', from: 2.5, to: 3 }]);
  });

  it('measures spread on each question’s own scale, agreement per stage and overall', () => {
    const r = rubric({
      stages: [
        { id: 's1', tenets: [{ id: 'a', questions: [{ id: 'a', scale: [0, 5, 10] }] }, 'b'] },
        { id: 's2', tenets: ['c'] },
      ],
    });
    const team = assessTeam(
      r,
      members(r, [
        { a: 0, b: 1, c: 2 },
        { a: 10, b: 3 },
        { a: 5, b: 2 },
      ]),
      'median',
    ).team;
    // a: (10 − 0) / (10 − 0) = 1; b: (3 − 1) / 4 = 0.5; c: one numeric answer, no spread.
    // s1 agreement 1 − (1 + 0.5) / 2 = 0.25; s2 none; overall the same two spreads: 0.25.
    expect(team.stageAgreement).toEqual([0.25, null]);
    expect(team.agreement).toBe(0.25);
    // Both are disagreements (spread ≥ 0.5), largest first.
    expect(team.disagreements.map((d) => [d.question, d.min, d.max, d.spread])).toEqual([
      ['a', 0, 10, 1],
      ['b', 1, 3, 0.5],
    ]);
    expect(team.disagreements[1]!.answers).toEqual([
      { source: 'm1.yaml', value: 1 },
      { source: 'm2.yaml', value: 3 },
      { source: 'm3.yaml', value: 2 },
    ]);
  });

  it('does not call a spread under two levels a disagreement, and breaks spread ties by rubric order', () => {
    const r = rubric({ stages: [{ id: 's1', tenets: ['x', 'y', 'z'] }] });
    const team = assessTeam(
      r,
      members(r, [
        { x: 1, y: 0, z: 0 },
        { x: 2, y: 2, z: 2 },
      ]),
      'median',
    ).team;
    // x: 1/4 = 0.25 (no); y and z: 2/4 = 0.5 each, in rubric order.
    expect(team.disagreements.map((d) => d.question)).toEqual(['y', 'z']);
  });

  it('shows each role combined on its own, roles in code-point order', () => {
    const r = rubric({
      stages: [
        { id: 's1', tenets: ['a'] },
        { id: 's2', tenets: ['b'] },
      ],
    });
    const team = assessTeam(
      r,
      members(
        r,
        [
          { a: 4, b: 4 },
          { a: 1, b: 0 },
          { a: 3, b: 1 },
        ],
        ['exec', 'Staff', 'Staff'],
      ),
      'median',
    ).team;
    // 'S' (0x53) before 'e' (0x65). Staff: a median 2 → 0.5 (stage 0, index 0.5); exec: 4, 4 → top.
    expect(team.roles).toEqual([
      { role: 'Staff', members: 2, currentStage: { number: 0, id: null }, maturityIndex: 0.5 },
      { role: 'exec', members: 1, currentStage: { number: 2, id: 's2' }, maturityIndex: 2 },
    ]);
  });

  it('gives a group of one member null spreads and no agreement', () => {
    const r = rubric({ stages: [{ id: 's1', tenets: ['a'] }] });
    const team = assessTeam(r, members(r, [{ a: 3 }]), 'median').team;
    expect(team.agreement).toBeNull();
    expect(team.stageAgreement).toEqual([null]);
    expect(team.disagreements).toEqual([]);
    expect(team.members).toEqual([
      {
        source: 'm1.yaml',
        respondent: null,
        role: null,
        currentStage: { number: 1, id: 's1', name: 'Stage s1' },
        maturityIndex: 1,
        completeness: 1,
        tenets: [{ id: 'a', score: 0.75 }],
      },
    ]);
  });
});

/** A random rubric with 1–4 members' answers to it. */
const teamArb = caseArb.chain(({ rubric: r }) =>
  fc.array(answersArb(r), { minLength: 1, maxLength: 4 }).map((maps) => ({ rubric: r, maps })),
);

function asMembers(r: Rubric, maps: readonly AnswerMap[]): Member[] {
  return maps.map((map, i) => ({
    source: `m${i}`,
    answers: map,
    scores: memberScores(assessAnswers(r, map)),
  }));
}

describe('team properties', () => {
  it('combines each question between the members’ lowest and highest numeric answers', () => {
    fc.assert(
      fc.property(teamArb, fc.constantFrom(...COMBINE_RULES), ({ rubric: r, maps }, rule) => {
        const combined = combineAnswers(r, maps, rule);
        for (const q of questionsOf(r)) {
          const values = maps.flatMap((m) => {
            const v = m.get(q.id)?.value;
            return typeof v === 'number' ? [v] : [];
          });
          const value = combined.get(q.id)?.value;
          if (values.length === 0) {
            expect(typeof value).not.toBe('number');
          } else {
            expect(value).toBeGreaterThanOrEqual(Math.min(...values));
            expect(value).toBeLessThanOrEqual(Math.max(...values));
          }
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('stands where the whole team result says, with the same members and agreement', () => {
    fc.assert(
      fc.property(
        teamArb,
        fc.constantFrom(...COMBINE_RULES),
        fc.option(fc.nat(), { nil: undefined }),
        (t, rule, stage) => {
          const target =
            stage === undefined ? {} : { target: stage % (t.rubric.stages.length + 1) };
          const team = asMembers(t.rubric, t.maps).map((m, i) => ({
            ...m,
            ...(i % 2 === 0 && { role: i % 4 === 0 ? 'lead' : 'analyst' }),
          }));
          const whole = assessTeam(t.rubric, team, rule, target);
          const standing = assessTeamStanding(t.rubric, team, rule, target);
          // The standing of the combined answers, as for one set of answers...
          expect(standing.assessment).toStrictEqual(
            assessStanding(t.rubric, combineAnswers(t.rubric, t.maps, rule), target),
          );
          // ...the numbers of the whole result, and its team less disagreements and roles.
          const { currentStage, maturityIndex, completeness, stages } = whole.assessment;
          expect(standing.assessment).toMatchObject({
            currentStage,
            maturityIndex,
            completeness,
            stages,
            target: whole.assessment.target,
          });
          const { disagreements: _d, roles: _r, ...rest } = whole.team;
          expect(standing.team).toStrictEqual(rest);
          expect(Object.keys(standing.team)).toEqual([
            'combine',
            'members',
            'agreement',
            'stageAgreement',
          ]);
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it('scores a group of identical members exactly like one of them, with agreement 1', () => {
    fc.assert(
      fc.property(
        caseArb,
        fc.integer({ min: 2, max: 4 }),
        fc.constantFrom(...COMBINE_RULES),
        (c, n, rule) => {
          const one = assessAnswers(c.rubric, c.answers);
          const { assessment, team } = assessTeam(
            c.rubric,
            asMembers(c.rubric, Array(n).fill(c.answers)),
            rule,
          );
          expect(JSON.stringify(assessment)).toBe(JSON.stringify(one));
          const spreads = questionsOf(c.rubric).some(
            (q) => typeof c.answers.get(q.id)?.value === 'number',
          );
          expect(team.agreement).toBe(spreads ? 1 : null);
          expect(team.disagreements).toEqual([]);
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it('never lowers the team’s scores when one member raises a numeric answer, under any rule', () => {
    fc.assert(
      fc.property(
        teamArb,
        fc.constantFrom(...COMBINE_RULES),
        fc.nat(),
        fc.nat(),
        (t, rule, m, q) => {
          const questions = questionsOf(t.rubric);
          const question = questions[q % questions.length]!;
          const member = m % t.maps.length;
          // A raise of a numeric answer (a first answer, unlike for one respondent, is not a raise
          // for a team: unanswered is left out of the combination, not counted as the lowest level).
          const current = t.maps[member]!.get(question.id)?.value;
          if (typeof current !== 'number') return;
          const higher = question.scale.map((l) => l.value).filter((v) => v > current);
          if (higher.length === 0) return;
          const raisedMaps = t.maps.map((map, i) =>
            i === member ? withAnswers(map, [[question.id, { value: Math.max(...higher) }]]) : map,
          );
          const before = assessTeam(t.rubric, asMembers(t.rubric, t.maps), rule).assessment;
          const after = assessTeam(t.rubric, asMembers(t.rubric, raisedMaps), rule).assessment;
          after.stages.forEach((stage, i) => {
            const old = before.stages[i]!.score;
            if (old !== null && stage.score !== null)
              expect(stage.score).toBeGreaterThanOrEqual(old - 1e-12);
          });
          expect(after.maturityIndex).toBeGreaterThanOrEqual(before.maturityIndex - 1e-12);
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });
});
