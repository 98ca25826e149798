import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBuiltinRubric } from '../../src/rubric/builtin.js';
import { expectCleanFailure, fixture, ROOT, tempFolders } from '../helpers/run-cli.js';
import { runMain } from '../helpers/run-main.js';

interface JsonResult {
  source: string;
  rubric: { id: string; version: string };
  currentStage: { number: number; id: string | null; name: string | null };
  maturityIndex: number;
  completeness: number;
  stages: { id: string; score: number | null; attained: boolean }[];
  unanswered: string[];
}

const freshDir = tempFolders('cli-template');

/** Scores one file as JSON and returns its result. */
async function scoreOne(file: string, cwd: string = ROOT): Promise<JsonResult> {
  const result = await runMain(['score', file, '--format', 'json'], { cwd });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  const report = JSON.parse(result.stdout) as { results: JsonResult[] };
  expect(report.results).toHaveLength(1);
  return report.results[0]!;
}

/** Every question id of the built-in rubric, in rubric order. */
async function questionIds(): Promise<string[]> {
  const rubric = await loadBuiltinRubric('social-business');
  return rubric.stages.flatMap((s) => s.tenets.flatMap((t) => t.questions.map((q) => q.id)));
}

/** Gives `id` a value in a template's text (its line is `  id:` with nothing after it). */
function fill(text: string, id: string, value: string): string {
  const line = new RegExp(`^  ${id}:$`, 'm');
  expect(text).toMatch(line);
  return text.replace(line, `  ${id}: ${value}`);
}

