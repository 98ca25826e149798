import { describe, expect, it } from 'vitest';
import {
  answeredLine,
  jumpPrompt,
  progressLines,
  questionPrompt,
  questionSteps,
  stageStanding,
  type Step,
} from '../../src/assess/interview.js';
import type { Answer } from '../../src/engine/types.js';
import { textWidth } from '../../src/format/wrap.js';
import { loadBuiltinRubric } from '../../src/rubric/builtin.js';
import { expectFits, showPrompt } from './screen.js';

const builtin = await loadBuiltinRubric('social-business');
const steps = questionSteps(builtin);
const WIDTHS = [60, 80, 100, 120];
const NOTE =
  'Two pilots ran in Q3; the marketing team owns the listening dashboard and reviews it monthly with sales.';

/** Half the questions answered (every other one), so counts and saved answers show. */
const someAnswers = new Map<string, Answer>(
  steps.filter((_, i) => i % 2 === 0).map((step) => [step.question.id, { value: 2 }]),
);

describe('every line of the interview fits the terminal', () => {
  for (const width of WIDTHS) {
    it(`at ${width} columns: every question of the built-in rubric, with help, a note and each choice's description`, async () => {
      for (const step of steps) {
        const config = questionPrompt(
          step,
          builtin,
          steps.length,
          { saved: { value: 3 }, note: NOTE, showHelp: true, back: 'question', jump: true },
          { width },
        );
        const prompt = await showPrompt(config, width);
        const choices = config.choices.filter((item) => 'value' in item).length;
        for (let i = 0; i < choices; i += 1) {
          expectFits(prompt.screen(), width);
          prompt.press('down');
        }
        prompt.press('enter');
        await prompt.answer;
      }
    });
  }

  it('wraps question text, tenet, help and note with their own hanging indents', async () => {
    const step = steps[0]!;
    const config = questionPrompt(
      step,
      builtin,
      steps.length,
      { note: NOTE, showHelp: true, back: 'question' },
      { width: 60 },
    );
    expect(config.message.split('\n')).toEqual([
      'Stage 1 of 6 · Planning · question 1 of 53',
      '  Tenet: Listen to customers',
      '  How systematically does the organization monitor social',
      '  conversations about its brand, products and competitors?',
      '  Help: Count a listening tool or service with defined',
      '        search terms, a named owner and a regular review of',
      '        findings. Occasional manual searches or screenshots',
      '        count as Ad hoc (1).',
      '  Note: Two pilots ran in Q3; the marketing team owns the',
      '        listening dashboard and reviews it monthly with',
      '        sales.',
    ]);
    const prompt = await showPrompt(config, 60);
    // The description under the choices, and the key hints, wrap with no indent at all.
    expect(prompt.screen().slice(-4)).toEqual([
      'No evidence that the practice exists. Nobody owns it,',
      'nothing is written down, and no work on it is scheduled.',
      '↑↓ or type a value · ⏎ confirm · Ctrl-C to stop (answers are',
      'saved)',
    ]);
    prompt.press('enter');
    await prompt.answer;
  });

  it('follows the width given for each prompt', () => {
    const step = steps[0]!;
    const at = (width: number) =>
      questionPrompt(step, builtin, steps.length, { showHelp: false }, { width }).message;
    expect(at(120).split('\n')[2]).toBe(
      '  How systematically does the organization monitor social conversations about its brand, products and competitors?',
    );
    expect(at(100).split('\n')[2]).toBe(
      '  How systematically does the organization monitor social conversations about its brand, products',
    );
    expect(at(60).split('\n')[2]).toBe('  How systematically does the organization monitor social');
  });

  it('drops the tagline from the progress label when it does not fit, and breaks between parts last', () => {
    const step = steps.find((s) => s.stage.id === 'presence')!;
    expect(progressLines(step, 6, 53, 100)).toEqual([
      `Stage 2 of 6 · Presence — stake our claim · question ${step.index + 1} of 53`,
    ]);
    expect(progressLines(step, 6, 53, 50)).toEqual([
      `Stage 2 of 6 · Presence · question ${step.index + 1} of 53`,
    ]);
    expect(progressLines(step, 6, 53, 30)).toEqual([
      'Stage 2 of 6 · Presence',
      `question ${step.index + 1} of 53`,
    ]);
  });

  for (const width of WIDTHS) {
    it(`at ${width} columns: the stage list of "Jump to…", and each answered line`, async () => {
      const config = jumpPrompt(builtin, someAnswers, steps[20]!, { width });
      const prompt = await showPrompt(config, width);
      for (let i = 0; i < builtin.stages.length + 1; i += 1) {
        expectFits(prompt.screen(), width);
        prompt.press('down');
      }
      prompt.press('enter');
      await prompt.answer;
      for (const step of steps) {
        for (const answer of ['Established (with a note)', 'n/a', 'Not started']) {
          const line = answeredLine(step, steps.length, answer, width);
          expectFits([line], width);
          expect(line).toMatch(
            new RegExp(`^✔ ${step.index + 1}/53 .+ → ${answer.replace(/[()]/g, '\\$&')}$`),
          );
        }
      }
    });
  }

  it('cuts the question, not the answer, in an answered line, and keeps at least the number', () => {
    const step: Step = steps[0]!;
    expect(answeredLine(step, 53, 'Defined', 60)).toBe(
      '✔ 1/53 How systematically does the organization m… → Defined',
    );
    expect(textWidth(answeredLine(step, 53, 'Defined', 60))).toBe(60);
    expect(answeredLine(step, 53, 'Defined', 200)).toBe(
      '✔ 1/53 How systematically does the organization monitor social conversations about its brand, products and competitors? → Defined',
    );
    expect(answeredLine(step, 53, 'A label far too long to leave room for any question', 40)).toBe(
      '✔ 1/53 → A label far too long to leave…',
    );
  });

  it('words the stage standing from the engine: score, threshold, attained or not', () => {
    const planning = steps.filter((step) => step.stage.id === 'planning');
    const all = (value: number) =>
      new Map<string, Answer>(planning.map((step) => [step.question.id, { value }]));
    expect(stageStanding(builtin, 0, all(4))).toEqual({
      text: 'Planning: 100% of 70% — attained',
      attained: true,
    });
    expect(stageStanding(builtin, 0, all(2))).toEqual({
      text: 'Planning: 50% of 70% — not yet attained',
      attained: false,
    });
    const partly = new Map([...all(4)].slice(0, 3));
    expect(stageStanding(builtin, 0, partly).text).toMatch(
      /^Planning: \d+% of 70% — not yet attained \(5 unanswered, scored 0\)$/,
    );
  });
});
