import { render } from '@inquirer/testing';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import type { AnswersHeader } from '../../src/answers/serialize.js';
import {
  firstUnanswered,
  interview,
  progressLabel,
  questionPrompt,
  questionSteps,
  type InterviewOptions,
} from '../../src/assess/interview.js';
import { keyedSelect } from '../../src/assess/keyed-select.js';
import type { Answer } from '../../src/engine/types.js';
import { loadBuiltinRubric } from '../../src/rubric/builtin.js';
import { loadRubricFile } from '../../src/rubric/load.js';
import { fixture } from '../helpers/run-cli.js';
import { choiceNames, isChoice, KEEP, scripted, type Action } from './scripted.js';

// Four questions in two stages: has-plan (with help), has-budget | reviewed (own 1..3 scale, n/a
// allowed, help), shared.
const rubric = loadRubricFile(fixture('assess', 'small-rubric.yaml'));

const SKIP_METADATA: Action[] = [KEEP, KEEP, KEEP, KEEP, KEEP];

async function run(
  actions: Action[],
  options: Partial<Omit<InterviewOptions, 'prompts' | 'save'>> = {},
) {
  const { prompts, transcript } = scripted(actions);
  const saves: { answers: Record<string, Answer>; header: AnswersHeader }[] = [];
  const result = await interview({
    rubric,
    answers: new Map(),
    header: { rubric: 'small', rubricVersion: '1.2.0', assessedAt: '2026-11-22' },
    start: 0,
    skipAnswered: true,
    ...options,
    prompts,
    save: (answers, header) => {
      saves.push({ answers: Object.fromEntries(answers), header: { ...header } });
    },
  });
  // What each save call received (a copy), beside what the interview asked and printed.
  return { result, recorded: { ...transcript, saves } };
}

