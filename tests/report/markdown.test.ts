import { describe, expect, it } from 'vitest';
import { loadPaint, PLAIN } from '../../src/format/paint.js';
import { render, renderReport } from '../../src/report/index.js';
import { md } from '../../src/report/escape.js';
import { createMarkdownReporter } from '../../src/report/markdown.js';
import { textReporter } from '../../src/report/text.js';
import { headline, nonLinearNotes } from '../../src/report/wording.js';
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

/** The cells of a GFM table row, split on the pipes that are not escaped. */
function cells(row: string): string[] {
  return row
    .split(/(?<!\\)\|/)
    .slice(1, -1)
    .map((cell) => cell.trim());
}

/** The rows of the table under a heading, header and delimiter row left out. */
function table(out: string, heading: string): string[][] {
  const start = out.indexOf(`${heading}\n`);
  expect(start).toBeGreaterThanOrEqual(0);
  const lines = out.slice(start).split('\n');
  const first = lines.findIndex((line) => line.startsWith('|'));
  const rows: string[] = [];
  for (const line of lines.slice(first)) {
    if (!line.startsWith('|')) break;
    rows.push(line);
  }
  return rows.slice(2).map(cells);
}

describe('markdown reporter', () => {
  const trap = scored(SMALL, SMALL_TRAP, { organization: 'Acme | Co', unit: 'Ops' });

  it('heads each file with who it is about, then the headline and completeness', () => {
    const lines = render(createMarkdownReporter(), [trap], plain).split('\n');
    expect(lines.slice(0, 7)).toEqual([
      '## Acme \\| Co · Ops',
      '',
      'answers.yaml · Small \\| test rubric 1.2.0',
      '',
      `**${headline(trap.assessment, SMALL)}**`,
      '',
      'Completeness 100% (6 of 6 questions answered)',
    ]);
    const anonymous = render(createMarkdownReporter(), [scored(SMALL, SMALL_TRAP)], plain);
    expect(anonymous.split('\n').slice(0, 3)).toEqual([
      '## answers.yaml',
      '',
      'Small \\| test rubric 1.2.0',
    ]);
  });

  it('tables the stages with score, threshold and status, escaping the names', () => {
    const out = render(createMarkdownReporter(), [trap], plain);
    expect(table(out, '### Stages')).toEqual([
      ['1 Listen', '25%', '70%', '⏳ next'],
      ['2 Pilot \\<\\& test\\>', '100%', '70%', '✅ attained'],
      ['3 Hub \\| core', '100%', '70%', '✅ attained'],
      ['4 Extras', 'n/a', '70%', '✅ attained (n/a)'],
    ]);
    const climbing = render(createMarkdownReporter(), [scored(SMALL, SMALL_CLIMBING)], plain);
    expect(table(climbing, '### Stages').map((row) => row[3])).toEqual([
      '✅ attained',
      '✅ attained',
      '⏳ next',
      '❌ not attained',
    ]);
  });

  it('uses the text report’s wording for the non-linear notes', () => {
    const out = render(createMarkdownReporter(), [trap], plain);
    const notes = nonLinearNotes(trap.assessment, SMALL);
    expect(notes).toHaveLength(3);
    expect(notes[2]).toMatch(/^Pitfall: Hub \| core is attained/);
    for (const note of notes) expect(out).toContain(`\n- ${md(note)}\n`);
    const text = render(textReporter, [trap], plain).replace(/\s+/g, ' ');
    for (const note of notes) expect(text).toContain(note);
  });

  it('leaves the pitfall out when its stage is not attained', () => {
    const out = render(createMarkdownReporter(), [scored(SMALL, SMALL_GAP_NO_TRAP)], plain);
    expect(out).toContain('- Foundation gaps: Listen is not attained');
    expect(out).not.toContain('Pitfall');
  });

  it('tables the gaps and gives the path and the moves as a numbered list', () => {
    const out = render(createMarkdownReporter(), [trap], plain);
    // The evidence: each answered question of the tenet with its answer (no notes here).
    expect(table(out, '### Gaps')).toEqual([
      [
        'Listen',
        'Listen \\& "respond"',
        '25%',
        '70%',
        '0.90',
        'Is there a listening tool?: Ad hoc (1)',
      ],
      ['Listen', 'Audit readiness', '25%', '70%', '0.45', 'Was readiness audited?: Ad hoc (1)'],
    ]);
    expect(out).toContain(
      'Tenets below their stage threshold, by stage, then by impact. Impact is how much',
    );
    expect(out).toContain(
      [
        '### Path to Listen',
        '',
        'To attain Listen (25% → 70%), raise 1 answer, 3 levels in all:',
        '',
        '| Question | Answer |',
        '| :-- | :-- |',
        '| Is there a listening tool? | Ad hoc (1) → Leading (4) |',
      ].join('\n'),
    );
    expect(out).toContain(
      [
        '### Recommended moves',
        '',
        '1. Buy a \\*listening\\* tool \\| name an owner \\& \\<b\\>report\\</b\\> monthly.\\',
        '   *Listen › Listen \\& "respond"*',
        '2. Share a digest with \\`everyone\\`.\\',
        '   *Listen › Listen \\& "respond"*',
        '3. \\# Run an audit\\',
        '   *Listen › Audit readiness*',
      ].join('\n'),
    );
  });

  it('says so at the top stage', () => {
    const out = render(createMarkdownReporter(), [scored(SMALL, SMALL_TOP)], plain);
    expect(out).toContain('\n**Top stage reached** — keep every stage above its threshold.\n');
    expect(out).not.toContain('### Path to');
    expect(out).not.toContain('### Recommended moves');
  });

  it('lists a few unanswered questions inline and many in a details block', () => {
    const few = render(createMarkdownReporter(), [scored(SMALL, SMALL_CLIMBING)], plain);
    expect(few).toContain(
      '### Unanswered (2)\n\nScored as 0: `governance-framework`, `optional-a`.\n',
    );
    expect(few).not.toContain('<details>');
    const result = scored(BUILTIN, builtinPartial());
    const many = render(createMarkdownReporter(), [result], plain);
    const count = result.assessment.unanswered.length;
    expect(count).toBeGreaterThan(10);
    expect(many).toContain(
      `### Unanswered (${count})\n\n<details>\n<summary>Scored as 0: show the ${count} questions</summary>\n\n\`named-executive-sponsor\`, `,
    );
    expect(many).toContain('`open-knowledge-sharing`.\n\n</details>\n');
  });

  it('compares with the benchmarks', () => {
    const out = render(createMarkdownReporter(), [trap], plain);
    expect(out).toContain(
      '### Benchmarks\n\n- ✗ **Is there a listening tool?**: you answered Ad hoc (1); 30% of surveyed ' +
        'organizations reach Established (3) or above; you are not there yet.\\\n' +
        '  *About 30% run a listening tool \\| routinely.*\n',
    );
  });

  it('says how many were surveyed where the rubric gives it', () => {
    const out = render(createMarkdownReporter(), [scored(BUILTIN, builtinPartial())], plain);
    expect(out).toContain('34% of about 700 surveyed organizations reach Established (3) or above');
    expect(out).not.toMatch(/\d+% of surveyed organizations/);
  });

  it('never writes ANSI escapes, even asked for colour or fed them', async () => {
    const hostile = scored(BUILTIN, builtinTrap(), {
      organization: '\x1b[31mRed\x1b[0m Corp',
      unit: 'Line\nbreak\x07',
    });
    const out = render(createMarkdownReporter(), [hostile, trap], {
      color: true,
      paint: await loadPaint(true),
    });
    expect(out).not.toMatch(ANSI);
    // eslint-disable-next-line no-control-regex -- no control character but the line feed
    expect(out).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f]/);
    expect(out).toContain('## Red Corp · Line break\n');
    expect(out).toBe(render(createMarkdownReporter(), [hostile, trap], plain));
  });

  it('keeps every table row to its columns whatever the user wrote', () => {
    const results = [
      scored(SMALL, SMALL_TRAP, { source: 'a|b.yaml', organization: 'x | y', unit: 'p\n|q' }),
      scored(BUILTIN, builtinTrap(), { source: 'c.yaml' }),
    ];
    const out = render(createMarkdownReporter(), results, plain);
    const blocks = out.split('\n\n').filter((block) => block.startsWith('|'));
    // Per file the stages, the gaps and the path; then the summary.
    expect(blocks.length).toBe(7);
    for (const block of blocks) {
      const [header, ...rows] = block.trimEnd().split('\n');
      expect(rows.length).toBeGreaterThan(1);
      for (const row of rows) expect(cells(row)).toHaveLength(cells(header!).length);
    }
    expect(table(out, '## Summary of 2 files')).toEqual([
      ['0/4', '0.25', '100%', 'x \\| y · p \\|q', 'a\\|b.yaml'],
      ['0/6', '0.25', '100%', '–', 'c.yaml'],
    ]);
  });

  it('makes a job summary for several files: the table first, then each report folded', () => {
    const one = [scored(SMALL, SMALL_TRAP, { source: 'a.yaml' })];
    const single = render(createMarkdownReporter(), one, plain);
    expect(single).not.toContain('Summary');
    expect(single).not.toContain('<details>');
    const two = [...one, scored(BUILTIN, builtinAll3(), { source: 'b.yaml', organization: 'B' })];
    const out = render(createMarkdownReporter(), two, plain);
    expect(
      out.startsWith(
        '## Summary of 2 files\n\n| Stage | Index | Answered | Organization | File |\n',
      ),
    ).toBe(true);
    expect(table(out, '## Summary of 2 files')).toEqual([
      ['0/4', '0.25', '100%', '–', 'a.yaml'],
      ['6/6 Converged', '6.00', '100%', 'B', 'b.yaml'],
    ]);
    expect(out).toContain(
      '\n<details>\n<summary>a.yaml — Stage 0 of 4 — not yet at Listen · index 0.25</summary>\n\n## a.yaml\n',
    );
    expect(out).toContain(
      '\n<details>\n<summary>B — Stage 6 of 6 — Converged · index 6.00</summary>\n',
    );
    expect(out.match(/<\/details>/g)).toHaveLength(2);
  });

  it('holds the reports until the end, where the summary goes first; the same every time', async () => {
    const results = [
      scored(SMALL, SMALL_TRAP),
      scored(SMALL, SMALL_CLIMBING, { source: 'b.yaml' }),
    ];
    const whole = render(createMarkdownReporter(), results, plain);
    expect(await renderReport('markdown', results, plain)).toBe(whole);
    expect(render(createMarkdownReporter(), results, plain)).toBe(whole);
    const reporter = createMarkdownReporter();
    expect(reporter.begin(plain)).toBe('');
    expect(reporter.item(results[0]!, plain)).toBe('');
    expect(reporter.item(results[1]!, plain)).toBe('');
    expect(whole.indexOf('## Summary of 2 files')).toBe(0);
  });

  it('renders a whole report', () => {
    const results = [
      scored(SMALL, SMALL_TRAP, { source: 'teams/acme.yaml', organization: 'Acme', unit: 'Ops' }),
      scored(SMALL, SMALL_CLIMBING, { source: 'teams/beta.yaml' }),
    ];
    expect(render(createMarkdownReporter(), results, plain)).toMatchSnapshot();
  });
});

