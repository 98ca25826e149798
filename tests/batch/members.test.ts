// A team member scored in a worker thread crosses to the main thread packed (src/batch/members.ts):
// unpacked on the main thread's copy of the rubric, it must be the member scoring it there gives.
import { describe, expect, it } from 'vitest';
import { keptForTeam } from '../../src/answers/keep.js';
import type { AnswersFile } from '../../src/answers/types.js';
import { RubricCache } from '../../src/batch/rubric-cache.js';
import { packMember, unpackMember } from '../../src/batch/members.js';
import { UserError } from '../../src/problems/user-error.js';
import { memberStanding } from '../../src/engine/analyse.js';
import { questionEntries } from '../../src/rubric/query.js';

describe('a team member packed for the main thread', () => {
  it('unpacks on another copy of its rubric to what keeping it there gives', async () => {
    // Two caches: the worker's rubric and the main thread's are two objects of the same rubric.
    const inWorker = await new RubricCache(process.cwd()).get(undefined);
    const onMain = await new RubricCache(process.cwd()).get(undefined);
    expect(inWorker).not.toBe(onMain);
    const ids = questionEntries(inWorker).map((entry) => entry.question.id);
    const file: AnswersFile = {
      rubric: 'social-business',
      rubricVersion: '1.0.0',
      organization: 'Contoso Outfitters',
      respondent: 'Dana Example',
      role: 'sponsor',
      assessedAt: '2026-11-20',
      target: 4,
      answers: new Map([
        [ids[0]!, { value: 3 }],
        [ids[1]!, { value: 2, note: 'two pilots, reviewed monthly' }],
        [ids[2]!, { value: 'n/a' }],
        [ids[5]!, { value: 'n/a', note: 'no such team here' }],
        [ids[7]!, { value: 2.5 }],
        [ids[ids.length - 1]!, { value: 0, note: 'not started' }],
      ]),
      ids: [ids[0]!, ids[1]!],
    };
    const member = {
      answers: keptForTeam(file, inWorker),
      scores: memberStanding(inWorker, file.answers),
    };
    // Through a structured clone, as postMessage sends it.
    const packed = structuredClone(packMember(member, inWorker));
    const unpacked = unpackMember(packed, onMain, 'a.yaml');
    const here = {
      answers: keptForTeam(file, onMain),
      scores: memberStanding(onMain, file.answers),
    };
    const { answers: unpackedAnswers, ...unpackedFields } = unpacked.answers;
    const { answers: hereAnswers, ...hereFields } = here.answers;
    expect(unpackedFields).toStrictEqual(hereFields);
    expect(unpacked.scores).toStrictEqual(here.scores);
    // The same answers, in the same order, read on the main thread's rubric.
    expect([...unpackedAnswers]).toStrictEqual([...hereAnswers]);
    expect([...unpackedAnswers]).toStrictEqual(
      [...file.answers].sort(([a], [b]) => ids.indexOf(a) - ids.indexOf(b)),
    );
    expect(unpacked.scores.tenets.map((t) => t.id)).toEqual(here.scores.tenets.map((t) => t.id));
    // Answers without a note are the objects every file shares; n/a is one object too.
    expect(unpacked.answers.answers.get(ids[0]!)).toBe(here.answers.answers.get(ids[0]!));
    expect(unpacked.answers.answers.get(ids[2]!)?.value).toBe('n/a');
    // A tenet that is n/a keeps its null score.
    expect(unpacked.scores.tenets.some((t) => t.score === null)).toBe(
      here.scores.tenets.some((t) => t.score === null),
    );
  });

  it('packs the answers as plain arrays in rubric order, notes beside their index', async () => {
    const rubric = await new RubricCache(process.cwd()).get(undefined);
    const ids = questionEntries(rubric).map((entry) => entry.question.id);
    const answers: AnswersFile = {
      organization: 'Org',
      answers: new Map([
        [ids[3]!, { value: 1, note: 'a note' }],
        [ids[0]!, { value: 4 }],
      ]),
    };
    const packed = packMember(
      {
        answers: keptForTeam(answers, rubric),
        scores: memberStanding(rubric, answers.answers),
      },
      rubric,
    );
    expect(packed.file).toEqual({ organization: 'Org' });
    expect(packed.values).toHaveLength(ids.length);
    expect(packed.values.slice(0, 5)).toEqual([4, null, null, 1, null]);
    expect(packed.notes).toEqual([3, 'a note']);
    expect(packed.tenets).toHaveLength(rubric.stages.flatMap((s) => s.tenets).length);
  });

  it('stops, as a user error, at a member packed on a rubric of another shape', async () => {
    // (A rubric file changed while the batch ran, after a worker read it and before this thread.)
    const rubric = await new RubricCache(process.cwd()).get(undefined);
    const quick = await new RubricCache(process.cwd()).get('social-business-quick');
    // The same numbers of stages, tenets and questions, one question renamed: another shape too.
    const renamed = structuredClone(rubric);
    renamed.stages[1]!.tenets[0]!.questions[0]!.id = 'renamed-question';
    const answers: AnswersFile = { answers: new Map() };
    const packed = packMember(
      {
        answers: keptForTeam(answers, rubric),
        scores: memberStanding(rubric, answers.answers),
      },
      rubric,
    );
    for (const [other, origin] of [
      [quick, 'the built-in rubric'],
      [renamed, 'its file'],
    ] as const) {
      const unpack = () => unpackMember(packed, other, 'team/a.yaml');
      expect(unpack).toThrow(UserError);
      expect(unpack).toThrow(
        `maturity: rubric ${other.id} (${origin}) changed while the batch was scored: the scoring threads read two versions of it (one of them for team/a.yaml); score the batch again`,
      );
    }
    // Another copy of the same rubric is the same shape.
    expect(unpackMember(packed, structuredClone(rubric), 'team/a.yaml').scores).toEqual(
      unpackMember(packed, rubric, 'team/a.yaml').scores,
    );
  });
});
