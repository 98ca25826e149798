// A reporter that reads only where a result stands (CSV) is given standings in a batch, which skip
// the gaps, path, moves and benchmarks; its rows must be those of whole results, byte for byte.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  prepareRun,
  reportFile,
  reportResult,
  type ScorePlan,
} from '../../src/batch/report-files.js';
import { scoreFile } from '../../src/batch/score-files.js';
import { groupFiles, scoreGroup, type MemberFile } from '../../src/batch/group.js';
import { rubricForAnswers } from '../../src/batch/rubric-cache.js';
import type { AnswersSource } from '../../src/answers/load.js';
import type { GroupField } from '../../src/report/types.js';

const root = join(import.meta.dirname, '..', '..');
const EXAMPLES = [
  'examples/acme-engagement.yaml',
  'examples/globex-coe-trap.yaml',
  'examples/initech-strategic.yaml',
  'examples/northwind-planning.yaml',
  'examples/quick-check.yaml',
];

function plan(format: ScorePlan['format'], extra: Partial<ScorePlan> = {}): ScorePlan {
  return { format, color: false, moves: 5, strict: false, grouped: false, ...extra };
}

describe('standings for a reporter that reads nothing else', () => {
  it('are what CSV is given, and its rows are those of whole results', async () => {
    for (const extra of [{}, { target: 'strategic', minStage: 'engagement' }]) {
      const run = await prepareRun(plan('csv', extra), root);
      const { reporter } = run;
      if (reporter.reads !== 'standing') throw new Error('CSV should read the standing only');
      // What the reporter is given: whole results (with gaps) or standings.
      const given: boolean[] = [];
      const item = reporter.item;
      reporter.item = (result, options) => {
        given.push('gaps' in result.assessment);
        return item(result, options);
      };
      reporter.begin(run.reportOptions);
      const chunks: string[] = [];
      for (const file of EXAMPLES) {
        const report = await reportFile(run, { file, found: false });
        expect(report.problems).toEqual([]);
        chunks.push(report.chunk);
      }
      expect(given).toEqual(EXAMPLES.map(() => false));
      // The same files scored whole, rendered by a CSV reporter of its own.
      const wholeRun = await prepareRun(plan('csv', extra), root);
      const results = [];
      for (const file of EXAMPLES) {
        const { result } = await scoreFile(file, root, wholeRun.rubrics, {
          moves: 5,
          target: wholeRun.targetFor,
        });
        expect(result?.assessment.gaps).toBeDefined();
        results.push(reportResult(wholeRun, result!, file));
      }
      expect(chunks).toEqual(results.map((report) => report.chunk));
      expect(chunks[0]).toContain('stage_1_planning');
    }
  });

  it('are what CSV is given for teams too, and their rows are those of whole team results', async () => {
    const files = [
      ...['cmo', 'hr-partner', 'it-manager', 'service-lead', 'social-lead'].map(
        (name) => `examples/team/${name}.yaml`,
      ),
      // (quick-check's organization is the team's, on another rubric.)
      ...EXAMPLES.filter((file) => !file.includes('quick-check')),
      'examples/history/2026-11-10-cmo.yaml',
      'examples/history/2026-11-10-strategist.yaml',
    ];
    const by: GroupField[] = ['organization'];
    for (const extra of [{}, { target: 'strategic', minStage: 'engagement' }]) {
      const run = await prepareRun(plan('csv', { ...extra, grouped: true }), root);
      const members: MemberFile[] = [];
      for (const file of files) {
        const report = await reportFile(run, { file, found: false });
        expect(report.problems).toEqual([]);
        const rubric = await rubricForAnswers(run.rubrics, join(root, file), undefined, {
          answers: report.member!.answers,
        } as unknown as AnswersSource);
        members.push({ file, rubric, ...report.member! });
      }
      const groups = groupFiles(members, by);
      expect(groups.some((group) => group.members.length > 1)).toBe(true);
      const options = { combine: 'median' as const, moves: 5, target: run.targetFor };
      const standings = groups.map((group) => {
        const scored = scoreGroup(group, by, options, true);
        if ('problem' in scored) throw new Error(scored.problem);
        expect(Object.keys(scored.result.assessment)).not.toContain('gaps');
        expect(Object.keys(scored.result.team!)).not.toContain('disagreements');
        return scored.result;
      });
      const wholes = groups.map((group) => {
        const scored = scoreGroup(group, by, options);
        if ('problem' in scored) throw new Error(scored.problem);
        expect(scored.result.team!.disagreements).toBeDefined();
        return scored.result;
      });
      // Each rendered by a CSV reporter of its own: the same rows, byte for byte.
      const rows = async (results: Parameters<typeof reportResult>[1][]) => {
        const own = await prepareRun(plan('csv', { ...extra, grouped: true }), root);
        own.reporter.begin(own.reportOptions);
        return results.map((result) => reportResult(own, result));
      };
      const fromStandings = await rows(standings);
      const fromWholes = await rows(wholes);
      expect(fromStandings.map((r) => r.chunk)).toEqual(fromWholes.map((r) => r.chunk));
      expect(fromStandings.map((r) => [r.row, r.belowStage, r.incomplete])).toEqual(
        fromWholes.map((r) => [r.row, r.belowStage, r.incomplete]),
      );
      expect(fromStandings[0]!.chunk).toContain('members,agreement');
    }
  });

  it('hold the scores and stage but none of the analysis', async () => {
    const run = await prepareRun(plan('csv'), root);
    const outcome = await scoreFile(EXAMPLES[0]!, root, run.rubrics, { standing: true });
    expect(outcome.result).toBeUndefined();
    const standing = outcome.standing!;
    expect(standing.assessment.currentStage).toEqual({
      number: 2,
      id: 'presence',
      name: 'Presence',
    });
    expect(standing.assessment.maturityIndex).toBeCloseTo(2.475, 12);
    expect(Object.keys(standing.assessment)).not.toContain('gaps');
    expect(Object.keys(standing.assessment)).not.toContain('moves');
  });

  it('are refused by a reporter of whole results (a bug, not a file problem)', async () => {
    const csv = await prepareRun(plan('csv'), root);
    const { standing } = await scoreFile(EXAMPLES[0]!, root, csv.rubrics, { standing: true });
    for (const format of ['json', 'text', 'junit', 'markdown'] as const) {
      const run = await prepareRun(plan(format), root);
      expect(run.reporter.reads).toBeUndefined();
      expect(() => reportResult(run, standing!, EXAMPLES[0]!)).toThrow(/standing only/);
    }
  });
});