describe('interview', () => {
  it('asks the metadata, then every question in rubric order, and returns the answers', async () => {
    const { result, recorded } = await run([
      { type: 'Acme Corp' },
      { type: 'Marketing' },
      { type: 'Ann' },
      { type: '' },
      { pick: 'Partly' },
      { pick: 'Fully' },
      { pick: 'Always' },
      { pick: 'Not started' },
    ]);
    expect(recorded.inputs.map((config) => config.message)).toEqual([
      'Organization:',
      'Unit (team, department or region):',
      'Respondent (your name):',
      'Role:',
      'Target stage (optional; an id, name or number):',
    ]);
    expect(recorded.selects.map((config) => config.message.split('\n')[2]!.trim())).toEqual([
      'Is there a written plan?',
      'Is there a budget for the plan?',
      'Is the plan reviewed every quarter?',
      'Are the results of the review shared with every team?',
    ]);
    expect(result.header).toEqual({
      rubric: 'small',
      rubricVersion: '1.2.0',
      organization: 'Acme Corp',
      unit: 'Marketing',
      respondent: 'Ann',
      assessedAt: '2026-11-22',
    });
    expect(Object.fromEntries(result.answers)).toEqual({
      'has-plan': { value: 1 },
      'has-budget': { value: 2 },
      reviewed: { value: 3 },
      shared: { value: 0 },
    });
  });

  it('saves after every metadata field and after every answer, with everything so far', async () => {
    const { recorded } = await run([
      { type: 'Acme Corp' },
      KEEP,
      KEEP,
      KEEP,
      { pick: 'Partly' },
      { pick: 'Fully' },
      { pick: 'n/a' },
      { pick: 'Fully' },
    ]);
    expect(recorded.saves).toHaveLength(5 + 4); // four metadata fields and the target, four answers
    const header = {
      rubric: 'small',
      rubricVersion: '1.2.0',
      organization: 'Acme Corp',
      assessedAt: '2026-11-22',
    };
    expect(recorded.saves[0]).toEqual({ answers: {}, header });
    expect(recorded.saves.slice(5)).toEqual([
      { answers: { 'has-plan': { value: 1 } }, header },
      { answers: { 'has-plan': { value: 1 }, 'has-budget': { value: 2 } }, header },
      {
        answers: {
          'has-plan': { value: 1 },
          'has-budget': { value: 2 },
          reviewed: { value: 'n/a' },
        },
        header,
      },
      {
        answers: {
          'has-plan': { value: 1 },
          'has-budget': { value: 2 },
          reviewed: { value: 'n/a' },
          shared: { value: 2 },
        },
        header,
      },
    ]);
  });

  it('offers the scale with labels and descriptions, and n/a only where the rubric allows it', async () => {
    const { recorded } = await run([
      ...SKIP_METADATA,
      { pick: 'Partly' },
      { pick: 'Fully' },
      { pick: 'Sometimes' },
      { pick: 'Fully' },
    ]);
    const [hasPlan, hasBudget, reviewed, shared] = recorded.selects;
    expect(choiceNames(hasPlan!)).toEqual([
      'Not started',
      'Partly',
      'Fully',
      'Add a note',
      'Show help',
      '← Back',
      'Jump to…',
    ]);
    expect(choiceNames(hasBudget!)).toEqual([
      'Not started',
      'Partly',
      'Fully',
      'Add a note',
      '← Back',
      'Jump to…',
    ]);
    expect(choiceNames(reviewed!)).toEqual([
      'Rarely',
      'Sometimes',
      'Always',
      'n/a — does not apply here',
      'Add a note',
      'Show help',
      '← Back',
      'Jump to…',
    ]);
    expect(choiceNames(shared!)).not.toContain('n/a — does not apply here');
    expect(hasPlan!.choices.filter(isChoice).slice(0, 3)).toEqual([
      {
        value: 'value:0',
        key: '0',
        name: 'Not started',
        short: 'Not started',
        description: 'Nothing is in place.',
      },
      {
        value: 'value:1',
        key: '1',
        name: 'Partly',
        short: 'Partly',
        description: 'Some of it is in place.',
      },
      {
        value: 'value:2',
        key: '2',
        name: 'Fully',
        short: 'Fully',
        description: 'All of it is in place and used.',
      },
    ]);
    // The levels are keyed by their values, n/a by n; the actions have no key.
    expect(reviewed!.choices.filter(isChoice).map((c) => c.key)).toEqual([
      '1',
      '2',
      '3',
      'n',
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    // The help is in the description of "Show help", so moving onto it shows the help.
    expect(hasPlan!.choices.filter(isChoice).find((c) => c.value === 'help')?.description).toBe(
      'A plan counts when it is written down and has an owner.',
    );
  });

  it('shows where the user is: stage, tagline, question number, tenet and text', async () => {
    const { recorded } = await run([
      ...SKIP_METADATA,
      { pick: 'Partly' },
      { pick: 'Fully' },
      { pick: 'Rarely' },
      { pick: 'Fully' },
    ]);
    expect(recorded.selects[0]!.message.split('\n')).toEqual([
      'Stage 1 of 2 · Start — get going · question 1 of 4',
      '  Tenet: Basics',
      '  Is there a written plan?',
    ]);
    expect(recorded.selects[2]!.message.split('\n')[0]).toBe(
      'Stage 2 of 2 · Finish — keep it going · question 3 of 4',
    );
    // Once answered, the prompt shrinks to one line for the scroll-back.
    const style = recorded.selects[0]!.theme?.style?.message;
    expect(style?.('ignored', 'done')).toBe('1/4 Is there a written plan? →');
    expect(style?.('the full message', 'idle')).toBe('the full message');
  });

  it('labels progress in the built-in rubric as the issue shows it', async () => {
    const builtin = await loadBuiltinRubric('social-business');
    const steps = questionSteps(builtin);
    expect(steps).toHaveLength(53);
    const firstOfPresence = steps.find((step) => step.stage.id === 'presence')!;
    expect(progressLabel(firstOfPresence, builtin.stages.length, steps.length)).toMatch(
      /^Stage 2 of 6 · Presence — stake our claim · question \d+ of 53$/,
    );
    expect(progressLabel(steps[0]!, 6, 53)).toBe(
      'Stage 1 of 6 · Planning — listen to learn · question 1 of 53',
    );
  });

  it('shows the help on request and asks again', async () => {
    const { result, recorded } = await run([
      ...SKIP_METADATA,
      { pick: 'Show help' },
      { pick: 'Hide help' },
      { pick: 'Show help' },
      { pick: 'Fully' },
      { pick: 'Fully' },
      { pick: 'Always' },
      { pick: 'Fully' },
    ]);
    expect(recorded.selects[0]!.message).not.toContain('Help:');
    expect(recorded.selects[1]!.message).toContain(
      '  Help: A plan counts when it is written down and has an owner.',
    );
    expect(recorded.selects[2]!.message).not.toContain('Help:');
    expect(recorded.selects[3]!.message).toContain('Help:');
    expect(result.answers.get('has-plan')).toEqual({ value: 2 });
    // Asking for help saves nothing.
    expect(recorded.saves).toHaveLength(5 + 4); // four metadata fields and the target, four answers
  });

  it('attaches a note to an answer, and the note can be edited or removed', async () => {
    const { result, recorded } = await run([
      ...SKIP_METADATA,
      { pick: 'Add a note' },
      { type: '  two pilots in Q3  ' },
      { pick: 'Partly' },
      { pick: 'Add a note' },
      { type: 'draft' },
      { pick: 'Edit the note' },
      { type: '' },
      { pick: 'Fully' },
      { pick: 'n/a' },
      { pick: '← Back' },
      KEEP,
      { pick: 'Fully' },
    ]);
    expect(recorded.inputs[5]!.message).toBe(
      'Note for question 1 (evidence or a caveat; empty for none):',
    );
    expect(recorded.selects[1]!.message).toContain('  Note: two pilots in Q3');
    expect(choiceNames(recorded.selects[1]!)).toContain('Edit the note');
    // Editing starts from the note as it stands.
    expect(recorded.inputs[7]).toMatchObject({ default: 'draft', prefill: 'editable' });
    expect(Object.fromEntries(result.answers)).toEqual({
      'has-plan': { value: 1, note: 'two pilots in Q3' },
      'has-budget': { value: 2 },
      reviewed: { value: 'n/a' },
      shared: { value: 2 },
    });
  });

  it('goes back to the previous question with its answer as the default', async () => {
    const { result, recorded } = await run([
      ...SKIP_METADATA,
      { pick: 'Partly' },
      { pick: 'Fully' },
      { pick: '← Back' },
      KEEP,
      { pick: '← Back' },
      { pick: 'Not started' },
      { pick: 'Rarely' },
      { pick: 'Partly' },
    ]);
    const questions = recorded.selects.map((config) => config.message.split('\n')[0]!.slice(-15));
    expect(questions).toEqual([
      'question 1 of 4',
      'question 2 of 4',
      'question 3 of 4',
      'question 2 of 4',
      'question 3 of 4',
      'question 2 of 4',
      'question 3 of 4',
      'question 4 of 4',
    ]);
    expect(recorded.selects[3]!.default).toBe('value:2');
    expect(choiceNames(recorded.selects[3]!)).toContain('Fully  (saved answer)');
    expect(Object.fromEntries(result.answers)).toEqual({
      'has-plan': { value: 1 },
      'has-budget': { value: 0 },
      reviewed: { value: 1 },
      shared: { value: 1 },
    });
  });

  it('goes back from the first question to the metadata', async () => {
    const { result, recorded } = await run([
      ...SKIP_METADATA,
      { pick: '← Back' },
      { type: 'Acme' },
      KEEP,
      KEEP,
      KEEP,
      { pick: 'Fully' },
      { pick: 'Fully' },
      { pick: 'Always' },
      { pick: 'Fully' },
    ]);
    // The metadata and the target twice: before question 1, and again from ← Back.
    expect(recorded.inputs).toHaveLength(10);
    expect(result.header.organization).toBe('Acme');
  });

  it('continues at the first unanswered question and skips answered ones', async () => {
    const answers = new Map<string, Answer>([
      ['has-plan', { value: 1 }],
      ['has-budget', { value: 2 }],
      ['shared', { value: 0 }],
    ]);
    expect(firstUnanswered(rubric, answers)).toBe(2);
    const { result, recorded } = await run([...SKIP_METADATA, { pick: 'Always' }], {
      answers,
      start: firstUnanswered(rubric, answers),
    });
    expect(recorded.selects).toHaveLength(1);
    expect(recorded.selects[0]!.message.split('\n')[0]).toMatch(/question 3 of 4$/);
    expect(Object.fromEntries(result.answers)).toEqual({
      'has-plan': { value: 1 },
      'has-budget': { value: 2 },
      shared: { value: 0 },
      reviewed: { value: 3 },
    });
  });

  it('walks every question again with the saved answers as defaults when reviewing', async () => {
    const answers = new Map<string, Answer>([
      ['has-plan', { value: 1, note: 'two pilots' }],
      ['has-budget', { value: 2 }],
      ['reviewed', { value: 'n/a' }],
      ['shared', { value: 0 }],
    ]);
    expect(firstUnanswered(rubric, answers)).toBe(4);
    const { result, recorded } = await run(
      [...SKIP_METADATA, KEEP, KEEP, { pick: 'Sometimes' }, KEEP],
      { answers, start: 0, skipAnswered: false },
    );
    expect(recorded.selects.map((config) => config.default)).toEqual([
      'value:1',
      'value:2',
      'value:n/a',
      'value:0',
    ]);
    expect(recorded.selects[0]!.message).toContain('Note: two pilots');
    expect(Object.fromEntries(result.answers)).toEqual({
      'has-plan': { value: 1, note: 'two pilots' },
      'has-budget': { value: 2 },
      reviewed: { value: 2 },
      shared: { value: 0 },
    });
  });

  it('pre-fills the metadata from the file; an emptied field is dropped', async () => {
    const { result, recorded } = await run(
      [KEEP, { type: '' }, { type: 'Bob' }, KEEP, { pick: 'Fully' }],
      {
        header: {
          rubric: 'small',
          organization: 'Acme Corp',
          unit: 'Marketing',
          role: 'Lead',
          assessedAt: '2026-11-22',
        },
        answers: new Map<string, Answer>([
          ['has-plan', { value: 1 }],
          ['has-budget', { value: 2 }],
          ['reviewed', { value: 3 }],
        ]),
        start: 3,
      },
    );
    expect(recorded.inputs.map((config) => config.default)).toEqual([
      'Acme Corp',
      'Marketing',
      undefined,
      'Lead',
      undefined, // no target yet
    ]);
    expect(recorded.inputs.every((config) => config.prefill === 'editable')).toBe(true);
    expect(result.header).toEqual({
      rubric: 'small',
      organization: 'Acme Corp',
      respondent: 'Bob',
      role: 'Lead',
      assessedAt: '2026-11-22',
    });
  });

  it('stops with the prompt error on Ctrl-C, after saving every answer given', async () => {
    const { prompts, transcript } = scripted([
      ...SKIP_METADATA,
      { pick: 'Partly' },
      { pick: 'Fully' },
      { ctrlC: true },
    ]);
    const saves: Record<string, Answer>[] = [];
    await expect(
      interview({
        rubric,
        answers: new Map(),
        header: {},
        start: 0,
        skipAnswered: true,
        prompts,
        save: (answers) => {
          saves.push(Object.fromEntries(answers));
        },
      }),
    ).rejects.toMatchObject({ name: 'ExitPromptError' });
    expect(transcript.selects).toHaveLength(3);
    expect(saves.at(-1)).toEqual({ 'has-plan': { value: 1 }, 'has-budget': { value: 2 } });
  });
});

describe('questionPrompt in the terminal', () => {
  const steps = questionSteps(rubric);

  it('shows each level with its value as the key, the description of the current one and the key hints', async () => {
    const config = questionPrompt(steps[2]!, rubric, steps.length, {
      showHelp: false,
      back: 'question',
    });
    const { answer, events, getScreen } = await render(keyedSelect, config);
    expect(getScreen()).toBe(
      [
        '? Stage 2 of 2 · Finish — keep it going · question 3 of 4',
        '  Tenet: Review',
        '  Is the plan reviewed every quarter?',
        '❯ 1  Rarely',
        '  2  Sometimes',
        '  3  Always',
        '  n  n/a — does not apply here',
        '   ──────────',
        '     Add a note',
        '     Show help',
        '     ← Back',
        '',
        '↑↓ or type a value (n for n/a) · ⏎ confirm · Ctrl-C to stop (answers are saved)',
      ].join('\n'),
    );
    events.type('3');
    expect(getScreen()).toContain('❯ 3  Always');
    events.keypress('down');
    events.keypress('down');
    events.keypress('down');
    expect(getScreen()).toContain('❯    Show help');
    expect(getScreen()).toContain('Answer n/a when the plan is a one-off.');
    events.type('n');
    expect(getScreen()).toContain('❯ n  n/a — does not apply here');
    events.keypress('enter');
    await expect(answer).resolves.toBe('value:n/a');
    expect(getScreen()).toBe('✔ 3/4 Is the plan reviewed every quarter? → n/a');
  });

  it('keys the levels by value: on a 0–2 scale, 0 is the first level and 2 the last', async () => {
    const config = questionPrompt(steps[1]!, rubric, steps.length, {
      showHelp: false,
      back: 'question',
    });
    const { answer, events, getScreen } = await render(keyedSelect, config);
    expect(getScreen()).toContain('↑↓ or type a value · ⏎ confirm');
    events.type('2');
    expect(getScreen()).toContain('❯ 2  Fully');
    events.type('0');
    // "20" is no key, so the 0 starts afresh.
    expect(getScreen()).toContain('❯ 0  Not started');
    events.type('7');
    expect(getScreen()).toContain('❯ 0  Not started');
    events.keypress('up');
    expect(getScreen()).toContain('❯ 0  Not started');
    events.keypress('enter');
    await expect(answer).resolves.toBe('value:0');
  });

  it('starts on the saved answer and shows the level description', async () => {
    const config = questionPrompt(steps[0]!, rubric, steps.length, {
      saved: { value: 2 },
      showHelp: false,
      back: 'metadata',
    });
    const { answer, events, getScreen } = await render(keyedSelect, config);
    expect(getScreen()).toContain('❯ 2  Fully  (saved answer)');
    expect(getScreen()).toContain('All of it is in place and used.');
    events.keypress('enter');
    await expect(answer).resolves.toBe('value:2');
  });
});

describe('keyedSelect', () => {
  const choices = [0, 5, 10, 15].map((value) => ({
    value,
    key: String(value),
    name: `level ${value}`,
  }));

  it('reads several characters typed in a row as one key', async () => {
    const { answer, events, getScreen } = await render(keyedSelect, {
      message: 'How far?',
      choices,
    });
    events.type('1');
    expect(getScreen()).toContain('❯  0  level 0');
    events.type('5');
    expect(getScreen()).toContain('❯ 15  level 15');
    events.keypress('enter');
    await expect(answer).resolves.toBe(15);
  });

  it('forgets what was typed after a pause', async () => {
    // The pause is the prompt's own timer; fake timers let it pass without waiting for it.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    onTestFinished(() => {
      vi.useRealTimers();
    });
    const { answer, events, getScreen } = await render(keyedSelect, {
      message: 'How far?',
      choices,
    });
    events.type('1');
    expect(vi.getTimerCount()).toBe(1);
    vi.runOnlyPendingTimers();
    events.type('5');
    expect(getScreen()).toContain('❯  5  level 5');
    events.keypress('enter');
    await expect(answer).resolves.toBe(5);
  });

  it('stops at the ends instead of wrapping around', async () => {
    const { answer, events } = await render(keyedSelect, {
      message: 'How far?',
      choices,
      default: 15,
    });
    events.keypress('down');
    events.keypress('enter');
    await expect(answer).resolves.toBe(15);
  });
});
