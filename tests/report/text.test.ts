import { describe, expect, it } from 'vitest';
import { loadPaint, PLAIN } from '../../src/format/paint.js';
import { render } from '../../src/report/index.js';
import { textReporter } from '../../src/report/text.js';
import type { SummaryRow } from '../../src/report/types.js';
import { nonLinearNotes } from '../../src/report/wording.js';
import { summaryCount } from '../../src/report/outline.js';
import {
  ANSI,
  BUILTIN,
  builtinAll3,
  builtinPartial,
  builtinTrap,
  scored,
  SMALL,
  SMALL_CLIMBING,
  SMALL_GAP_NO_TRAP,
  SMALL_TOP,
  SMALL_TRAP,
} from './helpers.js';

const plain = { color: false, paint: PLAIN };
const oneSpace = (text: string) => text.replace(/\s+/g, ' ');

describe('text reporter', () => {
  const trap = scored(SMALL, SMALL_TRAP, { organization: 'Acme', unit: 'Ops' });

  it('puts the stage and index first', () => {
    const lines = render(textReporter, [trap], plain).split('\n');
    expect(lines[0]).toBe('Acme · Ops  answers.yaml');
    expect(lines[1]).toBe('Small | test rubric 1.2.0');
    expect(lines[3]).toBe('Stage 0 of 4 — not yet at Listen · index 0.25');
    expect(lines[4]).toBe('Completeness 100% (6 of 6 questions answered)');
  });

  it('has no ANSI escape without colour, and colours with it', async () => {
    expect(render(textReporter, [trap], plain)).not.toMatch(ANSI);
    expect(render(textReporter, [trap], { color: true, paint: await loadPaint(true) })).toMatch(
      ANSI,
    );
  });

  it('colours nothing but the styling: without the escapes the text is the same', async () => {
    // eslint-disable-next-line no-control-regex -- stripping escape sequences
    const strip = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '');
    expect(strip(render(textReporter, [trap], { color: true, paint: await loadPaint(true) }))).toBe(
      render(textReporter, [trap], plain),
    );
  });

  it('shows a bar per stage with score, threshold and status', () => {
    const out = render(textReporter, [trap], plain);
    expect(out).toMatch(/^ {2}1 Listen +[█░|]{24} {2}25% \/ {2}70% {2}next$/m);
    expect(out).toMatch(/^ {2}2 Pilot <& test> +[█|]{24} 100% \/ {2}70% {2}attained$/m);
    expect(out).toContain('  4 Extras         n/a (every question answered n/a)');
  });

  it("warns of a tenet's pitfall when its stage is attained above a gap", () => {
    const out = oneSpace(render(textReporter, [trap], plain));
    expect(out).toContain(
      'Ahead: Pilot <& test>, Hub | core are attained although an earlier stage is not',
    );
    expect(out).toContain('Foundation gaps: Listen is not attained while a later stage is.');
    expect(out).toContain(
      'Pitfall: Hub | core is attained on top of foundation gaps. A hub built before the groundwork tends to stall | start over.',
    );
    for (const note of nonLinearNotes(trap.assessment, SMALL)) expect(out).toContain(note);
  });

  it('gives no pitfall note when the stage is not attained', () => {
    const out = oneSpace(render(textReporter, [scored(SMALL, SMALL_GAP_NO_TRAP)], plain));
    expect(out).toContain('Foundation gaps: Listen');
    expect(out).not.toContain('Pitfall');
  });

  it('notes the trap on the built-in rubric', () => {
    const result = scored(BUILTIN, builtinTrap());
    expect(result.assessment.foundationGaps).toEqual(['planning']);
    const out = oneSpace(render(textReporter, [result], plain));
    expect(out).toContain(
      'Pitfall: Formalized is attained on top of foundation gaps. This is the center-of-excellence trap:',
    );
  });

  it('lists gaps, the path, moves and unanswered questions', () => {
    const out = render(textReporter, [scored(SMALL, SMALL_CLIMBING)], plain);
    expect(out).toContain('\n    0.20  50%/70%  Hub | core › Build a centre of excellence\n');
    expect(out).toContain('Path to Hub | core');
    // Both hub tenets gain ½ × ¼ a level: the mandate (first in rubric order) 2 → 4 reaches 0.5,
    // then the unanswered framework 0 → 2 reaches (1 + 0.5) / 2 = 0.75.
    expect(out).toContain(
      [
        'Path to Hub | core',
        '  To attain Hub | core (25% → 70%), raise 2 answers, 4 levels in all:',
        '  - Does the CoE have a mandate?',
        '    Defined (2) → Leading (4)',
        '  - Is there a governance framework?',
        '    unanswered → Defined (2)',
        '  The first recommended move works on Hub | core › Govern, which this path',
        '  raises.',
      ].join('\n'),
    );
    expect(out).toContain('  1. Adopt a framework.\n     Hub | core › Govern');
    expect(out).toContain('Unanswered (2)  scored as 0\n  governance-framework, optional-a\n');
  });

  it('says so at the top stage', () => {
    const out = render(textReporter, [scored(SMALL, SMALL_TOP)], plain);
    expect(out).toContain('Top stage reached — keep every stage above its threshold.');
    expect(out).not.toContain('Path to');
  });

  it('stays within 80 columns on the built-in rubric', () => {
    const results = [builtinAll3(), builtinTrap(), builtinPartial(), {}].map((answers, i) =>
      scored(BUILTIN, answers, { source: `team-${i}.yaml`, organization: 'Acme Corp' }),
    );
    const out = render(textReporter, results, plain);
    const long = out.split('\n').filter((line) => [...line].length > 80);
    expect(long).toEqual([]);
  });

  it('adds a summary for several files, and only then', () => {
    const one = [scored(SMALL, SMALL_TRAP, { source: 'a.yaml' })];
    const two = [...one, scored(SMALL, SMALL_TOP, { source: 'b.yaml', organization: 'Beta' })];
    expect(render(textReporter, one, plain)).not.toContain('Summary');
    const out = render(textReporter, two, plain);
    expect(out).toMatch(/Summary of 2 files\nSTAGE +INDEX +ANSWERED +ORGANIZATION +FILE\n/);
    expect(out).toMatch(/^0\/4 \(none\) +0\.25 +100% +- +a\.yaml$/m);
    expect(out).toMatch(/^4\/4 Extras +4\.00 +100% +Beta +b\.yaml$/m);
  });

  it('gives a long summary in pieces of a thousand lines, aligned across them', () => {
    const rows: SummaryRow[] = Array.from({ length: 2_500 }, (_, i) => ({
      status: 'ok',
      kind: 'file',
      who: i === 1_700 ? 'A much longer organization name' : `Org ${i}`,
      source: `f-${i}.yaml`,
      stageCount: 4,
      currentStage: { number: 1, id: 'a', name: 'Alpha' },
      maturityIndex: 1.5,
      completeness: 1,
      gate: null,
    }));
    const pieces = [...(textReporter.end(rows, plain, rows.length) as Iterable<string>)];
    // The title and header, then 1,000 + 1,000 + 500 rows.
    expect(pieces.map((piece) => piece.split('\n').length - 1)).toEqual([3, 1_000, 1_000, 500]);
    const lines = pieces.join('').split('\n');
    expect(lines[1]).toBe('Summary of 2500 files');
    // A label in the third piece widens the column of every row, in every piece.
    const fileColumn = lines[2]!.indexOf('FILE');
    expect(lines[3]!.indexOf('f-0.yaml')).toBe(fileColumn);
    expect(lines.at(-2)!.indexOf('f-2499.yaml')).toBe(fileColumn);
    expect(lines[3 + 1_700]).toMatch(/A much longer organizat… +f-1700\.yaml$/);
  });

  it('streams pieces that add up to the whole report, the same every time', () => {
    const results = [scored(SMALL, SMALL_TRAP), scored(SMALL, SMALL_CLIMBING)];
    const whole = render(textReporter, results, plain);
    expect(render(textReporter, results, plain)).toBe(whole);
    const pieces = [
      textReporter.begin(plain),
      textReporter.item(results[0]!, plain),
      textReporter.separator,
      textReporter.item(results[1]!, plain),
    ];
    expect(pieces[0]).toBe('');
    expect(pieces[2]).toBe('\n');
    expect(pieces[3]!.startsWith('answers.yaml\n')).toBe(true);
    expect(whole.startsWith(pieces.join(''))).toBe(true);
    expect(whole.slice(pieces.join('').length)).toMatch(/^\nSummary of 2 files\n/);
  });
});

describe('summaryCount', () => {
  const row = (kind: 'file' | 'team'): SummaryRow => ({
    status: 'ok',
    kind,
    who: null,
    source: kind === 'team' ? '2 respondents' : 'a.yaml',
    stageCount: 4,
    currentStage: { number: 0, id: null, name: null },
    maturityIndex: 0,
    completeness: 1,
    gate: null,
  });
  const invalid = (group?: boolean): SummaryRow => ({
    status: 'invalid',
    source: group ? 'group X' : 'b.yaml',
    problems: [],
    ...(group && { group: { by: ['organization'], key: ['X'] } }),
  });

  it('counts files, teams, or both, in the singular for one', () => {
    expect(summaryCount([row('file')])).toBe('1 file');
    expect(summaryCount([row('file'), invalid()])).toBe('2 files');
    expect(summaryCount([row('team')])).toBe('1 team');
    // A team that could not be scored counts as a team, an invalid file of a run of teams as a file.
    expect(summaryCount([row('team'), invalid(true), invalid()])).toBe('2 teams and 1 file');
    expect(summaryCount([invalid(true), invalid(), invalid()])).toBe('1 team and 2 files');
    expect(summaryCount([])).toBe('0 files');
  });
});
