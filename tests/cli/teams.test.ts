import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { fixture, lines, tempFolders } from '../helpers/run-cli.js';
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

  it('that mix rubrics are an error naming the group and two files; the others are reported', async () => {
    const dir = fresh('mixed');
    copyFileSync(fixture('ok', 'rubric-tiny.yaml'), join(dir, 'tiny.yaml'));
    write(dir, 'a.yaml', 'organization: Mixed\n');
    writeFileSync(join(dir, 'b.yaml'), 'rubric: tiny.yaml\norganization: Mixed\nanswers: {}\n');
    write(dir, 'c.yaml', 'organization: Fine\n');
    const run = await runMain(
      ['score', 'a.yaml', 'b.yaml', 'c.yaml', '--group-by', 'organization', '-f', 'json'],
      {
        cwd: dir,
      },
    );
    expect(run.code).toBe(2);
    expect(lines(run.stderr)).toEqual([
      expect.stringMatching(
        /^maturity: group Mixed: its files use different rubrics, e\.g\. a\.yaml \(social-business 1\.0\.0\) and b\.yaml \(\S+ \S+\)$/,
      ),
    ]);
    expect(JSON.parse(run.stdout).results.map((r: Json) => r.organization)).toEqual(['Fine']);
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
