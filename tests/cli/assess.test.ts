import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAnswersFile } from '../../src/answers/load.js';
import { fixture, fixtureCopies, STACK_LINE } from '../helpers/run-cli.js';
import { ENTER, runInTerminal, SKIP_METADATA } from '../helpers/run-in-terminal.js';
import { runMain } from '../helpers/run-main.js';

const fixturesCopy = fixtureCopies('cli-assess', 'assess');

describe('maturity assess without a terminal', () => {
  it('exits 2 at once, pointing at maturity score and maturity template', async () => {
    const dir = fixturesCopy();
    const result = await runMain(['assess', 'new.yaml'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('stdin is not one');
    expect(result.stderr).toContain('maturity template --output answers.yaml');
    expect(result.stderr).toContain('maturity score answers.yaml');
    expect(result.stderr).not.toMatch(STACK_LINE);
    expect(existsSync(join(dir, 'new.yaml'))).toBe(false);
  });

  it('checks for a terminal before reading the answers file', async () => {
    const dir = fixturesCopy();
    const result = await runMain(['assess', 'bad-yaml-syntax.yaml'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('stdin is not one');
    expect(result.stderr).not.toContain('bad-yaml-syntax.yaml');
  });
});

describe('maturity assess with files it refuses (before any prompt)', () => {
  it('reports a YAML syntax error with file:line:col and exits 2', async () => {
    const dir = fixturesCopy();
    const before = readFileSync(join(dir, 'bad-yaml-syntax.yaml'), 'utf8');
    const result = await runInTerminal(['assess', 'bad-yaml-syntax.yaml'], dir);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^bad-yaml-syntax\.yaml:\d+:\d+: invalid YAML/);
    expect(readFileSync(join(dir, 'bad-yaml-syntax.yaml'), 'utf8')).toBe(before);
  });

  it('reports an answer off the scale with file:line:col and exits 2', async () => {
    const dir = fixturesCopy();
    const result = await runInTerminal(['assess', 'bad-value-off-scale.yaml'], dir);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'bad-value-off-scale.yaml:4:15: 7 is not on the scale of question "has-budget" (0, 1, 2) (at answers.has-budget)\n',
    );
  });

  it('points at the rubric field when the rubric the file names does not exist', async () => {
    const dir = fixturesCopy();
    const result = await runInTerminal(['assess', 'bad-unknown-rubric.yaml'], dir);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /^bad-unknown-rubric\.yaml:1:9: unknown rubric "no-such-rubric": not a built-in rubric/,
    );
  });

  it('reports every problem of an invalid --rubric with file:line:col and exits 2', async () => {
    const dir = fixturesCopy();
    const rubric = fixture('bad', 'rubric-several-problems.yaml');
    const result = await runInTerminal(['assess', 'new.yaml', '--rubric', rubric], dir);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(line).toMatch(/rubric-several-problems\.yaml:\d+:\d+: /);
    expect(existsSync(join(dir, 'new.yaml'))).toBe(false);
  });

  it('refuses a finished file without --resume or --force, and leaves it alone', async () => {
    const dir = fixturesCopy();
    const before = readFileSync(join(dir, 'finished.yaml'), 'utf8');
    const result = await runInTerminal(['assess', 'finished.yaml'], dir);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'finished.yaml: every question is answered already; use --resume to go through it again, or --force to start over\n',
    );
    expect(readFileSync(join(dir, 'finished.yaml'), 'utf8')).toBe(before);
  });

  it('refuses --resume with --force', async () => {
    const dir = fixturesCopy();
    const result = await runInTerminal(['assess', 'finished.yaml', '--resume', '--force'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('maturity: --resume and --force cannot be used together\n');
  });
});

describe('maturity assess in a (simulated) terminal', () => {
  it('continues an unfinished file, saves it and prints the report', async () => {
    const dir = fixturesCopy();
    // The file says who is answering, so the metadata are not asked again.
    const result = await runInTerminal(['assess', 'unfinished.yaml'], dir, [
      ['question 3 of 4', `n${ENTER}`],
      ['question 4 of 4', `2${ENTER}`],
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Continuing unfinished.yaml (2 of 4 answered) at question 3.');
    expect(result.stdout).toContain('Stage 2 of 2 — Finish');
    expect(result.stdout).toContain('Saved unfinished.yaml (4 of 4 questions answered).');
    const saved = await loadAnswersFile(join(dir, 'unfinished.yaml'));
    expect(saved.problems).toEqual([]);
    expect(saved.answers).toMatchObject({
      rubric: 'small-rubric.yaml',
      rubricVersion: '1.2.0',
      organization: 'Acme Corp',
      unit: 'Marketing',
      assessedAt: expect.stringMatching(/^\d{4}-\d\d-\d\d$/),
    });
    expect(Object.fromEntries(saved.answers!.answers)).toEqual({
      'has-plan': { value: 1 },
      'has-budget': { value: 2 },
      reviewed: { value: 'n/a' },
      shared: { value: 2 },
    });
  });

  it('keeps a JSON answers file JSON when it saves', async () => {
    const dir = fixturesCopy();
    writeFileSync(
      join(dir, 'team.json'),
      JSON.stringify({
        rubric: 'small-rubric.yaml',
        answers: { 'has-plan': { value: 1, note: 'signed off' }, 'has-budget': 2 },
      }),
    );
    const result = await runInTerminal(['assess', 'team.json'], dir, [
      ['Organization:', `Acme${ENTER}`],
      ['Unit', ENTER],
      ['Respondent', ENTER],
      ['Role:', ENTER],
      ['Target stage', ENTER],
      ['question 3 of 4', `n${ENTER}`],
      ['question 4 of 4', `2${ENTER}`],
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const saved = JSON.parse(readFileSync(join(dir, 'team.json'), 'utf8')) as unknown;
    expect(saved).toMatchObject({
      rubric: 'small-rubric.yaml',
      organization: 'Acme',
      unit: null,
      answers: {
        'has-plan': { value: 1, note: 'signed off' },
        'has-budget': 2,
        reviewed: 'n/a',
        shared: 2,
      },
    });
  });

  it('exits 130 on Ctrl-C with the count of saved answers and the command to continue', async () => {
    const dir = fixturesCopy();
    const rubric = join(dir, 'small-rubric.yaml');
    const result = await runInTerminal(['assess', 'my team.yaml', '--rubric', rubric], dir, [
      ['Organization:', `Acme${ENTER}`],
      ['Unit', ENTER],
      ['Respondent', ENTER],
      ['Role:', ENTER],
      ['Target stage', ENTER],
      ['question 1 of 4', `1${ENTER}`],
      ['question 2 of 4', '\x03'],
    ]);
    expect(result.code).toBe(130);
    expect(result.stderr).toBe(
      "\nStopped. 1 of 4 answers are saved in my team.yaml.\nContinue with: maturity assess 'my team.yaml'\n",
    );
    const saved = await loadAnswersFile(join(dir, 'my team.yaml'));
    expect(saved.answers?.rubric).toBe('small-rubric.yaml');
    expect(Object.fromEntries(saved.answers!.answers)).toEqual({ 'has-plan': { value: 1 } });
  });

  it('says the file is unchanged when Ctrl-C comes before the first save', async () => {
    const dir = fixturesCopy();
    const before = readFileSync(join(dir, 'finished.yaml'), 'utf8');
    // The metadata is not an answer: entering it does not replace the old file yet.
    const result = await runInTerminal(['assess', 'finished.yaml', '--force'], dir, [
      ['Organization:', `New Org${ENTER}`],
      ['Unit', ENTER],
      ['Respondent', ENTER],
      ['Role:', ENTER],
      ['Target stage', ENTER],
      ['question 1 of 4', '\x03'],
    ]);
    expect(result.code).toBe(130);
    expect(result.stdout).toContain('Starting over: saving fresh answers to finished.yaml');
    expect(result.stderr).toBe(
      '\nStopped; finished.yaml is unchanged (4 of 4 answered).\n' +
        'Start over with: maturity assess finished.yaml --force\n',
    );
    expect(readFileSync(join(dir, 'finished.yaml'), 'utf8')).toBe(before);
  });

  it('starts over on a file that is not valid only with --force, and replaces it', async () => {
    const dir = fixturesCopy();
    const before = readFileSync(join(dir, 'bad-yaml-syntax.yaml'), 'utf8');
    const refused = await runInTerminal(['assess', 'bad-yaml-syntax.yaml'], dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /^bad-yaml-syntax\.yaml:4:3: invalid YAML.*\nFix it, or start over with: maturity assess bad-yaml-syntax\.yaml --force --rubric small-rubric\.yaml\n$/,
    );

    const stopped = await runInTerminal(
      ['assess', 'bad-yaml-syntax.yaml', '--force', '--rubric', 'small-rubric.yaml'],
      dir,
      [['Organization:', '\x03']],
    );
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toBe(
      '\nStopped; bad-yaml-syntax.yaml is unchanged.\n' +
        'Start over with: maturity assess bad-yaml-syntax.yaml --force --rubric small-rubric.yaml\n',
    );
    expect(readFileSync(join(dir, 'bad-yaml-syntax.yaml'), 'utf8')).toBe(before);

    const result = await runInTerminal(
      ['assess', 'bad-yaml-syntax.yaml', '--force', '--rubric', 'small-rubric.yaml'],
      dir,
      [
        ...SKIP_METADATA,
        ['question 1 of 4', `0${ENTER}`],
        ['question 2 of 4', `1${ENTER}`],
        ['question 3 of 4', `2${ENTER}`],
        ['question 4 of 4', `2${ENTER}`],
      ],
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Starting over: saving fresh answers to bad-yaml-syntax.yaml');
    const saved = await loadAnswersFile(join(dir, 'bad-yaml-syntax.yaml'));
    expect(saved.problems).toEqual([]);
    expect(saved.answers!.answers.size).toBe(4);
  });

  it('starts over on a file that is not even text only with --force', async () => {
    const dir = fixturesCopy();
    const junk = Buffer.from([0x72, 0x75, 0x62, 0x72, 0x69, 0x63, 0x3a, 0x20, 0xff, 0xfe, 0x0a]);
    writeFileSync(join(dir, 'junk.yaml'), junk);
    const refused = await runInTerminal(
      ['assess', 'junk.yaml', '--rubric', 'small-rubric.yaml'],
      dir,
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      'junk.yaml:1:9: file is not valid UTF-8 text\n' +
        'Fix it, or start over with: maturity assess junk.yaml --force --rubric small-rubric.yaml\n',
    );
    const result = await runInTerminal(
      ['assess', 'junk.yaml', '--force', '--rubric', 'small-rubric.yaml'],
      dir,
      [...SKIP_METADATA, ['question 1 of 4', `1${ENTER}`], ['question 2 of 4', '\x03']],
    );
    expect(result.code).toBe(130);
    const saved = await loadAnswersFile(join(dir, 'junk.yaml'));
    expect(Object.fromEntries(saved.answers!.answers)).toEqual({ 'has-plan': { value: 1 } });
  });

  it('creates no file when Ctrl-C comes before anything is answered', async () => {
    const dir = fixturesCopy();
    const result = await runInTerminal(
      ['assess', 'new.yaml', '--rubric', 'small-rubric.yaml'],
      dir,
      [['Organization:', '\x03']],
    );
    expect(result.code).toBe(130);
    expect(result.stdout).toContain('Saving to new.yaml after every answer.');
    expect(result.stderr).toBe(
      '\nStopped before anything was saved.\n' +
        'Start again with: maturity assess new.yaml --rubric small-rubric.yaml\n',
    );
    expect(existsSync(join(dir, 'new.yaml'))).toBe(false);
  });
});