describe('maturity template', () => {
  it('prints every question of the default rubric as a key, blank', async () => {
    const result = await runMain(['template']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const ids = await questionIds();
    expect(ids).toHaveLength(53);
    for (const id of ids) expect(result.stdout).toMatch(new RegExp(`^  ${id}:$`, 'm'));
    // The keys come in rubric order.
    const keys = [...result.stdout.matchAll(/^ {2}([a-z0-9-]+):/gm)].map((m) => m[1]);
    expect(keys).toEqual(ids);
    expect(result.stdout).toMatch(/^rubric: social-business$/m);
    expect(result.stdout).toMatch(/^rubricVersion: 1\.0\.0$/m);
    expect(result.stdout).toMatch(/^answers:$/m);
  });

  it('shows the questions and the scale in comments', async () => {
    const { stdout } = await runMain(['template']);
    expect(stdout).toMatch(/^ *# =+ Stage 1 of 6: Planning/m);
    expect(stdout).toContain(
      'Scale: 0 Not started · 1 Ad hoc · 2 Defined · 3 Established · 4 Leading',
    );
    // Questions that may be n/a say so in their scale line, the others do not.
    const scaleOf = (id: string) => {
      const lines = stdout.split('\n');
      const at = lines.indexOf(`  ${id}:`);
      return lines
        .slice(0, at)
        .reverse()
        .find((line) => line.includes('Scale:'))!;
    };
    expect(scaleOf('social-customer-care')).toMatch(/n\/a/);
    expect(scaleOf('social-listening')).not.toMatch(/n\/a/);
  });

  it('is deterministic', async () => {
    expect((await runMain(['template'])).stdout).toBe((await runMain(['template'])).stdout);
  });

  it('scores as stage 0, completeness 0, every question unanswered', async () => {
    const dir = freshDir('blank');
    const file = join(dir, 'blank.yaml');
    writeFileSync(file, (await runMain(['template'])).stdout);
    const result = await scoreOne(file);
    expect(result.currentStage).toEqual({ number: 0, id: null, name: null });
    expect(result.maturityIndex).toBe(0);
    expect(result.completeness).toBe(0);
    expect(result.unanswered).toHaveLength(53);
    expect(result.unanswered).toEqual(await questionIds());
  });

  it('round trip: values filled in by text replacement are scored', async () => {
    const dir = freshDir('round-trip');
    const file = join(dir, 'filled.yaml');
    let text = (await runMain(['template'])).stdout;
    text = text.replace(/^organization:$/m, 'organization: Round Trip Inc');
    for (const id of [
      'social-listening',
      'audience-behavior-insight',
      'listening-to-action',
      'pilot-projects',
      'pilot-portfolio-prioritization',
      'readiness-audit',
      'account-inventory',
    ]) {
      text = fill(text, id, '4');
    }
    text = fill(text, 'stakeholder-alignment-check', '{ value: 2, note: "marketing only" }');
    text = fill(text, 'social-customer-care', 'n/a');
    text = fill(text, 'self-service-content', '4');
    writeFileSync(file, text);

    const result = await scoreOne(file);
    // Planning: (3×1 + 2×1 + 3×(4+4+2)/12) / 8 = 0.9375; Presence: only self-service, 1 of 6.
    expect(result.stages[0]!.score).toBeCloseTo(0.9375, 12);
    expect(result.stages[1]!.score).toBeCloseTo(1 / 6, 12);
    expect(result.currentStage).toEqual({ number: 1, id: 'planning', name: 'Planning' });
    expect(result.maturityIndex).toBeCloseTo(1 + 1 / 6, 12);
    expect(result.completeness).toBeCloseTo(10 / 53, 12);
    expect(result.unanswered).toHaveLength(43);
    expect(result.unanswered).not.toContain('social-customer-care');

    const text2 = (await runMain(['score', file])).stdout;
    expect(text2).toContain('Round Trip Inc');
    expect(text2).toContain('Stage 1 of 6 — Planning');
  });
});

describe('maturity template --output', () => {
  it('writes the file, says so on stderr, and prints nothing on stdout', async () => {
    const dir = freshDir('output');
    const result = await runMain(['template', '--output', 'answers.yaml'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('answers.yaml');
    const written = readFileSync(join(dir, 'answers.yaml'), 'utf8');
    // Same content as stdout, except the schema path, which is relative to the file.
    const fromStdout = (await runMain(['template'], { cwd: dir })).stdout;
    expect(written).toBe(fromStdout);
    expect((await scoreOne('answers.yaml', dir)).unanswered).toHaveLength(53);
  });

  it('writes JSON to a .json file: every question, null where blank, and it scores', async () => {
    const dir = freshDir('json');
    const result = await runMain(['template', '-o', 'answers.json'], { cwd: dir });
    expect(result).toMatchObject({ code: 0, stdout: '' });
    const written = JSON.parse(readFileSync(join(dir, 'answers.json'), 'utf8')) as {
      $schema: string;
      rubric: string;
      organization: null;
      answers: Record<string, unknown>;
    };
    expect(written.$schema).toMatch(/schema\/answers\.schema\.json$/);
    expect(written.rubric).toBe('social-business');
    expect(written.organization).toBeNull();
    expect(Object.keys(written.answers)).toEqual(await questionIds());
    expect(Object.values(written.answers).every((value) => value === null)).toBe(true);
    expect((await scoreOne('answers.json', dir)).unanswered).toHaveLength(53);
  });

  it('quotes a file name the shell would split in the command it suggests', async () => {
    const dir = freshDir('spaced');
    const result = await runMain(['template', '-o', "Bob's team.yaml"], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      "Wrote Bob's team.yaml. Fill it in, then run: maturity score 'Bob'\\''s team.yaml'\n",
    );
  });

  it('suggests ./-name for a file name that starts with a dash, so it is not read as an option', async () => {
    const dir = freshDir('dash');
    const result = await runMain(['template', '-o', '-team.yaml'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      'Wrote -team.yaml. Fill it in, then run: maturity score ./-team.yaml\n',
    );
    expect((await runMain(['score', './-team.yaml'], { cwd: dir })).code).toBe(0);
  });

  it('refuses to overwrite an existing file (exit 2) and leaves it as it was', async () => {
    const dir = freshDir('no-clobber');
    const target = join(dir, 'answers.yaml');
    writeFileSync(target, 'answers: { social-listening: 3 }\n');
    const result = await runMain(['template', '--output', target]);
    expectCleanFailure(result, 2);
    expect(result.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(result.stderr).toContain(target);
    expect(readFileSync(target, 'utf8')).toBe('answers: { social-listening: 3 }\n');
  });

  it('overwrites with --force', async () => {
    const dir = freshDir('force');
    const target = join(dir, 'answers.yaml');
    writeFileSync(target, 'answers: { social-listening: 3 }\n');
    const result = await runMain(['template', '--output', target, '--force']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(readFileSync(target, 'utf8')).toMatch(/^ {2}social-listening:$/m);
  });

  it('a missing folder: exit 2, no file created', async () => {
    const dir = freshDir('missing');
    const result = await runMain(['template', '--output', join(dir, 'nope', 'answers.yaml')]);
    expectCleanFailure(result, 2);
    expect(existsSync(join(dir, 'nope'))).toBe(false);
  });

  it('points the editor at the shipped JSON schema, relative to the file', async () => {
    const dir = freshDir('schema/deeper');
    await runMain(['template', '--output', join(dir, 'answers.yaml')]);
    const first = readFileSync(join(dir, 'answers.yaml'), 'utf8').split('\n')[0]!;
    const match = /^# yaml-language-server: \$schema=(.+)$/.exec(first);
    expect(match).not.toBeNull();
    expect(existsSync(join(dir, match![1]!))).toBe(true);
  });
});

describe('maturity template --rubric', () => {
  const rubric = fixture('ok', 'rubric-minimal.yaml');

  it('prints a blank file for a fixture rubric', async () => {
    const result = await runMain(['template', '--rubric', 'tests/fixtures/ok/rubric-minimal.yaml']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const keys = [...result.stdout.matchAll(/^ {2}([a-z0-9-]+):/gm)].map((m) => m[1]);
    expect(keys).toEqual(['has-plan', 'reviewed']);
    expect(result.stdout).toMatch(/^rubric: "?tests\/fixtures\/ok\/rubric-minimal\.yaml"?$/m);
    expect(result.stdout).toMatch(/^rubricVersion: 0\.1\.0$/m);
  });

  it('records the rubric path relative to the written file, so score needs no --rubric', async () => {
    const dir = freshDir('rubric-path/a/b');
    const target = join(dir, 'answers.yaml');
    const result = await runMain(['template', '--rubric', rubric, '--output', target]);
    expect(result.code).toBe(0);
    const text = readFileSync(target, 'utf8');
    const ref = /^rubric: "?([^"\n]+)"?$/m.exec(text)![1]!;
    expect(ref.startsWith('/')).toBe(false);
    expect(readFileSync(join(dir, ref), 'utf8')).toBe(readFileSync(rubric, 'utf8'));

    // Scored from another working folder, the path still resolves against the file.
    const blank = await scoreOne(target, dirname(dir));
    expect(blank.rubric).toEqual({ id: 'minimal', version: '0.1.0' });
    expect(blank.currentStage.number).toBe(0);
    expect(blank.unanswered).toEqual(['has-plan', 'reviewed']);

    writeFileSync(target, fill(fill(text, 'has-plan', '1'), 'reviewed', 'n/a'));
    const filled = await scoreOne(target, ROOT);
    // Finish is n/a (every question n/a), so it counts as attained: top stage.
    expect(filled.currentStage).toEqual({ number: 2, id: 'finish', name: 'Finish' });
    expect(filled.stages[1]!.score).toBeNull();
    expect(filled.completeness).toBe(1);
  });

  it('an unknown rubric name: exit 2, one line', async () => {
    const result = await runMain(['template', '--rubric', 'no-such-rubric']);
    expectCleanFailure(result, 2);
    expect(result.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(result.stderr).toContain('no-such-rubric');
  });
});
