import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { fixture, lines, ROOT, tempFolders } from '../helpers/run-cli.js';
import { runMain } from '../helpers/run-main.js';

const fresh = tempFolders('teams');
const TEAM = 'examples/team/*.yaml';

/** A small answers file for the built-in rubric. */
function write(dir: string, name: string, head: string, answers = 'social-listening: 3'): void {
  writeFileSync(join(dir, name), `rubric: social-business\n${head}answers:\n  ${answers}\n`);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the report as a script reads it
type Json = Record<string, any>;

async function results(
  args: string[],
  cwd?: string,
): Promise<{ code: number | null; results: Json[]; stderr: string }> {
  const run = await runMain(
    ['score', ...args, '--format', 'json'],
    cwd === undefined ? {} : { cwd },
  );
  return { code: run.code, results: JSON.parse(run.stdout).results, stderr: run.stderr };
}

describe('score --group-by: the example team', () => {
  it('gives one result for the five respondents of Contoso Outfitters, as SPEC §8 says', async () => {
    const {
      code,
      results: [team],
      stderr,
    } = await results([TEAM, '--group-by', 'organization']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(team!.source).toBeNull();
    expect(team!.organization).toBe('Contoso Outfitters');
    expect(team!.unit).toBeNull();
    expect(team!.group).toEqual({ by: ['organization'], key: ['Contoso Outfitters'] });
    expect(team!.combine).toBe('median');
    expect(team!.assessedAt).toBe('2026-11-20');
    expect(team!.members.map((m: Json) => m.source)).toEqual([
      'examples/team/cmo.yaml',
      'examples/team/hr-partner.yaml',
      'examples/team/it-manager.yaml',
      'examples/team/service-lead.yaml',
      'examples/team/social-lead.yaml',
    ]);
    expect(Object.keys(team!.members[0])).toEqual([
      'source',
      'respondent',
      'role',
      'currentStage',
      'maturityIndex',
      'completeness',
      'tenets',
    ]);
    // Respondents range from stage 1 to 3; their median answers sit at stage 2.
    expect(team!.members.map((m: Json) => m.currentStage.number)).toEqual([3, 1, 1, 2, 3]);
    expect(team!.currentStage.number).toBe(2);
    expect(team!.agreement).toBeGreaterThan(0);
    expect(team!.agreement).toBeLessThan(1);
    expect(team!.stages.every((s: Json) => 'agreement' in s)).toBe(true);
    const spreads = team!.disagreements.map((d: Json) => d.spread);
    expect(spreads).toEqual([...spreads].sort((a, b) => b - a));
    expect(spreads.every((s: number) => s >= 0.5)).toBe(true);
    const care = team!.disagreements.find((d: Json) => d.question === 'social-customer-care');
    expect(care).toMatchObject({
      tenet: 'post-transaction-support',
      stage: 'presence',
      min: 1,
      max: 3,
      spread: 0.5,
    });
    expect(care.answers).toHaveLength(5);
    expect(Object.keys(care.answers[0])).toEqual(['source', 'value']);
    expect(team!.roles.map((r: Json) => r.role)).toEqual([
      'Chief Marketing Officer',
      'Customer Service Lead',
      'HR Business Partner',
      'Head of Social Media',
      'IT Collaboration Manager',
    ]);
    expect(team!.roles[0]).toEqual({
      role: 'Chief Marketing Officer',
      members: 1,
      currentStage: { number: 3, id: 'engagement' },
      maturityIndex: team!.members[0].maturityIndex,
    });
  });

  it('prints the team report, then respondents, disagreements and roles, within 80 columns', async () => {
    const { stdout, code } = await runMain(['score', TEAM, '--group-by', 'organization']);
    expect(code).toBe(0);
    expect(lines(stdout)[0]).toBe('Contoso Outfitters  5 respondents');
    const order = [
      '\nStages',
      '\nGaps',
      '\nPath to',
      '\nRespondents',
      '\nWhere respondents disagree',
      '\nBy role',
    ];
    const at = order.map((heading) => stdout.indexOf(heading));
    expect(at.every((i) => i > 0)).toBe(true);
    expect(at).toEqual([...at].sort((a, b) => a - b));
    expect(stdout).toContain(
      'Respondents place you between stage 1 (Planning) and stage 3 (Engagement).',
    );
    expect(stdout).toContain('Aisha Bello (Customer Service Lead)');
    expect(stdout).toContain('“The social team answers DMs');
    expect(lines(stdout).filter((line) => [...line].length > 80)).toEqual([]);
  });

  it('writes Markdown sections, one CSV row, and one JUnit test suite per group', async () => {
    const markdown = (
      await runMain(['score', TEAM, '--group-by', 'organization', '-f', 'markdown'])
    ).stdout;
    for (const heading of ['### Respondents', '### Where respondents disagree', '### By role']) {
      expect(markdown).toContain(`\n${heading}\n`);
    }
    const csv = lines(
      (await runMain(['score', TEAM, '--group-by', 'organization', '-f', 'csv'])).stdout,
    );
    expect(csv).toHaveLength(2);
    const header = csv[0]!.split(',');
    const row = csv[1]!.split(',');
    expect(row[header.indexOf('organization')]).toBe('Contoso Outfitters');
    expect(row[header.indexOf('members')]).toBe('5');
    expect(Number(row[header.indexOf('agreement')])).toBeGreaterThan(0);
    const junit = (await runMain(['score', TEAM, '--group-by', 'organization', '-f', 'junit']))
      .stdout;
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(junit);
    expect(parsed.testsuites.testsuite.name).toBe('Contoso Outfitters');
  });

  it('combines by mean and by min when asked', async () => {
    const scores: number[] = [];
    for (const rule of ['min', 'median', 'mean']) {
      const {
        results: [team],
      } = await results([TEAM, '--group-by', 'organization', '--combine', rule]);
      expect(team!.combine).toBe(rule);
      scores.push(team!.stages[0].score);
    }
    // The minimum of the answers never scores above their median.
    expect(scores[0]).toBeLessThanOrEqual(scores[1]!);
  });
});

describe('groups', () => {
  it('are ordered by their values field by field (empty first), members by path', async () => {
    const dir = fresh('order');
    write(dir, 'b.yaml', 'organization: Beta\n');
    write(dir, 'z.yaml', 'organization: Alpha\nunit: Sales\n');
    write(dir, 'a.yaml', 'organization: Alpha\nunit: Sales\n');
    write(dir, 'c.yaml', 'unit: Ops\n');
    write(dir, 'd.yaml', 'organization: Alpha\n');
    const { results: groups } = await results(['*.yaml', '--group-by', 'organization,unit'], dir);
    expect(groups.map((g) => g.group.key)).toEqual([
      ['', 'Ops'],
      ['Alpha', ''],
      ['Alpha', 'Sales'],
      ['Beta', ''],
    ]);
    expect(groups[2]!.members.map((m: Json) => m.source)).toEqual(['a.yaml', 'z.yaml']);
    expect(groups[0]).toMatchObject({ organization: null, unit: 'Ops' });
    const text = (
      await runMain(['score', '*.yaml', '--group-by', 'organization,unit'], { cwd: dir })
    ).stdout;
    expect(lines(text)[0]).toBe('(no organization) · Ops  1 respondent');
  });

  it('of one member have no spreads: agreement null', async () => {
    const dir = fresh('one');
    write(dir, 'solo.yaml', 'organization: Solo\n');
    const {
      results: [group],
    } = await results(['solo.yaml', '--group-by', 'organization'], dir);
    expect(group!.agreement).toBeNull();
    expect(group!.disagreements).toEqual([]);
  });

  it('that mix rubrics or targets are an error naming the group, and are in every report in their place', async () => {
    const dir = fresh('failed-in-reports');
    copyFileSync(fixture('ok', 'rubric-tiny.yaml'), join(dir, 'tiny.yaml'));
    // "Able" sorts first: its row waits for the header the first scored team decides (CSV).
    write(dir, 'a.yaml', 'organization: Able\n');
    writeFileSync(join(dir, 'b.yaml'), 'rubric: tiny.yaml\norganization: Able\nanswers: {}\n');
    write(dir, 'c.yaml', 'organization: Fine\n');
    write(dir, 'd.yaml', 'organization: Targets\ntarget: strategic\n');
    write(dir, 'e.yaml', 'organization: Targets\ntarget: 3\n');
    const run = (format: string, files = '[a-e].yaml') =>
      runMain(['score', files, '--group-by', 'organization', '-f', format], { cwd: dir });
    const mixed =
      /^its files use different rubrics, e\.g\. a\.yaml \(social-business 1\.0\.0\) and b\.yaml/;
    const targets =
      'members name different targets (d.yaml: stage 5, e.yaml: stage 3); choose one with --target';

    const json = await run('json');
    expect(json.code).toBe(2);
    expect(lines(json.stderr)).toEqual([
      expect.stringMatching(
        /^maturity: group Able: its files use different rubrics, e\.g\. a\.yaml \(social-business 1\.0\.0\) and b\.yaml \(\S+ \S+\)$/,
      ),
      `maturity: group Targets: ${targets}`,
    ]);
    const report = JSON.parse(json.stdout);
    expect(report.results.map((r: Json) => r.organization)).toEqual(['Fine']);
    expect(report.errors).toEqual([
      {
        source: null,
        group: { by: ['organization'], key: ['Able'] },
        problems: [{ line: null, column: null, path: '', message: expect.stringMatching(mixed) }],
      },
      {
        source: null,
        group: { by: ['organization'], key: ['Targets'] },
        problems: [{ line: null, column: null, path: '', message: targets }],
      },
    ]);

    // A failed team's suite is named as the team's is when it scores, with its properties.
    const junit = new XMLParser({ ignoreAttributes: false }).parse((await run('junit')).stdout);
    const suites = junit.testsuites.testsuite as Json[];
    expect(suites.map((suite) => suite['@_name'])).toEqual(['Able', 'Fine', 'Targets']);
    expect(suites[2]).toMatchObject({
      '@_errors': '1',
      properties: { property: { '@_name': 'organization', '@_value': 'Targets' } },
      testcase: {
        '@_classname': 'maturity.Targets',
        '@_name': 'team scored',
        error: { '@_message': 'team not scored: 1 problem', '@_type': 'invalid', '#text': targets },
      },
    });
    // And scored, it is the suite of the same name.
    const scored = new XMLParser({ ignoreAttributes: false }).parse(
      (
        await runMain(
          ['score', '[de].yaml', '--group-by', 'organization', '--target', '2', '-f', 'junit'],
          { cwd: dir },
        )
      ).stdout,
    );
    expect(scored.testsuites.testsuite['@_name']).toBe('Targets');

    const csv = lines((await run('csv')).stdout);
    expect(csv[0]).toContain(',members,agreement,');
    expect(csv.slice(1).map((row) => row.split(',').slice(0, 7).join(','))).toEqual([
      ',Able,,,,,invalid',
      ',Fine,,,,,ok',
      ',Targets,,,,,invalid',
    ]);
    // Every team failed: the fixed columns only.
    const none = lines((await run('csv', '[abde].yaml')).stdout);
    expect(none.map((row) => row.split(',').slice(0, 7).join(','))).toEqual([
      'file,organization,unit,respondent,role,assessed_at,status',
      ',Able,,,,,invalid',
      ',Targets,,,,,invalid',
    ]);

    const text = (await run('text')).stdout;
    expect(text).toContain('Summary of 3 teams\n');
    expect(text).toMatch(/\ninvalid +- +- +1 problem +group Targets\n/);
    const markdown = (await run('markdown')).stdout;
    expect(markdown).toContain('## Summary of 3 teams\n');
    expect(markdown).toContain('| ❌ invalid | – | – | 1 problem | group Able |');
    const page = (await run('html')).stdout;
    expect(page).toContain('<h1>3 teams</h1>');
    expect(page).toContain('<tr class="invalid"><th scope="row">group Targets</th>');
    const nothing = (await run('html', '[abde].yaml')).stdout;
    expect(nothing).toContain('<p>No team could be scored.</p>');
    expect(nothing).toContain('<tr class="invalid"><th scope="row">group Able</th>');
  });

  it('whose rubric lacks the --target stage are reported without a target, as a file is, and exit 2', async () => {
    const dir = fresh('lacking-target');
    copyFileSync(fixture('ok', 'rubric-tiny.yaml'), join(dir, 'tiny.yaml'));
    write(dir, 'a.yaml', 'organization: Big\n');
    writeFileSync(join(dir, 'b.yaml'), 'rubric: tiny.yaml\norganization: Small\nanswers: {}\n');
    const args = [
      'score',
      '[ab].yaml',
      '--group-by',
      'organization',
      '--target',
      '5',
      '-f',
      'json',
    ];
    const run = await runMain(args, { cwd: dir });
    expect(run.code).toBe(2);
    expect(lines(run.stderr)).toEqual([
      'maturity: --target 5 is beyond the last stage of rubric tiny (2)',
    ]);
    const { results: teams, errors } = JSON.parse(run.stdout);
    expect(teams.map((t: Json) => [t.organization, t.target?.stage.number ?? null])).toEqual([
      ['Big', 5],
      ['Small', null],
    ]);
    expect(errors).toEqual([]);
  });

  it('of two copies of one rubric say where each comes from', async () => {
    const dir = fresh('copies');
    copyFileSync(join(ROOT, 'rubrics', 'social-business.yaml'), join(dir, 'sb.yaml'));
    writeFileSync(
      join(dir, 'a.yaml'),
      'rubric: social-business\norganization: Copies\nanswers: {}\n',
    );
    writeFileSync(join(dir, 'b.yaml'), 'rubric: sb.yaml\norganization: Copies\nanswers: {}\n');
    const run = await runMain(['score', 'a.yaml', 'b.yaml', '--group-by', 'organization'], {
      cwd: dir,
    });
    expect(run.code).toBe(2);
    expect(lines(run.stderr)).toEqual([
      'maturity: group Copies: its files use different rubrics, e.g. a.yaml (social-business 1.0.0, the built-in rubric) and b.yaml (social-business 1.0.0, from sb.yaml)',
    ]);
  });

  it('whose members name different targets are an error unless --target is given', async () => {
    const dir = fresh('targets');
    write(dir, 'a.yaml', 'organization: T\ntarget: strategic\n');
    write(dir, 'b.yaml', 'organization: T\ntarget: 3\n');
    write(dir, 'c.yaml', 'organization: T\n');
    const refused = await runMain(['score', '*.yaml', '--group-by', 'organization'], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(lines(refused.stderr)).toEqual([
      'maturity: group T: members name different targets (a.yaml: stage 5, b.yaml: stage 3); choose one with --target',
    ]);
    const {
      code,
      results: [group],
    } = await results(['*.yaml', '--group-by', 'organization', '--target', '4'], dir);
    expect(code).toBe(0);
    expect(group!.target.stage.id).toBe('formalized');
    write(dir, 'b.yaml', 'organization: T\ntarget: Strategic\n');
    const agreed = await results(['*.yaml', '--group-by', 'organization'], dir);
    expect(agreed.results[0]!.target.stage.id).toBe('strategic');
  });

  it('meet --min-stage on their own current stage; the message names the groups below', async () => {
    const run = await runMain([
      'score',
      TEAM,
      '--group-by',
      'organization',
      '--min-stage',
      'engagement',
    ]);
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toEqual([
      'maturity: below the minimum stage engagement (--min-stage): Contoso Outfitters',
    ]);
    expect(
      (await runMain(['score', TEAM, '--group-by', 'organization', '--min-stage', '2'])).code,
    ).toBe(0);
  });
});

describe('team options', () => {
  it('--combine needs --group-by, and both take only their documented values', async () => {
    const alone = await runMain(['score', TEAM, '--combine', 'mean']);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toBe(
      'maturity: --combine needs --group-by (it combines the files of a group)\n',
    );
    const bad = await runMain(['score', TEAM, '--group-by', 'department']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /^maturity: option '--group-by <fields>' argument 'department' is invalid/,
    );
  });
});

describe('collecting a team', () => {
  it('template pre-fills organization, unit, respondent, role and target', async () => {
    const run = await runMain([
      'template',
      '--organization',
      'Acme Corp',
      '--unit',
      'Service',
      '--respondent',
      'Dana',
      '--role',
      'Head of service',
      '--target',
      'Formalized',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      '\norganization: Acme Corp\nunit: Service\nrespondent: Dana\nrole: Head of service\nassessedAt:\n',
    );
    expect(run.stdout).toMatch(/\ntarget: formalized\nanswers:\n/);
    const bad = await runMain(['template', '--organization', 'Acme\u001b[2J']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'maturity: --organization must not contain control characters (only tabs and line breaks)\n',
    );
    const missing = await runMain(['template', '--target', 'nirvana']);
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe('');
  });
});

// SPEC §8 by hand, end to end. Scale 0–4 (q4: 0–2); threshold 0.5; each tenet weight 1.
//   one: t1 = q1, q2 (n/a allowed); t2 = q3        two: t3 = q4 (0–2), q5 (n/a allowed); t4 = q6
const CREW = `id: crew
version: 1.0.0
title: Crew
threshold: 0.5
scale:
  - { value: 0, label: Never }
  - { value: 1, label: Rarely }
  - { value: 2, label: Sometimes }
  - { value: 3, label: Often }
  - { value: 4, label: Always }
stages:
  - id: one
    name: One
    tenets:
      - id: t1
        title: T1
        questions: [{ id: q1, text: Q1? }, { id: q2, text: Q2?, notApplicable: true }]
        moves: [Do T1.]
      - { id: t2, title: T2, questions: [{ id: q3, text: Q3? }], moves: [Do T2.] }
  - id: two
    name: Two
    tenets:
      - id: t3
        title: T3
        questions:
          - id: q4
            text: Q4?
            scale: [{ value: 0, label: No }, { value: 1, label: Partly }, { value: 2, label: Yes }]
          - { id: q5, text: Q5?, notApplicable: true }
        moves: [Do T3.]
      - { id: t4, title: T4, questions: [{ id: q6, text: Q6? }], moves: [Do T4.] }
`;

/** Four members of Crew and one file with no organization. */
function crew(): string {
  const dir = fresh('crew');
  writeFileSync(join(dir, 'crew.rubric'), CREW);
  const file = (name: string, head: string, answers: string) =>
    writeFileSync(join(dir, name), `rubric: crew.rubric\n${head}answers:\n${answers}`);
  //          q1   q2    q3   q4   q5   q6
  // a Exec   4    n/a   3    2    n/a  –
  // b Staff  1    3     3    1    n/a  –
  // c Staff  2    n/a   1    1    –    –
  // d        0    –     –    1    –    –
  file(
    'a.yaml',
    'organization: Crew\nrespondent: Ana\nrole: Exec\nassessedAt: 2026-03-01\n',
    '  q1: 4\n  q2: n/a\n  q3: 3\n  q4: 2\n  q5: n/a\n',
  );
  file(
    'b.yaml',
    'organization: Crew\nrole: Staff\nassessedAt: 2026-03-05\n',
    '  q1: 1\n  q2: 3\n  q3: 3\n  q4: 1\n  q5: n/a\n',
  );
  file(
    'c.yaml',
    'organization: Crew\nrole: Staff\n',
    '  q1: 2\n  q2: n/a\n  q3: { value: 1, note: "Nobody checks." }\n  q4: 1\n',
  );
  file('d.yaml', 'organization: Crew\nassessedAt: 2026-03-02\n', '  q1: 0\n  q4: 1\n');
  file('e.yaml', '', '  q1: 4\n');
  return dir;
}

describe('a team by hand (SPEC §8)', () => {
  it('combines by median: an even count, n/a by some, by all and by nobody', async () => {
    const { code, results: groups } = await results(
      ['a.yaml', 'b.yaml', 'c.yaml', 'd.yaml', 'e.yaml', '--group-by', 'organization'],
      crew(),
    );
    expect(code).toBe(0);
    // The empty organization comes first: e.yaml alone, no spreads.
    expect(groups.map((g) => g.group)).toEqual([
      { by: ['organization'], key: [''] },
      { by: ['organization'], key: ['Crew'] },
    ]);
    expect(groups[0]).toMatchObject({ organization: null, assessedAt: null, agreement: null });
    const team = groups[1]!;
    expect(team).toMatchObject({ source: null, organization: 'Crew', combine: 'median' });
    expect(team.assessedAt).toBe('2026-03-05'); // the latest member's (c has none)
    // q1: 0 1 2 4 → (1 + 2) / 2 = 1.5; q2: only b's 3 is a number → 3; q3: 1 3 3 → 3;
    // q4: 1 1 1 2 → 1; q5: n/a by a and b, no number → n/a; q6: nobody → unanswered.
    const values = team.stages.flatMap((s: Json) =>
      s.tenets.flatMap((t: Json) => t.questions.map((q: Json) => q.value)),
    );
    expect(values).toEqual([1.5, 3, 3, 1, 'n/a', null]);
    // t1 = (1.5/4 + 3/4) / 2 = 0.5625; t2 = 0.75; one = (0.5625 + 0.75) / 2 = 0.65625 ≥ 0.5.
    // t3 = 1/2 (q5 n/a left out); t4 = 0; two = 0.25 < 0.5: stage 1, index 1 + 0.25.
    expect(team.stages.map((s: Json) => s.score)).toEqual([0.65625, 0.25]);
    expect(team.currentStage).toEqual({ number: 1, id: 'one', name: 'One' });
    expect(team.maturityIndex).toBe(1.25);
    expect(team.completeness).toBeCloseTo(5 / 6, 12); // q1–q5 answered (q5 as n/a)
    expect(team.unanswered).toEqual(['q6']);
    // Spreads: q1 (4 − 0) / 4 = 1; q2 one number: none; q3 (3 − 1) / 4 = 0.5;
    // q4 on its own 0–2 scale (2 − 1) / 2 = 0.5. one: 1 − (1 + 0.5) / 2 = 0.25; two: 1 − 0.5;
    // the team: 1 − (1 + 0.5 + 0.5) / 3 = 1/3.
    expect(team.stages.map((s: Json) => s.agreement)).toEqual([0.25, 0.5]);
    expect(team.agreement).toBeCloseTo(1 / 3, 12);
    expect(team.disagreements).toEqual([
      {
        question: 'q1',
        tenet: 't1',
        stage: 'one',
        min: 0,
        max: 4,
        spread: 1,
        answers: [
          { source: 'a.yaml', value: 4 },
          { source: 'b.yaml', value: 1 },
          { source: 'c.yaml', value: 2 },
          { source: 'd.yaml', value: 0 },
        ],
      },
      {
        question: 'q3',
        tenet: 't2',
        stage: 'one',
        min: 1,
        max: 3,
        spread: 0.5,
        answers: [
          { source: 'a.yaml', value: 3 },
          { source: 'b.yaml', value: 3 },
          { source: 'c.yaml', value: 1 },
          { source: 'd.yaml', value: null },
        ],
      },
      {
        question: 'q4',
        tenet: 't3',
        stage: 'two',
        min: 1,
        max: 2,
        spread: 0.5,
        answers: [
          { source: 'a.yaml', value: 2 },
          { source: 'b.yaml', value: 1 },
          { source: 'c.yaml', value: 1 },
          { source: 'd.yaml', value: 1 },
        ],
      },
    ]);
    // Each member alone: a one = (1 + 0.75) / 2, two = (1 + 0) / 2 = 0.5: the top, index 2;
    // b one = (0.5 + 0.75) / 2, two = 0.25: 1.25; c one = (0.5 + 0.25) / 2 = 0.375; d 0.
    expect(
      team.members.map((m: Json) => [
        m.source,
        m.respondent,
        m.role,
        m.currentStage.number,
        m.maturityIndex,
      ]),
    ).toEqual([
      ['a.yaml', 'Ana', 'Exec', 2, 2],
      ['b.yaml', null, 'Staff', 1, 1.25],
      ['c.yaml', null, 'Staff', 0, 0.375],
      ['d.yaml', null, null, 0, 0],
    ]);
    // Staff (b, c): q1 (1 + 2) / 2, q2 3, q3 (3 + 1) / 2, q4 1, q5 n/a:
    // one = (0.5625 + 0.5) / 2 = 0.53125, two = 0.25: stage 1, index 1.25. d has no role.
    expect(team.roles).toEqual([
      { role: 'Exec', members: 1, currentStage: { number: 2, id: 'two' }, maturityIndex: 2 },
      { role: 'Staff', members: 2, currentStage: { number: 1, id: 'one' }, maturityIndex: 1.25 },
    ]);
  });

  it('combines by mean and by min', async () => {
    const dir = crew();
    const team = async (rule: string) =>
      (
        await results(
          ['a.yaml', 'b.yaml', 'c.yaml', 'd.yaml', '--group-by', 'organization', '--combine', rule],
          dir,
        )
      ).results[0]!;
    // mean: q1 7/4 → t1 (7/16 + 3/4) / 2 = 0.59375; q3 7/3 → 7/12; one = (0.59375 + 7/12) / 2;
    // q4 5/4 → 5/8 = t3; two = 5/16: stage 1, index 1.3125.
    const mean = await team('mean');
    expect(mean.stages[0].score).toBeCloseTo((0.59375 + 7 / 12) / 2, 12);
    expect(mean.stages[1].score).toBe(0.3125);
    expect(mean.maturityIndex).toBe(1.3125);
    // min: q1 0 → t1 (0 + 3/4) / 2 = 0.375; q3 1 → 0.25; one = 0.3125 < 0.5: stage 0.
    // Staff alone: q1 1, q3 1 → one = ((0.25 + 0.75) / 2 + 0.25) / 2 = 0.375: stage 0.
    const min = await team('min');
    expect(min.stages.map((s: Json) => s.score)).toEqual([0.3125, 0.25]);
    expect(min.currentStage.number).toBe(0);
    expect(min.maturityIndex).toBe(0.3125);
    expect(min.roles[1]).toEqual({
      role: 'Staff',
      members: 2,
      currentStage: { number: 0, id: null },
      maturityIndex: 0.375,
    });
    // Spreads do not depend on the rule.
    expect(min.agreement).toBe(mean.agreement);
  });

  it('names members by respondent or file, with notes, in text and Markdown', async () => {
    const dir = crew();
    const args = ['score', '*.yaml', '--group-by', 'organization'];
    const text = (await runMain(args, { cwd: dir })).stdout;
    expect(text).toContain('\n    Rarely (1)  c.yaml (Staff)\n      “Nobody checks.”\n');
    expect(text).toContain('\n    unanswered  d.yaml\n');
    expect(text).toContain('\n  Exec (1)   2/2 Two  index 2.00\n');
    const markdown = (await runMain([...args, '-f', 'markdown'], { cwd: dir })).stdout;
    expect(markdown).toContain('\n1 respondent, combined by median.\n');
    expect(markdown).toContain('\n4 respondents, combined by median · agreement 33%.\n');
  });
});
