// The interview's second round with injected answers: what stays in the scrollback, where a
// stage stands, resuming, jumping between stages, reviewing one stage, following the width.
import { describe, expect, it } from 'vitest';
import type { AnswersHeader } from '../../src/answers/serialize.js';
import { interview, type InterviewOptions, type Prompts } from '../../src/assess/interview.js';
import { scoreSheet } from '../../src/engine/score.js';
import type { Answer } from '../../src/engine/types.js';
import { percent } from '../../src/format/numbers.js';
import { textWidth } from '../../src/format/wrap.js';
import { loadRubricFile } from '../../src/rubric/load.js';
import { fixture } from '../helpers/run-cli.js';
import { choiceNames, KEEP, scripted, type Action } from './scripted.js';

// Two stages, threshold 50%: Start (has-plan with help, has-budget; scale 0–2) and Finish
// (reviewed: own scale 1–3, n/a allowed; shared: 0–2).
const rubric = loadRubricFile(fixture('assess', 'small-rubric.yaml'));
const SKIP_METADATA: Action[] = [KEEP, KEEP, KEEP, KEEP, KEEP];
const header: AnswersHeader = { rubric: 'small', rubricVersion: '1.2.0', assessedAt: '2026-11-22' };
const ALL_ANSWERED = new Map<string, Answer>([
  ['has-plan', { value: 1 }],
  ['has-budget', { value: 2 }],
  ['reviewed', { value: 'n/a' }],
  ['shared', { value: 0 }],
]);

async function run(actions: Action[], options: Partial<Omit<InterviewOptions, 'save'>> = {}) {
  const { prompts, transcript } = scripted(actions);
  const saves: Record<string, Answer>[] = [];
  const result = await interview({
    rubric,
    answers: new Map(),
    header,
    start: 0,
    skipAnswered: true,
    prompts,
    ...options,
    save: (answers) => {
      saves.push(Object.fromEntries(answers));
    },
  });
  return { result, transcript, saves };
}

/** The first line of each question prompt asked, e.g. `question 3 of 4`. */
function asked(selects: { message: string }[]): string[] {
  return selects.flatMap((config) => /question \d+ of \d+$/m.exec(config.message)?.[0] ?? []);
}

describe('what the interview leaves in the scrollback', () => {
  it('one line per answer and per stage; help, notes and going back print nothing', async () => {
    const { transcript } = await run([
      { type: 'Acme' },
      KEEP,
      KEEP,
      KEEP,
      { pick: 'Show help' },
      { pick: 'Hide help' },
      { pick: 'Add a note' },
      { type: 'signed off in May' },
      { pick: 'Partly' },
      { pick: '← Back' },
      KEEP,
      { pick: 'Fully' },
      { pick: 'n/a' },
      { pick: 'Fully' },
    ]);
    expect(transcript.printed).toEqual([
      'First, who is answering? (optional; ⏎ skips)',
      '✔ Organization: Acme',
      '✔ Unit (team, department or region):',
      '✔ Respondent (your name):',
      '✔ Role:',
      '✔ Target stage (optional; an id, name or number):',
      '✔ 1/4 Is there a written plan? → Partly (with a note)',
      // ← Back from question 2, and question 1 kept as it was: answered again, one line again.
      '✔ 1/4 Is there a written plan? → Partly (with a note)',
      '✔ 2/4 Is there a budget for the plan? → Fully',
      'Start: 75% of 50% — attained',
      '✔ 3/4 Is the plan reviewed every quarter? → n/a',
      '✔ 4/4 Are the results of the review shared with every team? → Fully',
      'Finish: 100% of 50% — attained',
    ]);
  });

  it('puts the stage line where the stage ends, scored by the engine with the answers so far', async () => {
    const { transcript, result } = await run([
      ...SKIP_METADATA,
      { pick: 'Not started' },
      { pick: 'Partly' },
      { pick: 'Sometimes' },
      { pick: 'Partly' },
    ]);
    const sheet = scoreSheet(rubric, result.answers);
    // Basics: (0 + ½) / 2; Review: (½ + ½) / 2.
    expect(sheet.stages.map((stage) => stage.score)).toEqual([0.25, 0.5]);
    const stageLines = transcript.events.filter((line) => /^(Start|Finish):/.test(line));
    expect(stageLines).toEqual([
      `Start: ${percent(sheet.stages[0]!.score!)} of 50% — not yet attained`,
      `Finish: ${percent(sheet.stages[1]!.score!)} of 50% — attained`,
    ]);
    expect(stageLines).toEqual([
      'Start: 25% of 50% — not yet attained',
      'Finish: 50% of 50% — attained',
    ]);
    // Each comes right after the last answer of its stage, before the next question.
    const at = (text: string) => transcript.events.indexOf(text);
    expect(at('Start: 25% of 50% — not yet attained')).toBe(
      at('✔ 2/4 Is there a budget for the plan? → Partly') + 1,
    );
    expect(transcript.events[at('Start: 25% of 50% — not yet attained') + 1]).toMatch(
      /^\? Stage 2 of 2 .* question 3 of 4/,
    );
  });

  it('says so when every question of a stage is n/a', async () => {
    const answers = new Map<string, Answer>([
      ['has-plan', { value: 1 }],
      ['has-budget', { value: 1 }],
      ['shared', { value: 'n/a' }],
    ]);
    // `shared` does not allow n/a in the rubric, but a stage with no score is what is tested.
    const { transcript } = await run([{ pick: 'n/a' }], {
      answers,
      start: 2,
      askMetadata: false,
    });
    expect(transcript.printed.at(-1)).toBe('Finish: n/a (every question answered n/a)');
  });
});

