// The interview's layout in a real terminal (tmux): every line fits at 60, 80 and 120 columns
// with no stray leading space, a resize applies to the next question, help, notes, back and
// jumps leave no clutter, and a resumed file starts at its first unanswered question. Needs
// `node scripts/build.mjs` first (npm test does).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAnswersFile } from '../../src/answers/load.js';
import { questionSteps } from '../../src/assess/interview.js';
import { scoreSheet } from '../../src/engine/score.js';
import { percent } from '../../src/format/numbers.js';
import { textWidth } from '../../src/format/wrap.js';
import { loadBuiltinRubric } from '../../src/rubric/builtin.js';
import { answer, DOWN, exitCode, inCI, interviewTerminals, metadata } from './interview.js';
import { hasTmux, type Terminal } from './tmux.js';

const { freshDir, assess } = interviewTerminals('layout');

/** Every line fits in `width` columns (wrapped lines are joined back by the capture), none with a stray leading space. */
function expectFits(lines: readonly string[], width: number): void {
  for (const line of lines) {
    expect(textWidth(line), `wider than ${width}: "${line}"`).toBeLessThanOrEqual(width);
    expect(line, `a stray leading space: "${line}"`).not.toMatch(/^ \S/);
  }
}

/**
 * The lines the interview left between the metadata header and the report (or the exit): only
 * answers (`✔ …`, continued with two spaces), stage standings and the walk coming round.
 */
function interviewLines(history: string): string[] {
  const lines = history.split('\n');
  const from = lines.indexOf('First, who is answering? (optional; ⏎ skips)');
  const to = lines.findIndex((line, i) => i > from && (line === '' || line.startsWith('EXIT=')));
  return lines.slice(from + 1, to);
}

const STAGE_LINE = /^\S[^:]*: (\d+% of \d+% — (attained|not yet attained)|n\/a .*)/;
const CLEAN = /^(✔ | {2}\S|\d+ questions? (is|are) still unanswered: back to question \d+\.$)/;

function expectNoClutter(lines: readonly string[]): void {
  for (const line of lines) {
    expect(CLEAN.test(line) || STAGE_LINE.test(line), `clutter: "${line}"`).toBe(true);
  }
}

/**
 * Resizes the terminal while a question is on screen, then moves the cursor down and up again:
 * once the prompt has redrawn, the program has read the SIGWINCH that came before those keys.
 */
async function resize(terminal: Terminal, width: number): Promise<void> {
  await terminal.resize(width, 40);
  terminal.send('Down');
  await terminal.waitFor('❯ 1  Ad hoc');
  terminal.send('Up');
  await terminal.waitFor('❯ 0  Not started');
}

