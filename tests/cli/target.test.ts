import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { fixture, lines, ROOT, tempFolders } from '../helpers/run-cli.js';
import { runMain } from '../helpers/run-main.js';

const fresh = tempFolders('target');
const ACME = 'examples/acme-engagement.yaml';

async function json(args: string[], cwd?: string) {
  const result = await runMain(['score', ...args, '--format', 'json'], cwd ? { cwd } : {});
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the report as a script reads it
  return JSON.parse(result.stdout).results as Record<string, any>[];
}

/** An answers file for the built-in rubric with the given extra top-level lines. */
function answersFile(dir: string, name: string, head: string): string {
  const path = join(dir, name);
  writeFileSync(path, `rubric: social-business\n${head}answers:\n  social-listening: 3\n`);
  return path;
}

describe('score --target', () => {
  it('gives the target, progress and a roadmap of three phases for Acme', async () => {
    const [result] = await json([ACME, '--target', 'strategic']);
    const target = result!.target;
    expect(target.stage).toEqual({ number: 5, id: 'strategic', name: 'Strategic' });
    expect(target.reached).toBe(false);
    expect(target.phases.map((p: { stage: string }) => p.stage)).toEqual([
      'engagement',
      'formalized',
      'strategic',
    ]);
    // Stages 1 and 2 attained; the others count score / threshold.
    const scores = result!.stages.map((s: { score: number }) => s.score);
    expect(target.progress).toBeCloseTo((1 + 1 + scores[2] / 0.7 + scores[3] / 0.7 + 0) / 5, 12);
    for (const phase of target.phases) {
      expect(Object.keys(phase)).toEqual(['stage', 'score', 'threshold', 'tenets', 'moves']);
      for (const tenet of phase.tenets) expect(tenet.raiseTo).toBe(phase.threshold);
    }
  });

  it('gives Acme a path of one-level raises and phases ordered by impact, by hand', async () => {
    const [result] = await json([ACME, '--target', 'strategic']);
    // Engagement (threshold 0.7) has five tenets of weight 2, each 1/5 of the stage score:
    // build-communities (2 questions) 0.625, speed-path-to-purchase 0.5 (advocate-program 2; the
    // attribution question n/a, so advocate-program carries the tenet), social-support 0.375,
    // risk-and-training (3 questions) 0.5, employee-engagement 0.375: stage 2.375 / 5 = 0.475.
    // Gains of one level (1/4 of the 0–4 scale): advocate-program 1/5 × 1 × 1/4 = 0.05; the
    // questions of the two-question tenets 1/5 × 1/2 × 1/4 = 0.025; risk-and-training's 1/60.
    // advocate-program 2 → 3 → 4: 0.575. Then ties at 0.025 go in rubric order:
    // conversation-participation 3 → 4: 0.6; peer-community 2 → 3 → 4: 0.65;
    // direct-social-support 3 → 4: 0.675; peer-to-peer-support (unanswered, from 0) → 1: 0.7 ✓
    expect(result!.path).toEqual({
      stage: 'engagement',
      steps: [
        { question: 'advocate-program', tenet: 'speed-path-to-purchase', from: 2, to: 4 },
        { question: 'conversation-participation', tenet: 'build-communities', from: 3, to: 4 },
        { question: 'peer-community', tenet: 'build-communities', from: 2, to: 4 },
        { question: 'direct-social-support', tenet: 'social-support', from: 3, to: 4 },
        { question: 'peer-to-peer-support', tenet: 'social-support', from: null, to: 1 },
      ],
      tenets: ['speed-path-to-purchase', 'build-communities', 'social-support'],
    });
    // progress: (1 + 1 + 0.475 / 0.7 + (0.75 + 0 + 2/12) / 7 / 0.7 + 0) / 5
    expect(result!.target.progress).toBeCloseTo((2 + 0.475 / 0.7 + 0.9166667 / 7 / 0.7) / 5, 6);
    const order = result!.target.phases.map((p: { tenets: { tenet: string }[] }) =>
      p.tenets.map((t) => t.tenet),
    );
    expect(order).toEqual([
      // impacts 2 × (0.7 − 0.375) = 0.65 twice (rubric order), 0.4 twice (rubric order), 0.15
      [
        'social-support',
        'employee-engagement',
        'speed-path-to-purchase',
        'risk-and-training',
        'build-communities',
      ],
      // center-of-excellence 2 × 0.7 = 1.4, executive-sponsor 3 × 0.45 = 1.35, governance 2 × 0.617
      ['center-of-excellence', 'executive-sponsor', 'organization-governance'],
      // all at 0: weight 3 × 0.7 twice, then weight 2 × 0.7 twice, each pair in rubric order
      [
        'integrate-across-business',
        'executive-engagement',
        'steering-committee',
        'distribute-to-business-units',
      ],
    ]);
  });

  it('puts the target and the roadmap in the markdown report, foundation phases flagged', async () => {
    const acme = (await runMain(['score', ACME, '--target', 'strategic', '-f', 'markdown'])).stdout;
    expect(acme).toContain('\n\nTarget: Strategic (stage 5 of 6) · 57% of the way · not reached\n');
    expect(acme).toContain('\n### Roadmap to Strategic\n\n3 phases, lowest stage first.\n');
    expect(acme).toContain('\n#### Phase 1: 3 Engagement (48% → 70%)\n\n- **Support through');
    expect(acme).toContain('\n#### Phase 3: 5 Strategic (0% → 70%)\n');
    expect(acme).not.toContain('Fix the foundation first');
    const globex = (
      await runMain(['score', 'examples/globex-coe-trap.yaml', '--target', '5', '-f', 'markdown'])
    ).stdout;
    expect(globex).toContain(
      '\n#### Phase 1: 1 Planning (69% → 70%)\n\nFix the foundation first: a later stage is attained already.\n',
    );
    expect(globex).toMatch(/\n#### Phase 2: 5 Strategic \(44% → 70%\)\n\n- /);
    const text = (await runMain(['score', 'examples/globex-coe-trap.yaml', '--target', '5']))
      .stdout;
    expect(text).toMatch(/\n {2}Phase 1 · 1 Planning {2}69% → 70% {2}fix the foundation first\n/);
    expect(text).toMatch(/\n {2}Phase 2 · 5 Strategic {2}44% → 70%\n/);
  });

  it('never rounds progress up to 100% while the target is not reached', async () => {
    const dir = fresh('almost');
    writeFileSync(
      join(dir, 'rubric.yaml'),
      [
        'id: almost',
        'version: 1.0.0',
        'title: Almost',
        'threshold: 0.7',
        'scale: [{ value: 0, label: None }, { value: 697, label: Nearly }, { value: 1000, label: All }]',
        'stages:',
        '  - { id: one, name: One, tenets: [{ id: t, title: T, questions: [{ id: q, text: Q? }], moves: [m] }] }',
        '',
      ].join('\n'),
    );
    writeFileSync(join(dir, 'a.yaml'), 'rubric: rubric.yaml\ntarget: one\nanswers: { q: 697 }\n');
    // score 697 / 1000 = 0.697 < 0.7: progress 0.697 / 0.7 = 0.9957, which rounds to 100%.
    const [result] = await json(['a.yaml'], dir);
    expect(result!.target).toMatchObject({ reached: false, progress: 0.697 / 0.7 });
    const text = await runMain(['score', 'a.yaml'], { cwd: dir });
    expect(text.stdout).toContain('\nTarget: One (stage 1 of 1) · 99% of the way · not reached\n');
    const junit = await runMain(['score', 'a.yaml', '-f', 'junit'], { cwd: dir });
    expect(junit.stdout).toContain('<skipped message="99% of the way to One; 1 phase to go"/>');
    const html = await runMain(['score', 'a.yaml', '-f', 'html'], { cwd: dir });
    expect(html.stdout).toContain('aria-label="99% of the way"');
    expect(html.stdout).toContain('<dt>Target</dt><dd>99%<small>');
  });

  it('takes the stage by id, by name in any case, or by number', async () => {
    const [byId] = await json([ACME, '--target', 'strategic']);
    for (const value of ['Strategic', 'STRATEGIC', '5']) {
      const [other] = await json([ACME, '--target', value]);
      expect(other!.target).toEqual(byId!.target);
    }
  });

  it('prints the target line and the roadmap in the text report', async () => {
    const { stdout, code } = await runMain(['score', ACME, '--target', 'strategic']);
    expect(code).toBe(0);
    expect(stdout).toContain('\nTarget: Strategic (stage 5 of 6) · ');
    expect(stdout).toContain('\nRoadmap to Strategic  3 phases, lowest stage first\n');
    expect(stdout).toMatch(/\n {2}Phase 1 · 3 Engagement {2}48% → 70%\n/);
    expect(stdout).toMatch(/\n {2}Phase 3 · 5 Strategic {2}0% → 70%\n/);
    expect(lines(stdout).filter((line) => [...line].length > 80)).toEqual([]);
  });

  it('has a skipped JUnit test case for a target not reached, and a passing one when reached', async () => {
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });
    const suite = (xml: string) => parser.parse(xml).testsuites.testsuite;
    const far = suite(
      (await runMain(['score', ACME, '--target', 'strategic', '-f', 'junit'])).stdout,
    );
    const testcase = far.testcase.find(
      (t: { name: string }) => t.name === 'reaches target Strategic',
    );
    expect(testcase.skipped.message).toMatch(/^\d+% of the way to Strategic; 3 phases to go$/);
    expect(far.skipped).toBe('1');
    expect(far.tests).toBe('7');
    const near = suite((await runMain(['score', ACME, '--target', '1', '-f', 'junit'])).stdout);
    const passed = near.testcase.find(
      (t: { name: string }) => t.name === 'reaches target Planning',
    );
    expect(passed).toEqual({
      classname: 'social-business.examples/acme-engagement.yaml',
      name: 'reaches target Planning',
    });
    expect(near.skipped).toBe('0');
  });

  it('adds target columns to CSV, empty without a target', async () => {
    const withTarget = lines((await runMain(['score', ACME, '--target', '3', '-f', 'csv'])).stdout);
    const header = withTarget[0]!.split(',');
    const row = withTarget[1]!.split(',');
    const cell = (name: string) => row[header.indexOf(name)];
    expect(cell('target')).toBe('engagement');
    expect(cell('target_reached')).toBe('false');
    expect(Number(cell('target_progress'))).toBeGreaterThan(0.5);
    const without = lines((await runMain(['score', ACME, '-f', 'csv'])).stdout);
    expect(without[1]!.split(',')[header.indexOf('target')]).toBe('');
  });

  it('refuses a stage the --rubric lacks before anything is written', async () => {
    const dir = fresh('unknown');
    const result = await runMain(
      [
        'score',
        join(ROOT, ACME),
        '--rubric',
        'social-business',
        '--target',
        'nirvana',
        '-o',
        'out.json',
      ],
      { cwd: dir },
    );
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(lines(result.stderr)).toEqual([
      'maturity: --target "nirvana" is not a stage of rubric social-business (planning, presence, engagement, formalized, strategic, converged, or 0 to 6)',
    ]);
    expect(readdirSync(dir)).toEqual([]);
    const beyond = await runMain(['score', ACME, '--rubric', 'social-business', '--target', '7']);
    expect(lines(beyond.stderr)).toEqual([
      'maturity: --target 7 is beyond the last stage of rubric social-business (6)',
    ]);
  });

  it('says once per rubric when the files’ rubric lacks the stage, and exits 2', async () => {
    const result = await runMain([
      'score',
      ACME,
      'examples/northwind-planning.yaml',
      '--target',
      'x',
    ]);
    expect(result.code).toBe(2);
    expect(lines(result.stderr)).toHaveLength(1);
  });
});

