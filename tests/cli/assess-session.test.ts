// `maturity assess` in a simulated terminal: what the introduction says at any width, resuming
// without the metadata, --stage, and hints that name the command the way it was started.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAnswersFile } from '../../src/answers/load.js';
import { textWidth } from '../../src/format/wrap.js';
import { fixtureCopies } from '../helpers/run-cli.js';
import { runMain } from '../helpers/run-main.js';
import { CTRL_C, ENTER, runInTerminal, SKIP_METADATA } from '../helpers/run-in-terminal.js';

const fixturesCopy = fixtureCopies('assess-session', 'assess');
const NPX = { NO_COLOR: '1', npm_command: 'exec', npm_lifecycle_event: 'npx' };

/** The text as a terminal shows it: escape codes out, lines as written. */
function visibleLines(text: string): string[] {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').split('\n');
}

describe('the introduction', () => {
  for (const columns of [60, 80, 100, 120]) {
    it(`at ${columns} columns: questions, time, saving, the report, how to stop; every line fits`, async () => {
      const dir = fixturesCopy();
      const result = await runInTerminal(['assess', 'new.yaml'], dir, [['Organization:', CTRL_C]], {
        columns,
      });
      expect(result.code).toBe(130);
      const intro = result.stdout.slice(0, result.stdout.indexOf('First, who is answering?'));
      for (const line of [...visibleLines(intro), ...visibleLines(result.stderr)]) {
        expect(textWidth(line), line).toBeLessThanOrEqual(Math.min(columns, 100));
        expect(line).not.toMatch(/^ \S/);
      }
      const flat = intro.replace(/\s+/g, ' ');
      expect(flat).toContain('6 stages, 53 questions.');
      expect(flat).toContain('Saving to new.yaml after every answer.');
      expect(flat).toContain(
        '53 questions, about 18 minutes (about 20 s each); the report comes at the end.',
      );
      expect(flat).toContain(
        'Stop any time with Ctrl-C; continue later with: maturity assess new.yaml',
      );
    });
  }

  it('puts a command that does not fit on its own line instead of breaking it', async () => {
    const dir = fixturesCopy();
    const file = 'a-rather-long-name-for-the-answers-file-of-the-marketing-team.yaml';
    const result = await runInTerminal(['assess', file], dir, [['Organization:', CTRL_C]], {
      columns: 60,
    });
    expect(result.stdout).toContain(
      `Stop any time with Ctrl-C; continue later with:\n  maturity assess ${file}\n`,
    );
    expect(result.stderr).toBe(
      `\nStopped before anything was saved.\nStart again with:\n  maturity assess ${file}\n`,
    );
  });

  it('counts what is left when continuing, and says who is answering', async () => {
    const dir = fixturesCopy();
    const result = await runInTerminal(['assess', 'unfinished.yaml'], dir, [
      ['question 3 of 4', CTRL_C],
    ]);
    expect(result.stdout).toContain(
      'Continuing unfinished.yaml (2 of 4 answered) at question 3. Saving after every answer.\n' +
        '2 questions to go, under a minute (about 20 s each); the report comes at the end.\n' +
        'Answering for Acme Corp · Marketing (from the file; --resume asks again).\n',
    );
  });
  it('says who is answering comes from the command line when flags pre-fill it', async () => {
    const dir = fixturesCopy();
    const fresh = await runInTerminal(
      ['assess', 'new.yaml', '--rubric', 'small-rubric.yaml', '--organization', 'Initech'],
      dir,
      [['question 1 of 4', CTRL_C]],
    );
    expect(fresh.stdout).toContain('Answering for Initech (from the command line).\n');
    const continued = await runInTerminal(
      ['assess', 'unfinished.yaml', '--respondent', 'Ann'],
      dir,
      [['question 3 of 4', CTRL_C]],
    );
    expect(continued.stdout).toContain(
      'Answering for Acme Corp · Marketing · Ann (from the file and the command line; --resume asks again).\n',
    );
  });
});

describe('continuing a file', () => {
  it('goes straight to the first unanswered question when the file says who is answering', async () => {
    const dir = fixturesCopy();
    const result = await runInTerminal(['assess', 'unfinished.yaml'], dir, [
      ['question 3 of 4', `n${ENTER}`],
      ['question 4 of 4', CTRL_C],
    ]);
    expect(result.code).toBe(130);
    expect(result.stdout).not.toContain('Organization:');
    expect(result.stdout).not.toContain('who is answering?');
    expect(result.stdout).toMatch(/\n\? Stage 2 of 2 · Finish — keep it going · question 3 of 4\n/);
  });

  it('asks the metadata again with --resume, pre-filled', async () => {
    const dir = fixturesCopy();
    const result = await runInTerminal(['assess', 'unfinished.yaml', '--resume'], dir, [
      ['Organization:', ENTER],
      ['Unit', ENTER],
      ['Respondent', `Ann${ENTER}`],
      ['Role:', ENTER],
      ['Target stage', ENTER],
      ['question 3 of 4', CTRL_C],
    ]);
    expect(result.code).toBe(130);
    expect(result.stdout).toContain('✔ Organization: Acme Corp\n');
    const saved = await loadAnswersFile(join(dir, 'unfinished.yaml'));
    expect(saved.answers).toMatchObject({
      organization: 'Acme Corp',
      unit: 'Marketing',
      respondent: 'Ann',
    });
  });

  it('asks the metadata when the file has none', async () => {
    const dir = fixturesCopy();
    const anonymous = readFileSync(join(dir, 'unfinished.yaml'), 'utf8')
      .replace(/^organization:.*\n/m, '')
      .replace(/^unit:.*\n/m, '');
    writeFileSync(join(dir, 'anonymous.yaml'), anonymous);
    const result = await runInTerminal(['assess', 'anonymous.yaml'], dir, [
      ['Organization:', `Initech${ENTER}`],
      ['Unit', ENTER],
      ['Respondent', ENTER],
      ['Role:', ENTER],
      ['Target stage', ENTER],
      ['question 3 of 4', CTRL_C],
    ]);
    expect(result.code).toBe(130);
    const saved = await loadAnswersFile(join(dir, 'anonymous.yaml'));
    expect(saved.answers?.organization).toBe('Initech');
  });
});