describe('resuming', () => {
  it('goes straight to the first unanswered question when the metadata are not to be asked', async () => {
    const answers = new Map<string, Answer>([
      ['has-plan', { value: 1 }],
      ['has-budget', { value: 2 }],
    ]);
    const { transcript } = await run([{ pick: 'Always' }, { pick: 'Fully' }], {
      answers,
      start: 2,
      askMetadata: false,
      header: { ...header, organization: 'Acme Corp' },
    });
    expect(transcript.inputs).toEqual([]);
    expect(transcript.events[0]).toMatch(/^\? Stage 2 of 2 .* question 3 of 4\n/);
    expect(transcript.printed).not.toContain('First, who is answering? (optional; ⏎ skips)');
  });

  it('still reaches the metadata with ← Back from the first question', async () => {
    const { transcript, result } = await run(
      [{ pick: '← Back' }, { type: 'Globex' }, KEEP, KEEP, KEEP, { pick: 'Fully' }, KEEP],
      {
        answers: new Map([
          ['has-budget', { value: 2 }],
          ['reviewed', { value: 2 }],
        ]),
        start: 0,
        askMetadata: false,
        header: { ...header, organization: 'Acme Corp' },
      },
    );
    expect(transcript.inputs.map((input) => input.message)).toEqual([
      'Organization:',
      'Unit (team, department or region):',
      'Respondent (your name):',
      'Role:',
      'Target stage (optional; an id, name or number):',
    ]);
    expect(transcript.inputs[0]!.default).toBe('Acme Corp');
    expect(result.header.organization).toBe('Globex');
  });
});

describe('Jump to…', () => {
  it('lists the stages with their answered counts and goes to the first unanswered question of one', async () => {
    const { transcript, result } = await run(
      [
        { pick: 'Jump to…' },
        { pick: 'Finish' },
        { pick: 'Rarely' },
        { pick: 'Not started' },
        { pick: 'Fully' },
      ],
      {
        answers: new Map([['has-budget', { value: 2 }]]),
        askMetadata: false,
      },
    );
    const jump = transcript.selects[1]!;
    expect(jump.message).toBe('Jump to which stage?');
    expect(choiceNames(jump)).toEqual([
      'Start   1 of 2 answered  (this stage)',
      'Finish  0 of 2 answered',
      '← Stay at question 1',
    ]);
    expect(jump.choices.filter((c) => 'key' in c).map((c) => (c as { key: string }).key)).toEqual([
      '1',
      '2',
    ]);
    expect(asked(transcript.selects)).toEqual([
      'question 1 of 4',
      'question 3 of 4',
      'question 4 of 4',
      'question 1 of 4',
    ]);
    // The walk ends where it started: past the last question, back to those left unanswered.
    expect(transcript.printed).toEqual([
      '✔ 3/4 Is the plan reviewed every quarter? → Rarely',
      '✔ 4/4 Are the results of the review shared with every team? → Not started',
      'Finish: 0% of 50% — not yet attained',
      '1 question is still unanswered: back to question 1.',
      '✔ 1/4 Is there a written plan? → Fully',
      'Start: 100% of 50% — attained',
    ]);
    expect(result.answers.size).toBe(4);
  });

  it('Stay comes back to the question as it was, note and all', async () => {
    const { transcript } = await run(
      [
        { pick: 'Add a note' },
        { type: 'kept' },
        { pick: 'Jump to…' },
        { pick: '← Stay' },
        { pick: 'Partly' },
      ],
      {
        answers: new Map([
          ['has-budget', { value: 2 }],
          ['reviewed', { value: 3 }],
          ['shared', { value: 1 }],
        ]),
        askMetadata: false,
      },
    );
    expect(asked(transcript.selects)).toEqual([
      'question 1 of 4',
      'question 1 of 4',
      'question 1 of 4',
    ]);
    expect(transcript.selects[3]!.message).toContain('Note: kept');
    expect(transcript.printed[0]).toBe('✔ 1/4 Is there a written plan? → Partly (with a note)');
  });

  it('lands on the first question of a stage that is all answered, then moves on to the unanswered', async () => {
    const { transcript } = await run(
      [{ pick: 'Jump to…' }, { pick: 'Start' }, KEEP, { pick: 'Always' }, { pick: 'Fully' }],
      {
        answers: new Map([
          ['has-plan', { value: 1 }],
          ['has-budget', { value: 2 }],
        ]),
        start: 2,
        askMetadata: false,
      },
    );
    const start = transcript.selects[1]!.choices.find((c) => 'value' in c && c.value === 0);
    expect(start).toMatchObject({
      name: 'Start   2 of 2 answered',
      description: 'Every question of Start is answered; goes to question 1, its first.',
    });
    expect(asked(transcript.selects)).toEqual([
      'question 3 of 4',
      'question 1 of 4',
      'question 3 of 4',
      'question 4 of 4',
    ]);
    expect(transcript.selects[2]!.default).toBe('value:1');
  });
});

