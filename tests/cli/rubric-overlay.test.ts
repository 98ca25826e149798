import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { loadAnswersFile } from '../../src/answers/load.js';
import { lines, ROOT, tempFolders } from '../helpers/run-cli.js';
import { runInTerminal, SKIP_METADATA } from '../helpers/run-in-terminal.js';
import { runMain, type Keys } from '../helpers/run-main.js';

const freshDir = tempFolders('cli-overlay');

/** The ten-line overlay of the README: heavier listening, one more question, two left out. */
const ACME = `extends: social-business
id: acme-social
version: 1.0.0
title: Acme's social business model
stages:
  - id: planning
    tenets:
      - id: listen-to-customers
        weight: 5
        questions:
          - id: brand-sentiment-review
            text: Does a named person review brand sentiment every month, with actions logged?
omit: [enterprise-social-network, coe-handoff-plan]
`;

/** A folder holding the overlay, an answers file for it and a copy of the examples. */
function workspace(name: string): string {
  const dir = freshDir(name);
  writeFileSync(join(dir, 'acme.yaml'), ACME);
  cpSync(join(ROOT, 'examples'), join(dir, 'examples'), { recursive: true });
  const answers = readFileSync(join(ROOT, 'examples', 'acme-engagement.yaml'), 'utf8')
    .replace('rubric: social-business\n', 'rubric: acme.yaml\n')
    .replace(/^ {2}enterprise-social-network:.*\n/m, '')
    .replace(/^ {2}coe-handoff-plan:.*\n/m, '')
    .replace('answers:\n', 'answers:\n  brand-sentiment-review: 3\n');
  writeFileSync(join(dir, 'team.yaml'), answers);
  return dir;
}

