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