describe('md', () => {
  it('escapes inline markup, pipes included', () => {
    expect(md('a|b *c* _d_ `e` [f](g) <h> & ~i~ $j$ \\k')).toBe(
      'a\\|b \\*c\\* \\_d\\_ \\`e\\` \\[f\\](g) \\<h\\> \\& \\~i\\~ \\$j\\$ \\\\k',
    );
  });

  it('defuses what would start a block', () => {
    expect(md('# title')).toBe('\\# title');
    expect(md('- item')).toBe('\\- item');
    expect(md('+ item')).toBe('\\+ item');
    expect(md('> quote')).toBe('\\> quote');
    expect(md('12. item')).toBe('12\\. item');
    expect(md('3) item')).toBe('3\\) item');
    expect(md('===')).toBe('\\===');
    expect(md('a - b. 3. c')).toBe('a - b. 3. c');
  });

  it('mentions nobody and links no issue on GitHub', () => {
    expect(md('@platform-team see #12, mail a@b.io')).toBe(
      '@<!-- -->platform-team see #<!-- -->12, mail a@<!-- -->b.io',
    );
    expect(md('#1 priority')).toBe('\\#<!-- -->1 priority');
    expect(md('@ and # alone')).toBe('@ and # alone');
  });

  it('keeps text on one line, without control characters', () => {
    expect(md('  one\r\ntwo\tthree\u2028four  ')).toBe('one two three four');
    expect(md('\x1b[1;31mbold red\x1b[0m\x00\x7f\x9b')).toBe('bold red');
  });
});
