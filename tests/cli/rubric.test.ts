import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  expectCleanFailure,
  fixture,
  lines,
  ROOT,
  STACK_LINE,
  tempFolders,
} from '../helpers/run-cli.js';
import { runMain } from '../helpers/run-main.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

const GOOD = 'tests/fixtures/ok/rubric-minimal.yaml';
const BAD = 'tests/fixtures/bad/rubric-several-problems.yaml';

const freshDir = tempFolders('cli-rubric');

describe('maturity rubric list', () => {
  it('prints a table of the built-in rubrics', async () => {
    const result = await runMain(['rubric', 'list']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(lines(result.stdout)).toEqual([
      'ID                     VERSION  EXTENDS          STAGES  QUESTIONS  TITLE',
      'social-business        1.0.0    -                6       53         Social business maturity',
      'social-business-quick  1.0.0    social-business  6       22         Social business maturity — quick check',
    ]);
  });

  it('prints JSON with --format json', async () => {
    const result = await runMain(['rubric', 'list', '--format', 'json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual([
      {
        id: 'social-business',
        version: '1.0.0',
        title: 'Social business maturity',
        extends: null,
        stages: 6,
        questions: 53,
      },
      {
        id: 'social-business-quick',
        version: '1.0.0',
        title: 'Social business maturity — quick check',
        extends: 'social-business',
        stages: 6,
        questions: 22,
      },
    ]);
  });

  it('rejects an unknown format in one line', async () => {
    const result = await runMain(['rubric', 'list', '--format', 'xml']);
    expectCleanFailure(result, 2);
    expect(result.stderr).toBe(
      "maturity: option '-f, --format <format>' argument 'xml' is invalid. Allowed choices are text, json.\n",
    );
  });
});

describe('maturity rubric show', () => {
  it('shows the default rubric as an outline, stages in order', async () => {
    const result = await runMain(['rubric', 'show']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const out = lines(result.stdout);
    expect(out[0]).toBe('Social business maturity  (social-business 1.0.0)');
    expect(out[1]).toBe('6 stages · 22 tenets · 53 questions · threshold 70%');
    expect(out.filter((line) => /^\d\. /.test(line)).map((line) => line.split(' — ')[0])).toEqual([
      '1. Planning',
      '2. Presence',
      '3. Engagement',
      '4. Formalized',
      '5. Strategic',
      '6. Converged',
    ]);
    expect(out).toContain(
      '   - Listen to customers [listen-to-customers] weight 3 (38%), 3 questions',
    );
    expect(out.at(-1)).toBe(
      'Scale: 0 Not started · 1 Ad hoc · 2 Defined · 3 Established · 4 Leading',
    );
    expect(result.stdout).not.toContain('\u001b[');
  });

  it('shows the normalized rubric as JSON', async () => {
    const result = await runMain(['rubric', 'show', '--format', 'json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const rubric = JSON.parse(result.stdout) as {
      id: string;
      stages: { id: string; threshold: number }[];
    };
    expect(rubric.id).toBe('social-business');
    expect(rubric.stages.map((stage) => stage.id)).toEqual([
      'planning',
      'presence',
      'engagement',
      'formalized',
      'strategic',
      'converged',
    ]);
    expect(rubric).toEqual(
      JSON.parse(readFileSync(join(ROOT, 'dist', 'rubrics', 'social-business.json'), 'utf8')),
    );
  });

  it('shows a rubric file given by path', async () => {
    const result = await runMain(['rubric', 'show', GOOD]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(lines(result.stdout)).toEqual([
      'Minimal rubric  (minimal 0.1.0)',
      '2 stages · 2 tenets · 2 questions · threshold 60%',
      '1. Start',
      '   - Basics [basics] weight 1 (100%), 1 question',
      '2. Finish  (threshold 90%)',
      '   - Review [review] weight 2 (100%), 1 question',
      'Scale: 0 No · 1 Yes',
    ]);
  });

  it('shows a rubric file as JSON with its defaults applied', async () => {
    const result = await runMain([
      'rubric',
      'show',
      fixture('ok', 'rubric-minimal.yaml'),
      '-f',
      'json',
    ]);
    expect(result.code).toBe(0);
    const rubric = JSON.parse(result.stdout) as {
      benchmarks: unknown[];
      stages: { threshold: number; tenets: { weight: number }[] }[];
    };
    expect(rubric.stages.map((stage) => stage.threshold)).toEqual([0.6, 0.9]);
    expect(rubric.stages[0]?.tenets[0]?.weight).toBe(1);
    expect(rubric.benchmarks).toHaveLength(1);
  });

  it('rejects an unknown rubric name in one line', async () => {
    const result = await runMain(['rubric', 'show', 'nope']);
    expectCleanFailure(result, 2);
    expect(result.stderr).toBe(
      'maturity: unknown rubric "nope": not a built-in rubric (social-business, social-business-quick) and no such file\n',
    );
  });

  it('prints every problem of an invalid rubric file', async () => {
    const result = await runMain(['rubric', 'show', BAD]);
    expectCleanFailure(result, 2);
    const err = lines(result.stderr);
    expect(err).toHaveLength(11);
    expect(err[0]).toBe(`${BAD}:1:1: missing required field "title" (at title)`);
  });

  it('says when a rubric file does not exist', async () => {
    const result = await runMain(['rubric', 'show', 'missing.yaml']);
    expectCleanFailure(result, 2);
    expect(result.stderr).toBe('missing.yaml: no such file\n');
  });
});

describe('maturity rubric validate', () => {
  it('says ok for a valid rubric', async () => {
    const result = await runMain(['rubric', 'validate', GOOD]);
    expect(result).toEqual({ code: 0, stdout: `${GOOD}: ok\n`, stderr: '' });
  });

  it('validates the built-in rubric source', async () => {
    const result = await runMain(['rubric', 'validate', 'rubrics/social-business.yaml']);
    expect(result).toEqual({ code: 0, stdout: 'rubrics/social-business.yaml: ok\n', stderr: '' });
  });

  it('exits 1 and prints file:line:col: message (at path) for each problem', async () => {
    const result = await runMain(['rubric', 'validate', GOOD, BAD]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(`${GOOD}: ok\n`);
    expect(result.stderr).not.toMatch(STACK_LINE);
    expect(lines(result.stderr)).toEqual([
      `${BAD}:1:1: missing required field "title" (at title)`,
      `${BAD}:1:5: id must be kebab-case: lowercase letters, digits and single dashes (at id)`,
      `${BAD}:3:12: threshold must be greater than 0 and at most 1 (at threshold)`,
      `${BAD}:6:14: duplicate scale value 0 (already used on line 5) (at scale.1.value)`,
      `${BAD}:10:5: unknown key "colour" (at stages.0.colour)`,
      `${BAD}:14:17: weight must be greater than 0 (at stages.0.tenets.0.weight)`,
      `${BAD}:20:9: duplicate stage id "start" (first used on line 8) (at stages.1.id)`,
      `${BAD}:25:17: weight must be a finite number, not the string "2" (at stages.1.tenets.0.weight)`,
      `${BAD}:27:17: duplicate question id "has-plan" (first used on line 16) (at stages.1.tenets.0.questions.0.id)`,
      `${BAD}:29:16: moves must have at least 1 move (at stages.1.tenets.0.moves)`,
      `${BAD}:31:15: benchmark names unknown question "no-such-question" (at benchmarks.0.question)`,
      `${BAD}: 11 problems`,
    ]);
  });

  it('prints a syntax error without a path', async () => {
    const file = 'tests/fixtures/bad/rubric-yaml-duplicate-key.yaml';
    const result = await runMain(['rubric', 'validate', file]);
    expectCleanFailure(result, 1);
    expect(lines(result.stderr)).toEqual([
      `${file}:26:5: duplicate key (YAML map keys must be unique)`,
      `${file}: 1 problem`,
    ]);
  });

  it('exits 2 for a file that does not exist', async () => {
    const result = await runMain(['rubric', 'validate', 'missing.yaml']);
    expectCleanFailure(result, 2);
    expect(result.stderr).toBe('missing.yaml: no such file\n');
  });

  it('exits 2 for a directory', async () => {
    const result = await runMain(['rubric', 'validate', 'tests/fixtures/ok']);
    expectCleanFailure(result, 2);
    expect(result.stderr).toBe('tests/fixtures/ok: is a directory, not a file\n');
  });

  it('goes on after an unreadable file and exits 2', async () => {
    const result = await runMain(['rubric', 'validate', 'missing.yaml', GOOD]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe(`${GOOD}: ok\n`);
    expect(result.stderr).toBe('missing.yaml: no such file\n');
  });

  it('needs at least one file', async () => {
    const result = await runMain(['rubric', 'validate']);
    expectCleanFailure(result, 2);
    expect(result.stderr).toBe("maturity: missing required argument 'files'\n");
  });
});

describe('maturity rubric schema', () => {
  it('prints the JSON Schema of rubric files', async () => {
    const result = await runMain(['rubric', 'schema']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const schema = JSON.parse(result.stdout) as {
      else: { required: string[] };
      then: { required: string[] };
      title: string;
      type: string;
      required: string[];
    };
    expect(schema.title).toBe('maturity rubric');
    expect(schema.type).toBe('object');
    // A whole rubric, or an overlay (with `extends`) that needs only its own id, version and title.
    expect(schema.else.required).toEqual(
      expect.arrayContaining(['id', 'version', 'title', 'stages']),
    );
    expect(schema.then.required).toEqual(['extends', 'id', 'version', 'title']);
    expect(result.stdout).toBe(readFileSync(join(ROOT, 'schema', 'rubric.schema.json'), 'utf8'));
  });
});

describe('maturity rubric init', () => {
  const schemaFile = join(ROOT, 'schema', 'rubric.schema.json');

  /** The file the first line's `$schema=` points at, resolved from the rubric's folder. */
  function schemaTarget(dir: string, text: string): string {
    const match = /^# yaml-language-server: \$schema=(\S+)\n/.exec(text);
    expect(match).not.toBeNull();
    return resolve(dir, match![1]!);
  }

  it('writes a starter rubric that validates', async () => {
    const dir = freshDir('init');
    const result = await runMain(['rubric', 'init', 'mine.yaml'], { cwd: dir });
    expect(result).toEqual({
      code: 0,
      stdout: 'Wrote mine.yaml. Edit it, then check it with: maturity rubric validate mine.yaml\n',
      stderr: '',
    });
    const text = readFileSync(join(dir, 'mine.yaml'), 'utf8');
    expect(schemaTarget(dir, text)).toBe(schemaFile);
    expect(await runMain(['rubric', 'validate', 'mine.yaml'], { cwd: dir })).toEqual({
      code: 0,
      stdout: 'mine.yaml: ok\n',
      stderr: '',
    });
  });

  it('never overwrites an existing file', async () => {
    const dir = freshDir('init-exists');
    writeFileSync(join(dir, 'mine.yaml'), 'precious: true\n');
    const result = await runMain(['rubric', 'init', 'mine.yaml'], { cwd: dir });
    expectCleanFailure(result, 2);
    expect(result.stderr).toBe('mine.yaml: already exists; not overwritten\n');
    expect(readFileSync(join(dir, 'mine.yaml'), 'utf8')).toBe('precious: true\n');
  });

  it('copies a built-in rubric with --from and --copy, the schema comment first, with a new id and version', async () => {
    const dir = freshDir('init-from');
    const result = await runMain(
      ['rubric', 'init', 'sb.yaml', '--from', 'social-business', '--copy'],
      {
        cwd: dir,
      },
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const text = readFileSync(join(dir, 'sb.yaml'), 'utf8');
    expect(schemaTarget(dir, text)).toBe(schemaFile);
    const original = readFileSync(join(ROOT, 'rubrics', 'social-business.yaml'), 'utf8');
    expect(text.slice(text.indexOf('\n'))).toBe(
      original
        .slice(original.indexOf('\n'))
        .replace('\nid: social-business\n', '\nid: sb\n')
        .replace('\nversion: 1.0.0\n', '\nversion: 0.1.0\n'),
    );
    expect((await runMain(['rubric', 'validate', 'sb.yaml'], { cwd: dir })).code).toBe(0);
  });

  it('rejects an unknown --from and writes nothing', async () => {
    const dir = freshDir('init-from-nope');
    const result = await runMain(['rubric', 'init', 'x.yaml', '--from', 'nope'], { cwd: dir });
    expectCleanFailure(result, 2);
    expect(result.stderr).toBe(
      'maturity: unknown rubric "nope": not a built-in rubric (social-business, social-business-quick) and no such file\n',
    );
    expect((await runMain(['rubric', 'validate', 'x.yaml'], { cwd: dir })).stderr).toBe(
      'x.yaml: no such file\n',
    );
  });

  it('says when the folder does not exist', async () => {
    const dir = freshDir('init-no-folder');
    const result = await runMain(['rubric', 'init', 'nope/x.yaml'], { cwd: dir });
    expectCleanFailure(result, 2);
    expect(lines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(
      /^nope\/x\.yaml: cannot write: the folder .*nope does not exist\n$/,
    );
  });

  it('needs a file name', async () => {
    const result = await runMain(['rubric', 'init']);
    expectCleanFailure(result, 2);
    expect(result.stderr).toBe("maturity: missing required argument 'file'\n");
  });
});

describe('maturity (program)', () => {
  it('prints the version from package.json', async () => {
    expect(await runMain(['--version'])).toEqual({
      code: 0,
      stdout: `${pkg.version}\n`,
      stderr: '',
    });
    expect((await runMain(['-V'])).stdout).toBe(`${pkg.version}\n`);
  });

  it('prints help listing the commands', async () => {
    const result = await runMain(['--help']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^Usage: maturity \[options\] \[command\]/);
    for (const command of ['assess', 'score', 'template', 'rubric', 'help']) {
      expect(result.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    }
  });

  it('prints help for rubric, listing its commands', async () => {
    for (const args of [
      ['rubric', '--help'],
      ['help', 'rubric'],
    ]) {
      const result = await runMain(args);
      expect(result.code).toBe(0);
      expect(result.stderr).toBe('');
      expect(result.stdout).toMatch(/^Usage: maturity rubric \[options\] \[command\]/);
      for (const command of ['list', 'show', 'validate', 'schema', 'init']) {
        expect(result.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
      }
    }
  });

  it('prints help for one rubric command', async () => {
    const result = await runMain(['rubric', 'validate', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: maturity rubric validate \[options\] <files\.\.\.>/);
    expect(result.stdout).toContain('$ maturity rubric validate my-rubric.yaml');
  });

  it('shows help on stderr and exits 2 without a command', async () => {
    for (const args of [[], ['rubric']]) {
      const result = await runMain(args);
      expectCleanFailure(result, 2);
      expect(result.stderr).toMatch(/^Usage: maturity/);
    }
  });

  it('rejects an unknown command in one line', async () => {
    const result = await runMain(['frobnicate']);
    expectCleanFailure(result, 2);
    expect(result.stderr).toBe("maturity: unknown command 'frobnicate'\n");
  });

  it('rejects an unknown rubric command in one line', async () => {
    const result = await runMain(['rubric', 'frob']);
    expectCleanFailure(result, 2);
    expect(result.stderr).toBe("maturity: unknown command 'frob'\n");
  });

  it('rejects an unknown option in one line, with the suggestion', async () => {
    const result = await runMain(['rubric', 'list', '--formt', 'json']);
    expectCleanFailure(result, 2);
    expect(result.stderr).toBe("maturity: unknown option '--formt' (Did you mean --format?)\n");
  });

  it('rejects extra arguments in one line', async () => {
    const result = await runMain(['rubric', 'show', 'a', 'b']);
    expectCleanFailure(result, 2);
    expect(result.stderr).toBe(
      "maturity: too many arguments for 'show'. Expected 1 argument but got 2.\n",
    );
  });
});