describe('reviewing one stage', () => {
  it('walks only that stage, every question with its answer as the default, then ends', async () => {
    const { transcript, result } = await run([KEEP, { pick: 'Fully' }], {
      answers: ALL_ANSWERED,
      start: 2,
      skipAnswered: false,
      stageOnly: true,
      askMetadata: false,
    });
    expect(asked(transcript.selects)).toEqual(['question 3 of 4', 'question 4 of 4']);
    expect(transcript.selects.map((s) => s.default)).toEqual(['value:n/a', 'value:0']);
    expect(result.answers.get('shared')).toEqual({ value: 2 });
    expect(transcript.printed.at(-1)).toBe('Finish: 100% of 50% — attained');
  });

  it('after a jump, reviews the stage jumped to instead', async () => {
    const { transcript } = await run([{ pick: 'Jump to…' }, { pick: 'Start' }, KEEP, KEEP], {
      answers: ALL_ANSWERED,
      start: 2,
      skipAnswered: false,
      stageOnly: true,
      askMetadata: false,
    });
    expect(asked(transcript.selects)).toEqual([
      'question 3 of 4',
      'question 1 of 4',
      'question 2 of 4',
    ]);
  });
});

describe('following the terminal width', () => {
  it('reads the width again for every question, and fits every line to it', async () => {
    let columns = 100;
    const { prompts, transcript } = scripted([
      ...SKIP_METADATA,
      { pick: 'Partly' },
      { pick: 'Add a note' },
      { type: 'a note' },
      { pick: 'Fully' },
      { pick: 'Always' },
      { pick: 'Fully' },
    ]);
    // The terminal narrows once question 1 is answered.
    const narrowing: Prompts = {
      ...prompts,
      select: (config) => {
        const answer = prompts.select(config);
        if (/question 1 of 4/.test(config.message)) columns = 40;
        return answer;
      },
    };
    await interview({
      rubric,
      answers: new Map(),
      header,
      start: 0,
      skipAnswered: true,
      prompts: narrowing,
      save: () => {},
      width: () => columns,
    });
    expect(transcript.selects.map((config) => config.width)).toEqual([100, 40, 40, 40, 40]);
    for (const line of transcript.printed.slice(6)) expect(textWidth(line)).toBeLessThanOrEqual(40);
    expect(transcript.printed).toContain('✔ 4/4 Are the results of the re… → Fully');
    // The note's prompt wraps too: its first line follows the `? ` prefix.
    expect(transcript.inputs[5]!.message).toBe(
      'Note for question 2 (evidence or a\n  caveat; empty for none):',
    );
    for (const config of transcript.selects.slice(1)) {
      const lines = config.message.split('\n');
      expect(textWidth(lines[0]!)).toBeLessThanOrEqual(38);
      for (const line of lines.slice(1)) expect(textWidth(line)).toBeLessThanOrEqual(40);
    }
  });
});
