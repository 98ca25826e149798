import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { PLAIN } from '../../src/format/paint.js';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { html, scriptJson } from '../../src/report/escape.js';
import {
  fit,
  heatBand,
  indexGeometry,
  INDEX_CHART,
  indexLine,
  STAGE_CHART,
  stageBars,
  tenetGrid,
  wrapWords,
} from '../../src/report/html/charts.js';
import { renderReport } from '../../src/report/index.js';
import { jsonResult } from '../../src/report/json.js';
import { runMain } from '../helpers/run-main.js';
import { tempFolders } from '../helpers/run-cli.js';
import { SMALL, SMALL_CLIMBING, SMALL_TRAP, scored } from './helpers.js';

const options = { color: false, paint: PLAIN };

/** The JSON embedded in a page, parsed. */
function embedded(page: string): unknown {
  const match = /<script type="application\/json" id="maturity-data">([^]*?)<\/script>/.exec(page);
  if (!match) throw new Error('no embedded JSON');
  return JSON.parse(match[1]!);
}

describe('html()', () => {
  it('escapes the five markup characters, for text and quoted attributes alike', () => {
    expect(html(`<a href="x" title='y'>&amp;</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;',
    );
  });

  it('drops terminal escapes, control characters and lone surrogates, keeps line breaks and emoji', () => {
    expect(html('a\x07b\x1b[31mc\x1b[0m\u0085d\x00e\x7f')).toBe('abcde');
    expect(html('one\ttwo\nthree\r\n')).toBe('one\ttwo\nthree\r\n');
    expect(html('x\ud800y\udc00z 🎯')).toBe('xyz 🎯');
  });
});

describe('scriptJson()', () => {
  it('cannot end or change its script element, and parses back to the value', () => {
    const value = { note: '</script><script>alert(1)</script><!-- \u2028\u2029 -->' };
    const text = scriptJson(value);
    expect(text).not.toContain('<');
    expect(text).not.toMatch(/[\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe('chart geometry', () => {
  const stages = [
    { number: 1, name: 'One', score: 0.72, threshold: 0.7, status: 'attained' as const },
    { number: 2, name: 'Two', score: 0.25, threshold: 0.6, status: 'next' as const },
    { number: 3, name: 'Three', score: 0, threshold: 0.8, status: 'not-attained' as const },
    { number: 4, name: 'Four', score: null, threshold: 0.7, status: 'n/a' as const },
  ];

  it("draws a stage's bar as wide as its score and marks its threshold across it", () => {
    const svg = stageBars('t', stages, 'Stage scores');
    const bars = [
      ...svg.matchAll(/<rect x="0" y="[\d.]+" width="([\d.]+)" height="16" class="c-bar"\/>/g),
    ];
    // A score of 0 or n/a draws no bar at all.
    expect(bars.map((m) => Number(m[1]))).toEqual([
      Math.round(0.72 * STAGE_CHART.width * 10) / 10,
      0.25 * STAGE_CHART.width,
    ]);
    const marks = [...svg.matchAll(/<line x1="([\d.]+)"[^>]*class="c-threshold"/g)];
    expect(marks.map((m) => Number(m[1]))).toEqual([588, 504, 672, 588]);
    expect(svg).toContain('<title id="t-title">Stage scores</title>');
    expect(svg).toContain('role="img" aria-labelledby="t-title" aria-describedby="t-desc"');
    expect(svg).toContain(
      'Stage 2 Two: 25% against a threshold of 60%, next. Stage 3 Three: 0% against a threshold of 80%, not attained. Stage 4 Four: n/a',
    );
    expect(svg).toContain('>72% of 70% · Attained</text>');
    expect(svg).toMatch(/<g class="bar-row s-na">.*?>n\/a<\/text>/);
  });

  it('shades each tenet by its score band and marks the tenets that meet the threshold', () => {
    const svg = tenetGrid(
      'g',
      [
        {
          number: 1,
          name: 'One',
          threshold: 0.7,
          tenets: [
            { title: 'Low', score: 0.1, met: false },
            { title: 'High', score: 0.8, met: true },
            { title: 'None', score: null, met: false },
          ],
        },
        {
          number: 2,
          name: 'Two',
          threshold: 0.5,
          tenets: [{ title: 'Mid', score: 0.5, met: true }],
        },
      ],
      'Every tenet',
    );
    expect(
      [...svg.matchAll(/<g class="h-(\w+)"><title>([^<]*)<\/title>/g)].map((m) => [m[1], m[2]]),
    ).toEqual([
      ['0', 'Low: 10%'],
      ['4', 'High: 80% ✓'],
      ['na', 'None: n/a'],
      ['2', 'Mid: 50% ✓'],
    ]);
    // Cells sit in columns: the second row's first cell is under the first row's.
    const cells = [...svg.matchAll(/<rect x="([\d.]+)" y="([\d.]+)"[^>]*class="h-cell"/g)];
    expect(cells.map((m) => Number(m[1]))).toEqual([140, 286, 432, 140]);
    expect(new Set(cells.map((m) => m[2]))).toEqual(new Set(['0', '92']));
  });

  it('bands scores in fifths, the top band including 100%', () => {
    expect([0, 0.19, 0.2, 0.4, 0.6, 0.79, 0.8, 1, null].map(heatBand)).toEqual([
      0,
      0,
      1,
      2,
      3,
      3,
      4,
      4,
      'na',
    ]);
  });

  it('spaces the dates of the index chart by the time between them, the index on the stage scale', () => {
    const at = indexGeometry(
      [
        { date: '2026-01-01', index: 0 },
        { date: '2026-01-11', index: 3 },
        { date: '2026-01-31', index: 6 },
      ],
      6,
    );
    const { width, height, left, right, top, bottom } = INDEX_CHART;
    const start = left + 20;
    const plot = width - left - right - 40;
    expect(at.map((p) => p.x)).toEqual([start, start + plot / 3, start + plot]);
    expect(at.map((p) => p.y)).toEqual([height - bottom, (top + height - bottom) / 2, top]);
    const svg = indexLine('i', [{ date: '2026-01-01', index: 2.5 }], ['A', 'B', 'C'], 'Index');
    // One assessment: one point in the middle, no line.
    expect(svg).not.toContain('c-line');
    expect(svg).toContain(`<circle cx="${start + plot / 2}"`);
  });

  it('shortens labels to their room and wraps titles at spaces', () => {
    expect(fit('Engagement', 100, 10)).toBe('Engagement');
    expect(fit('Engagement and more', 55, 10)).toBe('Engagemen…');
    expect(wrapWords('Engage employees through an enterprise social network', 20, 3)).toEqual([
      'Engage employees',
      'through an',
      'enterprise social n…',
    ]);
    expect(wrapWords('Short', 20, 3)).toEqual(['Short']);
  });
});

describe('the page', () => {
  it('is byte-identical for the same input, and carries the JSON report', async () => {
    const results = [
      scored(SMALL, SMALL_CLIMBING, { organization: 'Acme', unit: 'Sales' }),
      scored(SMALL, SMALL_TRAP, { organization: 'Globex', source: 'globex.yaml' }),
    ];
    const first = await renderReport('html', results, options);
    expect(await renderReport('html', results, options)).toBe(first);
    expect(embedded(first)).toEqual({
      schemaVersion: 1,
      results: results.map(jsonResult),
      errors: [],
    });
  });

  it('puts the summary of several results first, linking to each result', async () => {
    const page = await renderReport(
      'html',
      [
        scored(SMALL, SMALL_CLIMBING, { organization: 'Acme' }),
        scored(SMALL, SMALL_TRAP, { organization: 'Globex', source: 'globex.yaml' }),
      ],
      options,
    );
    const summary = page.indexOf('<section class="summary"');
    expect(summary).toBeGreaterThan(0);
    expect(summary).toBeLessThan(page.indexOf('<article'));
    expect(page).toContain('<a href="#r1">Acme</a>');
    expect(page).toContain('<a href="#r2">Globex</a>');
    expect(page).toContain('<article class="result" id="r2"');
    expect(page.match(/<h1[ >]/g)).toHaveLength(1);
    expect(page).toContain('<h2 id="r1-name">Acme</h2>');
  });

  it('gives one result the page: its name is the h1, no summary', async () => {
    const page = await renderReport('html', [scored(SMALL, SMALL_TRAP)], options);
    expect(page).not.toContain('class="summary"');
    expect(page).toContain('<h1 id="r1-name">answers.yaml</h1>');
    expect(page).toContain('<title>answers.yaml — maturity report</title>');
    // The CoE trap: the notes, the gaps and their evidence, the pitfall.
    expect(page).toContain('<strong>Pitfall</strong>');
    expect(page).toContain('id="r1-gaps"');
    expect(page).toContain('class="evidence"');
  });

  it('asks for nothing: no external resource, no script to run', async () => {
    const page = await renderReport('html', [scored(SMALL, SMALL_TRAP)], options);
    expect(page).not.toMatch(/\s(src|srcset|action|xlink:href)=/);
    expect([...page.matchAll(/\shref="([^"]*)"/g)].every((m) => m[1]!.startsWith('#'))).toBe(true);
    expect(page).not.toMatch(/<link|@import|url\(|https?:/);
    expect(page.match(/<script/g)).toEqual(['<script']);
    expect(page).toContain('<script type="application/json"');
  });
});

// Answers files refuse control characters in their texts (so does the rubric loader); a file name
// can still hold them.
const EVIL = `<img src=x onerror=alert(1)>"'&</script>`;
/** What the evil text becomes on the page. */
const ESCAPED = '&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;&lt;/script&gt;';

const fresh = tempFolders('html');

/** A rubric whose every text is hostile, and answers files whose every text is hostile too. */
function hostileFolder(): string {
  const dir = fresh(`hostile-${Math.random().toString(36).slice(2)}`);
  const s = (name: string) => JSON.stringify(`${name} ${EVIL}`);
  writeFileSync(
    join(dir, 'evil-rubric.yml'),
    [
      'id: evil',
      'version: 1.0.0',
      `title: ${s('title')}`,
      `description: ${s('description')}`,
      `source: ${s('source')}`,
      'threshold: 0.7',
      'scale:',
      `  - { value: 0, label: ${s('zero')} }`,
      `  - { value: 1, label: ${s('one')} }`,
      `  - { value: 2, label: ${s('two')} }`,
      `  - { value: 3, label: ${s('three')} }`,
      `  - { value: 4, label: ${s('four')} }`,
      'stages:',
      ...[1, 2, 3].flatMap((n) => [
        `  - id: s${n}`,
        `    name: ${s(`stage${n}`)}`,
        `    tagline: ${s(`tagline${n}`)}`,
        '    tenets:',
        ...[1, 2].flatMap((t) => [
          `      - id: t${n}${t}`,
          `        title: ${s(`tenet${n}${t}`)}`,
          `        pitfall: ${s(`pitfall${n}${t}`)}`,
          '        questions:',
          `          - id: q${n}${t}`,
          `            text: ${s(`question${n}${t}`)}`,
          `        moves: [${s(`move${n}${t}`)}]`,
        ]),
      ]),
      'benchmarks:',
      `  - { question: q11, atLeast: 3, share: 0.3, statement: ${s('benchmark')} }`,
    ].join('\n'),
  );
  const answers = (values: number[], who: string, date: string) =>
    [
      'rubric: evil-rubric.yml',
      `organization: ${s('org')}`,
      `unit: ${s('unit')}`,
      `respondent: ${s(who)}`,
      `role: ${s('role')}`,
      `assessedAt: ${date}`,
      'target: 3',
      'answers:',
      ...['q11', 'q12', 'q21', 'q22', 'q31', 'q32'].map(
        (q, i) => `  ${q}: { value: ${values[i]}, note: ${s(`note-${q}`)} }`,
      ),
    ].join('\n');
  writeFileSync(
    join(dir, `a\x01\x1b[7m<b>.yaml`),
    answers([1, 4, 4, 4, 0, 2], 'ann', '2026-01-10'),
  );
  writeFileSync(join(dir, 'b.yaml'), answers([3, 2, 1, 4, 2, 0], 'bob', '2026-06-10'));
  return dir;
}

function expectInert(page: string): void {
  // eslint-disable-next-line no-control-regex -- looking for control characters is the point
  expect(page).not.toMatch(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/);
  expect(page).not.toContain('<img');
  expect(page).not.toContain('<b>');
  expect(page.match(/<script/g)).toEqual(['<script']);
  expect(page.match(/<\/script>/g)).toEqual(['</script>']);
}

describe('text from files', () => {
  const dir = hostileFolder();

  it('is escaped everywhere in a single report: rubric, metadata, notes, file name', async () => {
    const { code, stdout, stderr } = await runMain(['score', 'a*.yaml', '-f', 'html'], {
      cwd: dir,
    });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expectInert(stdout);
    for (const name of [
      'title',
      'source',
      'stage1',
      'tagline1',
      'tagline1',
      'tenet11',
      'question11',
      'move11',
      'pitfall22',
      'benchmark',
      'org',
      'unit',
      'ann',
      'role',
      'note-q11',
      'two',
    ]) {
      expect(stdout, name).toContain(`${name} ${ESCAPED}`);
    }
    // Control characters in a file name are shown escaped, as in every report.
    expect(stdout).toContain('a\\u0001\\u001b[7m&lt;b&gt;.yaml');
    const json = await runMain(['score', 'a*.yaml', '-f', 'json'], { cwd: dir });
    expect(embedded(stdout)).toEqual(JSON.parse(json.stdout));
  });

  it('is escaped in a team report: respondents, roles, the spread grid and the disagreements', async () => {
    const { code, stdout, stderr } = await runMain(
      ['score', '*.yaml', '--group-by', 'organization', '-f', 'html'],
      { cwd: dir },
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expectInert(stdout);
    expect(stdout).toContain('Where respondents disagree');
    expect(stdout).toContain('Where respondents differ, tenet by tenet');
    for (const name of ['org', 'ann', 'bob', 'role', 'note-q11', 'stage3', 'tenet32']) {
      expect(stdout, name).toContain(`${name} ${ESCAPED}`);
    }
  });

  it('is escaped in the summary of several results, its links made of positions only', async () => {
    const { code, stdout, stderr } = await runMain(['score', '*.yaml', '-f', 'html'], { cwd: dir });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expectInert(stdout);
    const summary = stdout.slice(
      stdout.indexOf('<section class="summary"'),
      stdout.indexOf('<article'),
    );
    expect(summary).toContain(`<a href="#r1">org ${ESCAPED} · unit ${ESCAPED}</a>`);
    expect(summary).toContain('<a href="#r2">');
    expect(summary).toContain('a\\u0001\\u001b[7m&lt;b&gt;.yaml');
  });

  it('is escaped in the summary of a progress report with several units', async () => {
    writeFileSync(
      join(dir, 'other-unit.yaml'),
      readFileSync(join(dir, 'b.yaml'), 'utf8').replace(
        /^unit: .*$/m,
        `unit: ${JSON.stringify(`other ${EVIL}`)}`,
      ),
    );
    try {
      const { code, stdout, stderr } = await runMain(['progress', '*.yaml', '-f', 'html'], {
        cwd: dir,
      });
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expectInert(stdout);
      expect(stdout).toContain('<section class="summary"');
      expect(stdout).toContain(`<a href="#p2">org ${ESCAPED} · unit ${ESCAPED}</a>`);
      expect(stdout).toContain(`<a href="#p1">org ${ESCAPED} · other ${ESCAPED}</a>`);
    } finally {
      rmSync(join(dir, 'other-unit.yaml'));
    }
  });

  it('is escaped in a progress report', async () => {
    const { code, stdout, stderr } = await runMain(['progress', '*.yaml', '-f', 'html'], {
      cwd: dir,
    });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expectInert(stdout);
    for (const name of ['org', 'unit', 'title', 'stage2', 'tenet21']) {
      expect(stdout, name).toContain(`${name} ${ESCAPED}`);
    }
    const json = await runMain(['progress', '*.yaml', '-f', 'json'], { cwd: dir });
    expect(embedded(stdout)).toEqual(JSON.parse(json.stdout));
  });
});

describe('--format html', () => {
  it('reports the examples in a few tens of KB each, the same bytes at any time', async () => {
    const one = await runMain(['score', 'examples/acme-engagement.yaml', '-f', 'html']);
    expect(one.code).toBe(0);
    expect(one.stdout.length).toBeLessThan(80_000);
    const later = await runMain(['score', 'examples/acme-engagement.yaml', '-f', 'html'], {
      now: () => new Date(2031, 0, 1),
    });
    expect(later.stdout).toBe(one.stdout);
    expect(one.stdout).toContain('<p class="headline">Stage 2 of 6 — Presence · index 2.48</p>');
    expect(one.stdout).toContain('Now: Presence — Stake our claim: ');
  });

  it('renders every section of a team with a target and of a progress report', async () => {
    const team = await runMain([
      'score',
      'examples/team/*.yaml',
      '--group-by',
      'organization',
      '--target',
      'strategic',
      '-f',
      'html',
    ]);
    expect(team.code).toBe(0);
    for (const id of [
      'stages',
      'tenets',
      'gaps',
      'path',
      'roadmap',
      'moves',
      'benchmarks',
      'respondents',
      'disagreements',
      'roles',
    ]) {
      expect(team.stdout, id).toContain(`aria-labelledby="r1-${id}"`);
    }
    expect(team.stdout).toContain('<dt>Target</dt>');
    expect(team.stdout).toContain('Maria Lindqvist');
    const progress = await runMain(['progress', 'examples/history/*.yaml', '-f', 'html']);
    expect(progress.code).toBe(0);
    for (const id of ['timeline', 'change', 'latest']) {
      expect(progress.stdout, id).toContain(`aria-labelledby="p1-${id}"`);
    }
    expect(progress.stdout).toContain(
      '<title id="p1-index-chart-title">The maturity index over time</title>',
    );
  });
});
