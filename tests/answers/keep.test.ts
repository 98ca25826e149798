// What a team keeps of each member's answers file until the end of a batch: what its groups read,
// and none of the file's text (a key or note cut from it would keep all of it alive).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { keptForTeam, RubricAnswers } from '../../src/answers/keep.js';
import type { Answer } from '../../src/engine/types.js';
import { parseAnswersText } from '../../src/answers/load.js';
import type { AnswersFile } from '../../src/answers/types.js';
import { RubricCache } from '../../src/batch/rubric-cache.js';
import { questionEntries } from '../../src/rubric/query.js';

const rubrics = new RubricCache(process.cwd());

/**
 * V8's gc(), without leaving --expose-gc set: a flag changed in this process (which other test
 * files share) would make V8 refuse the built CLI's code cache (tests/process/bundle-loader.test.ts).
 */
function exposedGc(): () => void {
  setFlagsFromString('--expose-gc');
  try {
    return runInNewContext('gc') as () => void;
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
}

async function parsed(text: string): Promise<AnswersFile> {
  const source = await parseAnswersText(text, 'member.yaml');
  expect(source.problems).toEqual([]);
  return source.answers!;
}

describe('a member kept for its team', () => {
  it('keeps its metadata and its answers to the rubric’s questions, notes included', async () => {
    const rubric = await rubrics.get(undefined);
    const [first, second, third] = questionEntries(rubric).map((e) => e.question.id) as [
      string,
      string,
      string,
    ];
    const file = await parsed(
      [
        'rubric: social-business',
        'rubricVersion: 1.0.0',
        'organization: Contoso Outfitters',
        'unit: Customer service and support',
        'respondent: Dana Example',
        'role: Head of customer service',
        'assessedAt: 2026-11-20',
        'target: engagement',
        'answers:',
        `  ${first}: 3`,
        `  ${second}: { value: 1, note: "We run two pilots and report on them every month." }`,
        `  ${third}: n/a`,
        '',
      ].join('\n'),
    );
    const { answers, ...fields } = keptForTeam(file, rubric);
    expect(fields).toStrictEqual({
      rubric: 'social-business',
      rubricVersion: '1.0.0',
      organization: 'Contoso Outfitters',
      unit: 'Customer service and support',
      respondent: 'Dana Example',
      role: 'Head of customer service',
      assessedAt: '2026-11-20',
      target: 'engagement',
    });
    expect(new Map(answers)).toStrictEqual(
      new Map([
        [first, { value: 3 }],
        [second, { value: 1, note: 'We run two pilots and report on them every month.' }],
        [third, { value: 'n/a' }],
      ]),
    );
    // An answer without a note is the one object every file shares.
    expect(answers.get(first)).toBe(file.answers.get(first));
    // A numeric target stays a number.
    const numbered = keptForTeam({ ...file, target: 3 }, rubric);
    expect(numbered.target).toBe(3);
  });

  it('keeps only the rubric’s questions, in rubric order', async () => {
    const rubric = await rubrics.get(undefined);
    const ids = questionEntries(rubric).map((e) => e.question.id);
    const file: AnswersFile = {
      answers: new Map([
        [ids[4]!, { value: 2 }],
        ['not-a-question', { value: 1 }],
        [ids[1]!, { value: 0 }],
      ]),
    };
    expect([...keptForTeam(file, rubric).answers.keys()]).toEqual([ids[1], ids[4]]);
  });

  it('reads its packed answers as the map they were, in rubric order', async () => {
    const rubric = await rubrics.get(undefined);
    const ids = questionEntries(rubric).map((e) => e.question.id);
    const map = new Map<string, Answer>([
      [ids[9]!, { value: 'n/a', note: 'no such team' }],
      [ids[2]!, { value: 1.5 }],
      [ids[0]!, { value: -0 }],
      [ids[ids.length - 1]!, { value: 4, note: 'seen in the review' }],
      [ids[4]!, { value: 'n/a' }],
    ]);
    const { answers } = keptForTeam({ answers: map }, rubric);
    const inOrder = [...map].sort(([a], [b]) => ids.indexOf(a) - ids.indexOf(b));
    expect(answers.size).toBe(5);
    expect([...answers]).toEqual(inOrder);
    expect([...answers.entries()]).toEqual(inOrder);
    expect([...answers.keys()]).toEqual(inOrder.map(([id]) => id));
    expect([...answers.values()]).toEqual(inOrder.map(([, answer]) => answer));
    const seen: [string, Answer][] = [];
    answers.forEach((answer, id, self) => {
      expect(self).toBe(answers);
      seen.push([id, answer]);
    });
    expect(seen).toEqual(inOrder);
    for (const id of ids) {
      expect(answers.get(id)).toEqual(map.get(id));
      expect(answers.has(id)).toBe(map.has(id));
    }
    expect(Object.is(answers.get(ids[0]!)!.value, -0)).toBe(true);
    expect(answers.get('not-a-question')).toBeUndefined();
    expect(answers.has('not-a-question')).toBe(false);
    expect(() => new RubricAnswers(rubric, [1, 2], [])).toThrow(/another rubric/);
  });

  // Both parsers: the fast path for plain files, the `yaml` package for the rest (`---` first).
  for (const [parser, start] of [
    ['the fast path', ''],
    ['the yaml package', '---\n'],
  ] as const) {
    it(`holds none of its file’s text (read by ${parser})`, async () => {
      const rubric = await rubrics.get(undefined);
      const ids = questionEntries(rubric).map((e) => e.question.id);
      const gc = exposedGc();
      // Files of 200 KB each (a long comment), every string of them a part of the text.
      const padding = `# ${'x'.repeat(200_000)}\n`;
      const make = (i: number) =>
        [
          `${start}${padding}`,
          `organization: Organization number ${i} of the batch`,
          `respondent: Respondent with a long name ${i}`,
          'answers:',
          ...ids.map(
            (id, k) => `  ${id}: { value: ${k % 5}, note: "Evidence ${i}-${k} of this file" }`,
          ),
          '',
        ].join('\n');
      const heapAfter = async (keep: (file: AnswersFile) => unknown) => {
        gc();
        const before = process.memoryUsage().heapUsed;
        const members: unknown[] = [];
        for (let i = 0; i < 100; i += 1) members.push(keep(await parsed(make(i))));
        gc();
        const grown = process.memoryUsage().heapUsed - before;
        expect(members).toHaveLength(100);
        return grown;
      };
      // Kept whole, the 100 files' 20 MB of text stay alive; kept for a team, they go.
      const whole = await heapAfter((file) => file);
      const kept = await heapAfter((file) => keptForTeam(file, rubric));
      expect(whole).toBeGreaterThan(15_000_000);
      expect(kept).toBeLessThan(5_000_000);
    });
  }
});