describe('maturity rubric validate <overlay>', () => {
  it('says ok for a valid overlay', async () => {
    const dir = workspace('validate-ok');
    expect(await runMain(['rubric', 'validate', 'acme.yaml'], { cwd: dir })).toEqual({
      code: 0,
      stdout: 'acme.yaml: ok\n',
      stderr: '',
    });
  });

  it("points at the overlay's typos, with suggestions, then at the base's problems", async () => {
    const dir = workspace('validate-bad');
    mkdirSync(join(dir, 'shared'));
    writeFileSync(
      join(dir, 'shared', 'base.yaml'),
      readFileSync(join(ROOT, 'tests', 'fixtures', 'ok', 'rubric-minimal.yaml'), 'utf8').replace(
        'weight: 2',
        'weight: 0',
      ),
    );
    writeFileSync(
      join(dir, 'mine.yaml'),
      `extends: shared/base.yaml
id: mine
version: 0.1.0
title: Mine
threshold: 75
stages:
  - id: start
    tenets:
      - id: basic
        wieght: 2
`,
    );
    const result = await runMain(['rubric', 'validate', 'mine.yaml', 'acme.yaml'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('acme.yaml: ok\n');
    expect(lines(result.stderr)).toEqual([
      'mine.yaml:5:12: threshold is a share between 0 and 1; did you mean 0.75? (at threshold)',
      'mine.yaml:10:9: unknown key "wieght"; did you mean "weight"? (at stages.0.tenets.0.wieght)',
      'shared/base.yaml:25:17: weight must be greater than 0 (at stages.1.tenets.0.weight)',
      'mine.yaml: 3 problems',
    ]);
  });

  it('says when an override names an id the base does not have', async () => {
    const dir = workspace('validate-typo');
    writeFileSync(
      join(dir, 'acme.yaml'),
      ACME.replace('listen-to-customers', 'listen-to-custmers'),
    );
    const result = await runMain(['rubric', 'validate', 'acme.yaml'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toEqual([
      'acme.yaml:8:13: no tenet "listen-to-custmers" in social-business; did you mean "listen-to-customers"? (at stages.0.tenets.0.id)',
      'acme.yaml: 1 problem',
    ]);
  });

  it('recognises an answers file given as a rubric', async () => {
    const result = await runMain(['rubric', 'validate', 'examples/northwind-planning.yaml']);
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toEqual([
      'examples/northwind-planning.yaml:31:1: this looks like an answers file, not a rubric: use maturity score to score it',
      'examples/northwind-planning.yaml: 1 problem',
    ]);
    const score = await runMain([
      'score',
      'examples/northwind-planning.yaml',
      '--rubric',
      'examples/acme-engagement.yaml',
    ]);
    expect(score.code).toBe(2);
    expect(score.stderr).toContain('this looks like an answers file, not a rubric');
  });
});

describe('maturity rubric show <overlay>', () => {
  it('shows the merged rubric, naming what it extends', async () => {
    const dir = workspace('show');
    const result = await runMain(['rubric', 'show', 'acme.yaml'], { cwd: dir });
    expect(result.code).toBe(0);
    const out = lines(result.stdout);
    expect(out[0]).toBe(
      "Acme's social business model  (acme-social 1.0.0, extends social-business 1.0.0)",
    );
    expect(out[1]).toBe('6 stages · 22 tenets · 52 questions · threshold 70%');
    expect(out).toContain(
      '   - Listen to customers [listen-to-customers] weight 5 (50%), 4 questions',
    );
  });

  it('--format yaml prints one plain rubric file that validates and scores like the overlay', async () => {
    const dir = workspace('show-yaml');
    const shown = await runMain(['rubric', 'show', 'acme.yaml', '--format', 'yaml'], { cwd: dir });
    expect(shown).toMatchObject({ code: 0, stderr: '' });
    expect(shown.stdout.split('\n')[0]).toBe(
      '# acme-social 1.0.0 as one plain rubric file (merged with social-business 1.0.0)',
    );
    expect(shown.stdout).not.toMatch(/^(extends|omit):/m);
    writeFileSync(join(dir, 'merged.yaml'), shown.stdout);
    expect(await runMain(['rubric', 'validate', 'merged.yaml'], { cwd: dir })).toMatchObject({
      code: 0,
      stdout: 'merged.yaml: ok\n',
    });
    const again = await runMain(['rubric', 'show', 'merged.yaml', '--format', 'json'], {
      cwd: dir,
    });
    const json = await runMain(['rubric', 'show', 'acme.yaml', '--format', 'json'], { cwd: dir });
    expect(again.stdout).toBe(json.stdout);
    for (const format of ['json', 'text', 'csv']) {
      const overlay = await runMain(['score', 'team.yaml', '-f', format], { cwd: dir });
      const plain = await runMain(['score', 'team.yaml', '-f', format, '--rubric', 'merged.yaml'], {
        cwd: dir,
      });
      expect(overlay).toMatchObject({ code: 0, stderr: '' });
      expect(plain).toEqual(overlay);
    }
    // The same again gives the same bytes.
    expect(
      (await runMain(['rubric', 'show', 'acme.yaml', '--format', 'yaml'], { cwd: dir })).stdout,
    ).toBe(shown.stdout);
  });

  it('--format yaml of the built-in quick check validates and scores its example identically', async () => {
    const dir = workspace('show-quick');
    const shown = await runMain(['rubric', 'show', 'social-business-quick', '--format', 'yaml']);
    writeFileSync(join(dir, 'quick.yaml'), shown.stdout);
    expect((await runMain(['rubric', 'validate', 'quick.yaml'], { cwd: dir })).code).toBe(0);
    const builtin = await runMain(['score', 'examples/quick-check.yaml', '-f', 'json'], {
      cwd: dir,
    });
    const plain = await runMain(
      ['score', 'examples/quick-check.yaml', '-f', 'json', '--rubric', 'quick.yaml'],
      { cwd: dir },
    );
    expect(builtin.code).toBe(0);
    expect(plain).toEqual(builtin);
  });
});

describe('scoring with an overlay', () => {
  it('every report names the overlay: its id, title and version', async () => {
    const dir = workspace('score');
    const text = await runMain(['score', 'team.yaml'], { cwd: dir });
    expect(text).toMatchObject({ code: 0, stderr: '' });
    expect(lines(text.stdout)[1]).toBe("Acme's social business model 1.0.0");
    const markdown = await runMain(['score', 'team.yaml', '-f', 'markdown'], { cwd: dir });
    expect(markdown.stdout).toContain("Acme's social business model 1.0.0");
    const json = JSON.parse(
      (await runMain(['score', 'team.yaml', '-f', 'json'], { cwd: dir })).stdout,
    );
    expect(json.results[0].rubric).toEqual({ id: 'acme-social', version: '1.0.0' });
    const csv = lines((await runMain(['score', 'team.yaml', '-f', 'csv'], { cwd: dir })).stdout);
    expect(csv[1]).toContain(',acme-social,');
    const junit = new XMLParser({ ignoreAttributes: false }).parse(
      (await runMain(['score', 'team.yaml', '-f', 'junit'], { cwd: dir })).stdout,
    );
    const properties = junit.testsuites.testsuite.properties.property as {
      '@_name': string;
      '@_value': string;
    }[];
    expect(properties).toContainEqual({ '@_name': 'rubric', '@_value': 'acme-social' });
    expect(properties).toContainEqual({ '@_name': 'rubricVersion', '@_value': '1.0.0' });
  });

  it('a template of the overlay asks its questions and records it', async () => {
    const dir = workspace('template');
    const result = await runMain(['template', '--rubric', 'acme.yaml'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      '# Answers for "Acme\'s social business model" (acme-social 1.0.0).',
    );
    expect(result.stdout).toMatch(/^rubric: acme\.yaml$/m);
    expect(result.stdout).toMatch(/^ {2}brand-sentiment-review:$/m);
    expect(result.stdout).not.toMatch(/^ {2}coe-handoff-plan:/m);
  });

  it("scores a file of a base with --rubric's overlay without a warning, checking that base's version", async () => {
    const dir = workspace('score-base-file');
    // acme.yaml at a version of its own, so that which rubric's version is compared shows.
    writeFileSync(join(dir, 'acme.yaml'), ACME.replace('version: 1.0.0', 'version: 2.0.0'));
    // An overlay of it that changes a threshold: every answer of the bases is one of its own.
    writeFileSync(
      join(dir, 'heavier.yaml'),
      'extends: acme.yaml\nid: heavier\nversion: 0.1.0\ntitle: Heavier\nstages:\n  - id: presence\n    threshold: 0.6\n',
    );
    const team = readFileSync(join(dir, 'team.yaml'), 'utf8');
    const named = (rubric: string, version: string) =>
      team
        .replace('rubric: acme.yaml\n', `rubric: ${rubric}\n`)
        .replace('rubricVersion: 1.0.0\n', `rubricVersion: ${version}\n`);
    const files: Record<string, string> = {
      'base.yaml': named('social-business', '1.0.0'),
      'old.yaml': named('social-business', '0.9.0'),
      'acme-id.yaml': named('acme-social', '2.0.0'),
      'acme-old.yaml': named('acme-social', '1.0.0'),
      // By path: the overlay's own file (its version is compared), or another (it is not).
      'own-path.yaml': named('./heavier.yaml', '0.0.1'),
      'base-path.yaml': named('acme.yaml', '1.0.0'),
      'other.yaml': named('other-model', '3.0.0'),
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    for (const threads of ['0', '1']) {
      const env = { MATURITY_THREADS: threads };
      const run = async (file: string, rubric: string) => {
        const result = await runMain(['score', file, '--rubric', rubric, '-f', 'csv'], {
          cwd: dir,
          env,
        });
        expect(result.code).toBe(0);
        return lines(result.stderr);
      };
      // The nearest base and one further down the chain alike.
      expect(await run('base.yaml', 'acme.yaml')).toEqual([]);
      expect(await run('base.yaml', 'heavier.yaml')).toEqual([]);
      expect(await run('acme-id.yaml', 'heavier.yaml')).toEqual([]);
      expect(await run('old.yaml', 'heavier.yaml')).toEqual([
        'old.yaml: warning: answers were given for social-business 0.9.0; heavier builds on social-business 1.0.0',
      ]);
      expect(await run('acme-old.yaml', 'heavier.yaml')).toEqual([
        'acme-old.yaml: warning: answers were given for acme-social 1.0.0; heavier builds on acme-social 2.0.0',
      ]);
      expect(await run('own-path.yaml', 'heavier.yaml')).toEqual([
        'own-path.yaml: warning: answers were given for heavier 0.0.1; scoring with version 0.1.0',
      ]);
      expect(await run('base-path.yaml', 'heavier.yaml')).toEqual([]);
      // Another rubric: said, without comparing its version with the one used.
      expect(await run('other.yaml', 'heavier.yaml')).toEqual([
        'other.yaml: warning: the file names rubric "other-model" but "heavier" is used (--rubric)',
      ]);
      // In a batch large enough for the workers, which adopt the rubric with what it extends.
      for (let i = 0; i < 40; i += 1)
        writeFileSync(join(dir, `many-${i}.yaml`), files['old.yaml']!);
      const many = await run('many-*.yaml', 'heavier.yaml');
      expect(many).toHaveLength(11);
      expect(many[10]).toBe(
        'maturity: warning: the same for 30 more files: answers were given for social-business 0.9.0; heavier builds on social-business 1.0.0',
      );
    }
  });

  it('the quick check example scores with the built-in quick check', async () => {
    const result = await runMain(['score', 'examples/quick-check.yaml', '-f', 'json']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const [report] = JSON.parse(result.stdout).results;
    expect(report.rubric).toEqual({ id: 'social-business-quick', version: '1.0.0' });
    expect(report.currentStage).toMatchObject({ number: 3, id: 'engagement' });
    expect(report.completeness).toBe(1);
    expect(report.benchmarks.map((b: { question: string }) => b.question)).toEqual([
      'outcome-linked-strategy',
      'cross-functional-vision',
      'executive-alignment',
    ]);
    const template = await runMain(['template', '--rubric', 'social-business-quick']);
    expect(template.stdout.match(/^ {2}[a-z0-9-]+:$/gm)).toHaveLength(22);
  });
});

describe('maturity rubric init --from', () => {
  it('writes an overlay: extends, a new id from the file name, version 0.1.0, a title', async () => {
    const dir = freshDir('init');
    const result = await runMain(
      ['rubric', 'init', 'Acme Social.yaml', '--from', 'social-business'],
      {
        cwd: dir,
      },
    );
    expect(result).toEqual({
      code: 0,
      stdout:
        "Wrote Acme Social.yaml, an overlay of social-business. Edit it, then check it with: maturity rubric validate 'Acme Social.yaml'\n",
      stderr: '',
    });
    const text = readFileSync(join(dir, 'Acme Social.yaml'), 'utf8');
    expect(text).toMatch(/^# yaml-language-server: \$schema=\S+rubric\.schema\.json\n/);
    expect(text).toMatch(/^extends: social-business$/m);
    expect(text).toMatch(/^id: acme-social$/m);
    expect(text).toMatch(/^version: 0\.1\.0$/m);
    expect(text).toMatch(/^title: "Acme social, based on Social business maturity"$/m);
    // Not a copy: only the examples, commented.
    expect(text).not.toMatch(/^stages:/m);
    expect(text.split('\n').length).toBeLessThan(40);
    const shown = await runMain(['rubric', 'show', 'Acme Social.yaml'], { cwd: dir });
    expect(lines(shown.stdout)[0]).toBe(
      'Acme social, based on Social business maturity  (acme-social 0.1.0, extends social-business 1.0.0)',
    );
  });

  it('its commented examples of an override, an addition and an omit work once uncommented', async () => {
    const dir = freshDir('init-examples');
    await runMain(['rubric', 'init', 'mine.yaml', '--from', 'social-business'], { cwd: dir });
    const text = readFileSync(join(dir, 'mine.yaml'), 'utf8');
    const uncommented = text.replace(/^# (threshold:|stages:| {2}|omit:)/gm, '$1');
    expect(uncommented).toMatch(/^stages:/m);
    expect(uncommented).toMatch(/^omit: \[/m);
    writeFileSync(join(dir, 'mine.yaml'), uncommented);
    expect(await runMain(['rubric', 'validate', 'mine.yaml'], { cwd: dir })).toMatchObject({
      code: 0,
    });
    const json = JSON.parse(
      (await runMain(['rubric', 'show', 'mine.yaml', '-f', 'json'], { cwd: dir })).stdout,
    );
    const tenet = json.stages[0].tenets[0];
    expect(tenet.weight).toBe(6);
    expect(tenet.questions.at(-1).id).toBe('my-new-question');
    expect(JSON.stringify(json)).not.toContain('"open-knowledge-sharing"');
    expect(json.threshold).toBe(0.75);
  });

  it('extends a rubric file by its path from the new file', async () => {
    const dir = freshDir('init-path');
    mkdirSync(join(dir, 'clients'));
    writeFileSync(join(dir, 'acme.yaml'), ACME);
    const result = await runMain(
      ['rubric', 'init', 'clients/acme-2026.yaml', '--from', 'acme.yaml'],
      {
        cwd: dir,
      },
    );
    expect(result.code).toBe(0);
    const text = readFileSync(join(dir, 'clients', 'acme-2026.yaml'), 'utf8');
    expect(text).toMatch(/^extends: \.\.\/acme\.yaml$/m);
    expect(text).toMatch(/^id: acme-2026$/m);
    expect(
      await runMain(['rubric', 'validate', 'clients/acme-2026.yaml'], { cwd: dir }),
    ).toMatchObject({ code: 0 });
  });

  it('never gives the overlay the id of the rubric it extends', async () => {
    const dir = freshDir('init-same-id');
    await runMain(['rubric', 'init', 'social-business.yaml', '--from', 'social-business'], {
      cwd: dir,
    });
    const text = readFileSync(join(dir, 'social-business.yaml'), 'utf8');
    expect(text).toMatch(/^id: social-business-custom$/m);
    expect(
      await runMain(['rubric', 'validate', 'social-business.yaml'], { cwd: dir }),
    ).toMatchObject({ code: 0 });
  });

  it('--copy of an overlay writes the merged rubric, with the new id and version', async () => {
    const dir = freshDir('init-copy');
    const result = await runMain(
      ['rubric', 'init', 'quick.yaml', '--from', 'social-business-quick', '--copy'],
      { cwd: dir },
    );
    expect(result.stdout).toBe(
      'Wrote quick.yaml, a copy of social-business-quick as quick 0.1.0. Edit it, then check it with: maturity rubric validate quick.yaml\n',
    );
    const text = readFileSync(join(dir, 'quick.yaml'), 'utf8');
    expect(text).not.toMatch(/^(extends|omit):/m);
    const json = JSON.parse(
      (await runMain(['rubric', 'show', 'quick.yaml', '-f', 'json'], { cwd: dir })).stdout,
    );
    const builtin = JSON.parse(
      (await runMain(['rubric', 'show', 'social-business-quick', '-f', 'json'])).stdout,
    );
    expect(json).toEqual({ ...builtin, id: 'quick', version: '0.1.0' });
  });

  it('--copy needs --from, and writes nothing without it', async () => {
    const dir = freshDir('init-copy-alone');
    const result = await runMain(['rubric', 'init', 'x.yaml', '--copy'], { cwd: dir });
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: 'maturity: --copy needs --from NAME, the rubric to copy\n',
    });
    expect(existsSync(join(dir, 'x.yaml'))).toBe(false);
  });

  it('suggests the built-in meant by a misspelt --from', async () => {
    const dir = freshDir('init-typo');
    const result = await runMain(['rubric', 'init', 'x.yaml', '--from', 'social-busines'], {
      cwd: dir,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'maturity: unknown rubric "social-busines": not a built-in rubric (social-business, social-business-quick) and no such file; did you mean "social-business"?\n',
    );
  });
});

describe('maturity assess --rubric social-business-quick', () => {
  it('asks the 22 questions of the quick check and saves a file that scores with it', async () => {
    const dir = freshDir('assess');
    const keys: Keys[] = [...SKIP_METADATA];
    for (let n = 1; n <= 22; n += 1) keys.push([`question ${n} of 22`, '2\r']);
    const result = await runInTerminal(
      ['assess', 'quick.yaml', '--rubric', 'social-business-quick'],
      dir,
      keys,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'Social business maturity — quick check (social-business-quick 1.0.0): 6 stages, 22 questions.',
    );
    expect(result.stdout).toContain('Saved quick.yaml (22 of 22 questions answered).');
    const saved = await loadAnswersFile(join(dir, 'quick.yaml'));
    expect(saved.problems).toEqual([]);
    expect(saved.answers).toMatchObject({
      rubric: 'social-business-quick',
      rubricVersion: '1.0.0',
    });
    expect(saved.answers!.answers.size).toBe(22);
  });
});