describe('--stage', () => {
  for (const stage of ['2', 'finish', 'Finish', 'FINISH']) {
    it(`--stage ${stage} starts a new file at that stage, then comes back to the first`, async () => {
      const dir = fixturesCopy();
      const result = await runInTerminal(
        ['assess', 'new.yaml', '--rubric', 'small-rubric.yaml', '--stage', stage],
        dir,
        [
          ...SKIP_METADATA,
          ['question 3 of 4', `2${ENTER}`],
          ['question 4 of 4', `1${ENTER}`],
          ['question 1 of 4', CTRL_C],
        ],
      );
      expect(result.code).toBe(130);
      expect(result.stdout).toContain('Starting at stage 2 of 2 (Finish), question 3.');
      expect(result.stdout).toContain(
        'Finish: 50% of 50% — attained\n2 questions are still unanswered: back to question 1.\n',
      );
      const saved = await loadAnswersFile(join(dir, 'new.yaml'));
      expect(Object.fromEntries(saved.answers!.answers)).toEqual({
        reviewed: { value: 2 },
        shared: { value: 1 },
      });
    });
  }

  it('continues a file at the first unanswered question of that stage', async () => {
    const dir = fixturesCopy();
    const result = await runInTerminal(['assess', 'unfinished.yaml', '--stage', 'finish'], dir, [
      ['question 3 of 4', CTRL_C],
    ]);
    expect(result.stdout).toContain(
      'Continuing unfinished.yaml (2 of 4 answered) at stage 2 of 2 (Finish), question 3.',
    );
  });

  it('with --resume reviews only that stage, then prints the report', async () => {
    const dir = fixturesCopy();
    const result = await runInTerminal(
      ['assess', 'finished.yaml', '--resume', '--stage', '1'],
      dir,
      [...SKIP_METADATA, ['question 1 of 4', ENTER], ['question 2 of 4', `0${ENTER}`]],
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'Reviewing stage 1 of 2 (Start) in finished.yaml; ⏎ keeps an answer. Saving after every answer.\n' +
        '2 questions to review, under a minute (about 20 s each); the report comes at the end.',
    );
    expect(result.stdout).not.toContain('question 3 of 4');
    expect(result.stdout).toContain('Start: 25% of 50% — not yet attained\n');
    expect(result.stdout).toContain('Saved finished.yaml (4 of 4 questions answered).');
    const saved = await loadAnswersFile(join(dir, 'finished.yaml'));
    expect(Object.fromEntries(saved.answers!.answers)).toEqual({
      'has-plan': { value: 1 },
      'has-budget': { value: 0, note: 'approved in March' },
      reviewed: { value: 'n/a' },
      shared: { value: 0 },
    });
  });

  it('refuses a stage the rubric does not have, before any prompt, with exit 2', async () => {
    const dir = fixturesCopy();
    const result = await runInTerminal(['assess', 'unfinished.yaml', '--stage', 'middle'], dir);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'maturity: --stage "middle" is not a stage of rubric small (1 start, 2 finish)\n',
    );
    const zero = await runInTerminal(['assess', 'unfinished.yaml', '--stage', '0'], dir);
    expect(zero.stderr).toBe(
      'maturity: --stage 0 is not a stage of rubric small: its stages are numbered 1 to 2\n',
    );
  });
});

describe('hints name the command the way it was started', () => {
  it('says npx maturity when run through npx', async () => {
    const dir = fixturesCopy();
    const result = await runInTerminal(
      ['assess', 'new.yaml', '--rubric', 'small-rubric.yaml'],
      dir,
      [...SKIP_METADATA, ['question 1 of 4', `1${ENTER}`], ['question 2 of 4', CTRL_C]],
      { env: NPX },
    );
    expect(result.stdout).toContain(
      'Stop any time with Ctrl-C; continue later with: npx maturity assess new.yaml\n',
    );
    expect(result.stderr).toBe(
      '\nStopped. 1 of 4 answers are saved in new.yaml.\nContinue with: npx maturity assess new.yaml\n',
    );
  });

  it('in the report line at the end, and where a file is refused or no terminal is found', async () => {
    const dir = fixturesCopy();
    const done = await runInTerminal(
      ['assess', 'unfinished.yaml'],
      dir,
      [
        ['question 3 of 4', `n${ENTER}`],
        ['question 4 of 4', `2${ENTER}`],
      ],
      { env: NPX },
    );
    expect(done.stdout).toContain('Score it again with: npx maturity score unfinished.yaml\n');
    const refused = await runInTerminal(['assess', 'bad-yaml-syntax.yaml'], dir, [], { env: NPX });
    expect(refused.stderr).toContain(
      'Fix it, or start over with: npx maturity assess bad-yaml-syntax.yaml --force',
    );
    const piped = await runMain(['assess'], { cwd: dir, env: NPX });
    expect(piped.code).toBe(2);
    expect(piped.stderr).toContain('`npx maturity template --output answers.yaml`');
    expect(piped.stderr).toContain('`npx maturity score answers.yaml`');
  });
});
