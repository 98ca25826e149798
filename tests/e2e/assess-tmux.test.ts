import { spawnSync } from 'node:child_process';
// `maturity assess` in a real terminal: tmux runs the built bin, the test types keys and reads the
// screen. Vitest builds dist/ first when it is stale (tests/global-setup.ts).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAnswersFile } from '../../src/answers/load.js';
import { checkAnswersAgainstRubric } from '../../src/answers/check.js';
import { questionSteps } from '../../src/assess/interview.js';
import { localDate } from '../../src/format/dates.js';
import { loadBuiltinRubric } from '../../src/rubric/builtin.js';
import { loadRubricFile } from '../../src/rubric/load.js';
import { answer, DOWN, exitCode, inCI, interviewTerminals, metadata } from './interview.js';
import { hasTmux } from './tmux.js';

const { freshDir, assess } = interviewTerminals('assess');

async function savedAnswers(path: string) {
  const source = await loadAnswersFile(path);
  expect(source.problems).toEqual([]);
  return source.answers!;
}

// Skipped where tmux is missing, except in CI: there a missing tmux fails the run instead of
// quietly dropping the terminal tests (.ci/run installs tmux).
describe.skipIf(!hasTmux && !inCI)('maturity assess in a real terminal (tmux)', () => {
  it('has tmux to run in', () => {
    expect(hasTmux, 'tmux is not installed, and CI is set: install tmux (see .ci/run)').toBe(true);
  });

  it('saves every answer, stops on Ctrl-C with exit 130, and resumes where it stopped', async () => {
    const dir = freshDir();
    const file = join(dir, 'team.yaml');
    const builtin = await loadBuiltinRubric('social-business');
    // The bin dates the answers by its own clock: today, or tomorrow if the run passes midnight.
    const started = localDate(new Date());

    const first = assess(dir, ['team.yaml']);
    await first.waitFor('Saving to team.yaml after every answer.');
    await metadata(first, ['Acme Corp', undefined, 'Ann', undefined]);
    // Built-in scale: levels keyed 0 (Not started) … 4 (Leading), as in the file; then Add a note.
    await answer(first, 1, 53, '2', 'Enter');
    await answer(first, 2, 53, ...DOWN(5), 'Enter');
    await first.waitFor('? Note for question 2');
    first.send({ text: 'two pilots in Q3' }, 'Enter');
    await first.waitFor('Note: two pilots in Q3');
    first.send('4', 'Enter');
    await answer(first, 3, 53, '0', 'Enter');
    await answer(first, 4, 53, 'C-c');
    expect(await exitCode(first)).toBe(130);
    const stopped = first.screen({ history: true });
    expect(stopped).toContain('Stopped. 3 of 53 answers are saved in team.yaml.');
    expect(stopped).toContain('Continue with: maturity assess team.yaml');

    const saved = await savedAnswers(file);
    expect(saved).toMatchObject({
      rubric: 'social-business',
      rubricVersion: '1.0.0',
      organization: 'Acme Corp',
      respondent: 'Ann',
    });
    expect([started, localDate(new Date())]).toContain(saved.assessedAt);
    expect(saved.unit).toBeUndefined();
    expect(Object.fromEntries(saved.answers)).toEqual({
      'social-listening': { value: 2 },
      'audience-behavior-insight': { value: 4, note: 'two pilots in Q3' },
      'listening-to-action': { value: 0 },
    });
    expect(checkAnswersAgainstRubric(saved, builtin)).toEqual([]);

    const second = assess(dir, ['team.yaml']);
    await second.waitFor('Continuing team.yaml (3 of 53 answered) at question 4.');
    // The file says who is answering: straight to the first unanswered question.
    await answer(second, 4, 53, '3', 'Enter');
    await answer(second, 5, 53, 'C-c');
    expect(await exitCode(second)).toBe(130);
    expect(second.screen({ history: true })).toContain(
      'Stopped. 4 of 53 answers are saved in team.yaml.',
    );
    const resumed = await savedAnswers(file);
    expect(resumed.organization).toBe('Acme Corp');
    expect(resumed.respondent).toBe('Ann');
    expect(Object.fromEntries(resumed.answers)).toEqual({
      'social-listening': { value: 2 },
      'audience-behavior-insight': { value: 4, note: 'two pilots in Q3' },
      'listening-to-action': { value: 0 },
      [questionSteps(builtin)[3]!.question.id]: { value: 3 },
    });
  });

  it('walks a small rubric to the end: help, note, n/a, back, Ctrl-C, resume, report', async () => {
    const dir = freshDir();
    const file = join(dir, 'small.yaml');
    const rubric = loadRubricFile(join(dir, 'small-rubric.yaml'));

    const first = assess(dir, ['small.yaml', '--rubric', 'small-rubric.yaml']);
    await metadata(first, ['Acme Corp', 'Marketing', undefined, undefined]);
    // Question 1: 0 Not started, 1 Partly, 2 Fully · Add a note, Show help, ← Back
    await answer(first, 1, 4, ...DOWN(4), 'Enter');
    await first.waitFor('Help: A plan counts when it is written down and has an owner.');
    first.send(...DOWN(3), 'Enter');
    await first.waitFor('? Note for question 1');
    first.send({ text: 'signed off in May' }, 'Enter');
    await first.waitFor('Note: signed off in May');
    first.send('1', 'Enter');
    await answer(first, 2, 4, '2', 'Enter');
    // Question 3 offers n/a (key n); go back to question 2 first (the last choice) and change it.
    const third = await first.waitFor(/question 3 of 4\n/);
    expect(third).toContain('  n  n/a — does not apply here');
    first.send(...DOWN(6), 'Enter');
    const again = await first.waitFor(/question 2 of 4\n/);
    expect(again).toContain('❯ 2  Fully  (saved answer)');
    first.send('0', 'Enter');
    await answer(first, 3, 4, 'C-c');
    expect(await exitCode(first)).toBe(130);
    const stopped = await savedAnswers(file);
    expect(stopped.rubric).toBe('small-rubric.yaml');
    expect(Object.fromEntries(stopped.answers)).toEqual({
      'has-plan': { value: 1, note: 'signed off in May' },
      'has-budget': { value: 0 },
    });

    const second = assess(dir, ['small.yaml']);
    await second.waitFor('Continuing small.yaml (2 of 4 answered) at question 3.');
    await answer(second, 3, 4, 'n', 'Enter');
    await answer(second, 4, 4, '2', 'Enter');
    expect(await exitCode(second)).toBe(0);
    const end = second.screen({ history: true });
    expect(end).toMatch(/^Stage \d of 2 — .+ · index \d\.\d\d$/m);
    expect(end).toContain('Completeness 100% (4 of 4 questions answered)');
    expect(end).toContain('Saved small.yaml (4 of 4 questions answered).');
    const done = await savedAnswers(file);
    expect(done).toMatchObject({
      organization: 'Acme Corp',
      unit: 'Marketing',
      rubricVersion: '1.2.0',
    });
    expect(Object.fromEntries(done.answers)).toEqual({
      'has-plan': { value: 1, note: 'signed off in May' },
      'has-budget': { value: 0 },
      reviewed: { value: 'n/a' },
      shared: { value: 2 },
    });
    expect(checkAnswersAgainstRubric(done, rubric)).toEqual([]);

    // A finished file is not walked again without --resume or --force.
    const third2 = assess(dir, ['small.yaml']);
    expect(await exitCode(third2)).toBe(2);
    expect(third2.screen({ history: true })).toContain('use --resume to go through it again');
  });

  it('on SIGTERM says what is saved and how to continue, and exits 143', async () => {
    const dir = freshDir();
    const terminal = assess(dir, ['term.yaml']);
    await metadata(terminal, ['Acme Corp', undefined, undefined, undefined]);
    await answer(terminal, 1, 53, '1', 'Enter');
    await terminal.waitFor(/question 2 of 53\n/);
    // The pane runs a shell; the CLI is its child.
    const shell = terminal.panePid();
    const child = spawnSync('ps', ['--ppid', String(shell), '-o', 'pid='], { encoding: 'utf8' });
    process.kill(Number(child.stdout.trim().split('\n')[0]), 'SIGTERM');
    expect(await exitCode(terminal)).toBe(143);
    const screen = terminal.screen({ history: true });
    expect(screen).toContain('Stopped. 1 of 53 answers are saved in term.yaml.');
    expect(screen).toContain('Continue with: maturity assess term.yaml');
    const saved = await savedAnswers(join(dir, 'term.yaml'));
    expect(Object.fromEntries(saved.answers)).toEqual({ 'social-listening': { value: 1 } });
  });

  it('leaves a valid file holding every confirmed answer when killed with SIGKILL', async () => {
    const dir = freshDir();
    const file = join(dir, 'killed.yaml');
    const terminal = assess(dir, ['killed.yaml'], { exec: true });
    await metadata(terminal, ['Acme Corp', undefined, undefined, undefined]);
    await answer(terminal, 1, 53, '1', 'Enter');
    await answer(terminal, 2, 53, '2', 'Enter');
    // Question 3 is on screen, so answers 1 and 2 are saved. Answer it and kill at once, racing
    // the save: the file must hold the old content or the new, never a torn or empty one.
    await terminal.waitFor(/question 3 of 53\n/);
    const pid = terminal.panePid();
    terminal.send('3', 'Enter');
    process.kill(pid, 'SIGKILL');

    const saved = await savedAnswers(file);
    expect(saved.organization).toBe('Acme Corp');
    const answers = [...saved.answers.entries()];
    expect(answers.slice(0, 2)).toEqual([
      ['social-listening', { value: 1 }],
      ['audience-behavior-insight', { value: 2 }],
    ]);
    expect(answers.length).toBeLessThanOrEqual(3);
    if (answers.length === 3) expect(answers[2]).toEqual(['listening-to-action', { value: 3 }]);
    expect(checkAnswersAgainstRubric(saved, await loadBuiltinRubric('social-business'))).toEqual(
      [],
    );
  });
});