describe('target: in an answers file', () => {
  it('is used when --target is not given, and --target wins over it', async () => {
    const dir = fresh('field');
    answersFile(dir, 'a.yaml', 'target: formalized\n');
    const [fromFile] = await json(['a.yaml'], dir);
    expect(fromFile!.target.stage.id).toBe('formalized');
    const [fromFlag] = await json(['a.yaml', '--target', '2'], dir);
    expect(fromFlag!.target.stage.id).toBe('presence');
    answersFile(dir, 'number.yaml', 'target: 3\n');
    expect((await json(['number.yaml'], dir))[0]!.target.stage.id).toBe('engagement');
    answersFile(dir, 'none.yaml', 'target:\n');
    expect((await json(['none.yaml'], dir))[0]!.target).toBeNull();
  });

  it('is an error with its position when the rubric has no such stage', async () => {
    const dir = fresh('bad');
    answersFile(dir, 'bad.yaml', 'organization: X\ntarget: nirvana\n');
    const result = await runMain(['score', 'bad.yaml'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(lines(result.stderr)).toEqual([
      'bad.yaml:3:9: target "nirvana" is not a stage of rubric social-business (planning, presence, engagement, formalized, strategic, converged, or 0 to 6) (at target)',
    ]);
    answersFile(dir, 'half.yaml', 'target: 2.5\n');
    const half = await runMain(['score', 'half.yaml'], { cwd: dir });
    expect(lines(half.stderr)).toEqual([
      'half.yaml:2:9: target must be a stage id or name, or a stage number (0 or more), not the number 2.5 (at target)',
    ]);
  });

  it('that names no stage is only a warning, with its position, under --target (which replaces it)', async () => {
    const dir = fresh('bad-overridden');
    answersFile(dir, 'bad.yaml', 'organization: X\ntarget: nirvana\n');
    const nirvana =
      'target "nirvana" is not a stage of rubric social-business (planning, presence, engagement, formalized, strategic, converged, or 0 to 6); --target (stage 2) is used instead';
    for (const format of ['json', 'csv']) {
      const result = await runMain(['score', 'bad.yaml', '--target', '2', '--format', format], {
        cwd: dir,
      });
      expect(result.code).toBe(0);
      expect(lines(result.stderr)).toEqual([`bad.yaml:3:9: warning: ${nirvana}`]);
      if (format === 'json') {
        expect(JSON.parse(result.stdout).results[0].target.stage.id).toBe('presence');
      }
    }
    // Many such files (names with a control character too), in the main thread or in workers, one
    // by one or in teams: named for the first ten, then counted.
    for (let i = 0; i < 12; i += 1) {
      answersFile(
        dir,
        `many\t${String(i).padStart(2, '0')}.yaml`,
        'organization: M\ntarget: nirvana\n',
      );
    }
    for (const extra of [[], ['--group-by', 'organization']]) {
      for (const threads of ['0', '1']) {
        const many = await runMain(
          ['score', 'many*.yaml', '--target', '2', '-f', 'csv', ...extra],
          {
            cwd: dir,
            env: { MATURITY_THREADS: threads },
          },
        );
        expect(many.code).toBe(0);
        expect(lines(many.stderr)).toEqual([
          ...Array.from(
            { length: 10 },
            (_, i) => `many\\t${String(i).padStart(2, '0')}.yaml:3:9: warning: ${nirvana}`,
          ),
          `maturity: warning: the same for 2 more files: ${nirvana}`,
        ]);
      }
    }
    // Where the rubric lacks --target's stage, the file's own target is used: its problem stays.
    writeFileSync(join(dir, 'tiny.yaml'), readFileSync(fixture('ok', 'rubric-tiny.yaml'), 'utf8'));
    writeFileSync(
      join(dir, 'tiny-answers.yaml'),
      'rubric: tiny.yaml\ntarget: nirvana\nanswers: {}\n',
    );
    const lacking = await runMain(['score', 'tiny-answers.yaml', '--target', '5'], { cwd: dir });
    expect(lacking.code).toBe(2);
    expect(lines(lacking.stderr)[0]).toMatch(
      /^tiny-answers\.yaml:2:9: target "nirvana" is not a stage of rubric /,
    );
    // progress takes it the same way.
    writeFileSync(
      join(dir, 'dated.yaml'),
      'rubric: social-business\norganization: X\nassessedAt: 2026-01-01\ntarget: nirvana\nanswers:\n  social-listening: 3\n',
    );
    const progress = await runMain(['progress', 'dated.yaml', '--target', '2'], { cwd: dir });
    expect(progress.code).toBe(0);
    expect(lines(progress.stderr)).toEqual([`dated.yaml:4:9: warning: ${nirvana}`]);
    // A value of the wrong type is still the file's error.
    answersFile(dir, 'half.yaml', 'target: 2.5\n');
    const half = await runMain(['score', 'half.yaml', '--target', '2'], { cwd: dir });
    expect(half.code).toBe(2);
    // And an interview with --target continues the file, saving the flag's stage in its place.
    copyFileSync(
      join(ROOT, 'tests', 'fixtures', 'assess', 'small-rubric.yaml'),
      join(dir, 'small.yaml'),
    );
    writeFileSync(
      join(dir, 'interview.yaml'),
      'rubric: small.yaml\norganization: Acme\nunit: Ops\ntarget: nirvana\nanswers:\n  has-plan: 1\n  has-budget: 2\n',
    );
    const assess = await runMain(['assess', 'interview.yaml', '--target', 'finish'], {
      cwd: dir,
      keys: [
        ['question 3 of 4', 'n\r'],
        ['question 4 of 4', '2\r'],
      ],
    });
    expect(assess.code).toBe(0);
    expect(readFileSync(join(dir, 'interview.yaml'), 'utf8')).toMatch(/^target: finish$/m);
  });

  it('is in the template with the stages to choose from', async () => {
    const { stdout } = await runMain(['template']);
    expect(stdout).toMatch(
      /\n# The stage you aim for, for a roadmap to it \(optional\): planning, presence,[^\n]*\n#[^\n]*\ntarget:\nanswers:\n/,
    );
  });
});