// Skipped where tmux is missing, except in CI: there a missing tmux fails the run (.ci/run installs it).
describe.skipIf(!hasTmux && !inCI)('the interview in a real terminal: layout', () => {
  it('has tmux to run in', () => {
    expect(hasTmux, 'tmux is not installed, and CI is set: install tmux (see .ci/run)').toBe(true);
  });

  for (const width of [60, 80, 120]) {
    it(`at ${width} columns: help, note, Jump to…, back and the end of each stage`, async () => {
      const dir = freshDir();
      const terminal = assess(dir, ['small.yaml', '--rubric', 'small-rubric.yaml'], { width });
      const intro = await terminal.waitFor('First, who is answering?');
      expectFits(intro.split('\n'), width);
      await metadata(terminal, [
        'Acme Corp',
        'Marketing and communications for the northern region',
        undefined,
        undefined,
      ]);
      // Question 1: 0, 1, 2 · Add a note, Show help, ← Back, Jump to…
      await answer(terminal, 1, 4, ...DOWN(4), 'Enter');
      await terminal.waitFor('Help: A plan counts when it is written down');
      terminal.send(...DOWN(3), 'Enter');
      await terminal.waitFor('? Note for question 1');
      terminal.send(
        { text: 'signed off in May by the board, with a budget line for the whole year' },
        'Enter',
      );
      const withNote = await terminal.waitFor('Note: signed off in May');
      expectFits(withNote.split('\n'), width);
      terminal.send('1', 'Enter');
      // Question 2: 0, 1, 2 · Add a note, ← Back, Jump to…
      await answer(terminal, 2, 4, ...DOWN(5), 'Enter');
      const menu = await terminal.waitFor('Jump to which stage?');
      expect(menu).toContain('❯ 1  Start   1 of 2 answered  (this stage)');
      expect(menu).toContain('  2  Finish  0 of 2 answered');
      expectFits(menu.split('\n'), width);
      terminal.send('2', 'Enter');
      await answer(terminal, 3, 4, 'n', 'Enter');
      await answer(terminal, 4, 4, '2', 'Enter');
      // Past the last question, back to the one left: question 2; ← Back to question 1 first.
      await terminal.waitFor('1 question is still unanswered: back to question 2.');
      await answer(terminal, 2, 4, ...DOWN(4), 'Enter');
      await terminal.waitFor('❯ 1  Partly  (saved answer)');
      terminal.send('Enter');
      await answer(terminal, 2, 4, '2', 'Enter');
      expect(await exitCode(terminal)).toBe(0);

      const history = terminal.screen({ history: true });
      const lines = interviewLines(history);
      expectFits(lines, width);
      expectNoClutter(lines);
      // Answers, stage lines and the walk coming round, in order; nothing for help, notes or jumps.
      const records = lines
        .filter((line) => !line.startsWith('  '))
        .map((line) => line.slice(0, 9));
      expect(records).toEqual([
        '✔ Organiz',
        '✔ Unit (t',
        '✔ Respond',
        '✔ Role:',
        '✔ Target ',
        '✔ 1/4 Is ',
        '✔ 3/4 Is ',
        '✔ 4/4 Are',
        'Finish: 1',
        '1 questio',
        '✔ 1/4 Is ',
        '✔ 2/4 Is ',
        'Start: 75',
      ]);
      expect(lines).toContain('Finish: 100% of 50% — attained');
      expect(lines).toContain('Start: 75% of 50% — attained');
      expect(lines.filter((line) => line.startsWith('✔ 1/4 '))).toEqual([
        '✔ 1/4 Is there a written plan? → Partly (with a note)',
        '✔ 1/4 Is there a written plan? → Partly (with a note)',
      ]);
      if (width >= 80) expectFits(history.split('\n'), width);
    });
  }

  it('lays out the next question at the new width after a resize', async () => {
    const dir = freshDir();
    const terminal = assess(dir, ['resized.yaml'], { width: 60 });
    await metadata(terminal, ['Acme Corp', undefined, undefined, undefined]);
    const narrow = await terminal.waitFor(/question 1 of 53\n/);
    expect(narrow).toContain('? Stage 1 of 6 · Planning · question 1 of 53\n');
    terminal.send('1', 'Enter');
    await terminal.waitFor(/question 2 of 53\n/);
    await resize(terminal, 100);
    terminal.send('2', 'Enter');
    // Wider: the stage's tagline fits again, and the question text runs to 100 columns.
    const wide = await terminal.waitFor(/question 3 of 53\n/);
    expect(wide).toContain('? Stage 1 of 6 · Planning — listen to learn · question 3 of 53\n');
    const question3 = wide.slice(wide.indexOf('? Stage 1 of 6')).split('\n');
    expect(Math.max(...question3.map(textWidth))).toBeGreaterThan(80);
    expectFits(question3, 100);
    await resize(terminal, 60);
    terminal.send('3', 'Enter');
    const again = await terminal.waitFor(/question 4 of 53\n/);
    const question4 = again
      .slice(again.indexOf('? Stage 1 of 6 · Planning · question 4'))
      .split('\n');
    expect(question4.length).toBeGreaterThan(10);
    expectFits(question4, 60);
    // The answered line of question 3 was printed after the resize: it fits the new width.
    const line3 = again.split('\n').find((line) => line.startsWith('✔ 3/53 '))!;
    expect(textWidth(line3)).toBeLessThanOrEqual(60);
    terminal.send('C-c');
    expect(await exitCode(terminal)).toBe(130);
  });

  it('a full interview of the built-in rubric at 80 columns: nothing wider, no clutter, resume on the first unanswered question', async () => {
    const dir = freshDir();
    const file = join(dir, 'full.yaml');
    const builtin = await loadBuiltinRubric('social-business');
    const steps = questionSteps(builtin);
    const value = (i: number) => String((i * 3) % 5);
    // Presses of the down arrow from the first level to an action of question i.
    const downTo = (i: number, action: 'note' | 'help' | 'back' | 'jump') => {
      const { question } = steps[i]!;
      const note = question.scale.length + (question.notApplicable ? 1 : 0);
      const help = question.help ? 1 : 0;
      const at = { note, help: note + 1, back: note + help + 1, jump: note + help + 2 }[action];
      return DOWN(at);
    };

    const first = assess(dir, ['full.yaml'], { width: 80 });
    await metadata(first, ['Acme Corp', 'Marketing', 'Ann', 'Head of social']);
    for (let i = 0; i < 20; i += 1) {
      const n = i + 1;
      if (n === 2) {
        // Help on and off, a note: none of it stays on screen.
        await answer(first, n, 53, ...downTo(i, 'help'), 'Enter');
        await first.waitFor('Help: ');
        first.send(...downTo(i, 'help'), 'Enter');
        await first.waitFor(/Show help/);
        first.send(...downTo(i, 'note'), 'Enter');
        await first.waitFor('? Note for question 2');
        first.send({ text: 'two pilots in Q3, both reviewed by the steering group' }, 'Enter');
        await first.waitFor('Note: two pilots in Q3');
        first.send(value(i), 'Enter');
        continue;
      }
      if (n === 5) {
        // Back to question 4, keep its answer, on to 5 again.
        await answer(first, n, 53, ...downTo(i, 'back'), 'Enter');
        await first.waitFor(/question 4 of 53\n[\s\S]*\(saved answer\)/);
        first.send('Enter');
        await answer(first, n, 53, value(i), 'Enter');
        continue;
      }
      await answer(first, n, 53, value(i), 'Enter');
    }
    await answer(first, 21, 53, 'C-c');
    expect(await exitCode(first)).toBe(130);
    const firstHistory = first.screen({ history: true });
    expectFits(firstHistory.split('\n'), 80);
    expectNoClutter(interviewLines(firstHistory));

    // Continuing: no metadata, straight to question 21.
    const second = assess(dir, ['full.yaml'], { width: 80 });
    const resumed = await second.waitFor(/question 21 of 53\n/);
    expect(resumed).toContain('Continuing full.yaml (20 of 53 answered) at question 21.');
    expect(resumed).not.toContain('Organization:');
    const screenLines = resumed.split('\n');
    const prompt = screenLines.findIndex((line) => line.startsWith('? Stage'));
    expect(screenLines[prompt - 1]).toBe('');
    expect(screenLines[prompt - 2]).toBe(
      'Stop any time with Ctrl-C; continue later with: maturity assess full.yaml',
    );
    for (let i = 20; i < steps.length; i += 1) {
      if (i === 40) {
        // Jump to… stage 1 (all answered: lands on question 1), then back to where the walk was.
        await answer(second, i + 1, 53, ...downTo(i, 'jump'), 'Enter');
        await second.waitFor('Jump to which stage?');
        second.send('1', 'Enter');
        await answer(second, 1, 53, 'Enter');
      }
      await answer(second, i + 1, 53, value(i), 'Enter');
    }
    expect(await exitCode(second)).toBe(0);

    const history = second.screen({ history: true });
    expectFits(history.split('\n'), 80);
    const lines = history.split('\n');
    const from = lines.findIndex(
      (line) => line.startsWith('? Stage') || line.startsWith('✔ 21/53'),
    );
    const to = lines.findIndex((line, i) => i > from && line === '');
    const interviewPart = lines.slice(from, to);
    expectNoClutter(interviewPart);
    expect(interviewPart.filter((line) => line.startsWith('✔ '))).toHaveLength(53 - 20 + 1);

    // The stage lines are the engine's scores for the answers saved.
    const saved = (await loadAnswersFile(file)).answers!;
    expect(saved.answers.size).toBe(53);
    expect(saved.answers.get(steps[1]!.question.id)).toEqual({
      value: Number(value(1)),
      note: 'two pilots in Q3, both reviewed by the steering group',
    });
    const sheet = scoreSheet(builtin, saved.answers);
    const expected = sheet.stages.map(
      (stage) =>
        `${stage.name}: ${percent(stage.score!)} of ${percent(stage.threshold)} — ${stage.attained ? 'attained' : 'not yet attained'}`,
    );
    const stageLines = [
      ...interviewLines(firstHistory).filter((line) => STAGE_LINE.test(line)),
      ...interviewPart.filter((line) => STAGE_LINE.test(line)),
    ];
    // Planning once in order, and once more after the jump to question 1 (in Strategic, question 41).
    expect(stageLines).toEqual([...expected.slice(0, 4), expected[0], ...expected.slice(4)]);
    expect(history).toContain('Saved full.yaml (53 of 53 questions answered).');
  });
});
