import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { PLAIN } from '../../src/format/paint.js';
import { describe, expect, it } from 'vitest';
import { render, renderReport, whole } from '../../src/report/index.js';
import { xml, xmlText } from '../../src/report/escape.js';
import { junitReporter } from '../../src/report/junit.js';
import type { Result } from '../../src/report/types.js';
import { checkRubricText } from '../../src/rubric/load.js';
import {
  BUILTIN,
  builtinAll3,
  builtinTrap,
  scored,
  SMALL,
  SMALL_CLIMBING,
  SMALL_TOP,
  SMALL_TRAP,
} from './helpers.js';

const plain = { color: false, paint: PLAIN };

interface TestCase {
  classname: string;
  name: string;
  /** An element with attributes keeps its text as #text. */
  failure?: { message: string; type: string; '#text': string };
  'system-out'?: string;
}

interface TestSuite {
  name: string;
  tests: string;
  failures: string;
  properties: { property: { name: string; value: string }[] };
  testcase: TestCase[];
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
  htmlEntities: true,
  isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name),
});

/** Validates a JUnit report and returns its suites. */
function suitesOf(out: string): TestSuite[] {
  expect(XMLValidator.validate(out)).toBe(true);
  // The validator lets these through; XML 1.0 does not.
  // eslint-disable-next-line no-control-regex -- looking for characters XML forbids
  expect(out).not.toMatch(/[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/);
  expect(out).not.toMatch(/="[^"]*[<>][^"]*"/);
  expect(out).not.toMatch(/&(?!(?:amp|lt|gt|quot|apos|#\d+);)/);
  const doc = parser.parse(out) as { testsuites: { name: string; testsuite?: TestSuite[] } };
  expect(doc.testsuites.name).toBe('maturity');
  return doc.testsuites.testsuite ?? [];
}

function properties(suite: TestSuite): Record<string, string> {
  return Object.fromEntries(suite.properties.property.map((p) => [p.name, p.value]));
}

describe('junit reporter', () => {
  it('writes a suite per file and a test case per stage, failed when not attained', () => {
    const results = [
      scored(SMALL, SMALL_TRAP, { source: 'a.yaml' }),
      scored(SMALL, SMALL_CLIMBING, { source: 'b.yaml' }),
      scored(BUILTIN, builtinAll3(), { source: 'c.yaml' }),
    ];
    const out = render(junitReporter, results, plain);
    expect(
      out.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="maturity">\n'),
    ).toBe(true);
    const suites = suitesOf(out);
    expect(suites.map((s) => [s.name, s.tests, s.failures])).toEqual([
      ['a.yaml', '4', '1'],
      ['b.yaml', '4', '2'],
      ['c.yaml', '6', '0'],
    ]);
    for (const suite of suites) {
      expect(suite.testcase).toHaveLength(Number(suite.tests));
      expect(suite.testcase.filter((t) => t.failure)).toHaveLength(Number(suite.failures));
    }
    expect(suites[1]!.testcase.map((t) => [t.classname, t.name, t.failure?.message])).toEqual([
      ['small.b.yaml', 'Stage 1 Listen', undefined],
      ['small.b.yaml', 'Stage 2 Pilot <& test>', undefined],
      ['small.b.yaml', 'Stage 3 Hub | core', 'score 25% below threshold 70%'],
      ['small.b.yaml', 'Stage 4 Extras', 'score 0% below threshold 70%'],
    ]);
    expect(suites[2]!.testcase.map((t) => t.name)).toEqual(
      BUILTIN.stages.map((stage, i) => `Stage ${i + 1} ${stage.name}`),
    );
  });

  it('explains a failure: the tenets below, the path and moves, the non-linear notes', () => {
    const [suite] = suitesOf(render(junitReporter, [scored(SMALL, SMALL_TRAP)], plain));
    const failure = suite!.testcase[0]!.failure!;
    expect(failure.type).toBe('not-attained');
    expect(failure.message).toBe('score 25% below threshold 70%');
    expect(failure['#text'].split('\n')).toEqual([
      'Stage 1 Listen is not attained.',
      'Tenets below the threshold:',
      '- Listen & "respond": 25% of 70%',
      '- Audit readiness: 25% of 70%',
      // listening-tool gains 2/3 × 1/4 a level against readiness's 1/3 × 1/4: 1 → 4 gives
      // (2 × 1 + 0.25) / 3 = 0.75
      'To attain Listen (25% → 70%), raise 1 answer, 3 levels in all:',
      '- Is there a listening tool?: Ad hoc (1) → Leading (4)',
      'Recommended moves:',
      '- Buy a *listening* tool | name an owner & <b>report</b> monthly. (Listen › Listen & "respond")',
      '- Share a digest with `everyone`. (Listen › Listen & "respond")',
      '- # Run an audit (Listen › Audit readiness)',
      expect.stringMatching(/^Ahead: Pilot <& test>, Hub \| core are attained/),
      expect.stringMatching(/^Foundation gaps: Listen is not attained/),
      expect.stringMatching(/^Pitfall: Hub \| core is attained/),
    ]);
  });

  it('passes an n/a stage with a note', () => {
    const [suite] = suitesOf(render(junitReporter, [scored(SMALL, SMALL_TOP)], plain));
    expect(suite!.failures).toBe('0');
    const na = suite!.testcase[3]!;
    expect(na.failure).toBeUndefined();
    expect(na['system-out']).toBe(
      'Extras is n/a: every question of it was answered n/a, so it counts as attained.',
    );
    expect(suite!.testcase.slice(0, 3).every((t) => t['system-out'] === undefined)).toBe(true);
  });

  it('does not list a tenet as below the threshold when the engine counts it as reaching it', () => {
    const { rubric } = checkRubricText(
      [
        'id: close',
        'version: 1.0.0',
        'title: Close call',
        'scale: [{ value: 0, label: L0 }, { value: 1, label: L1 }, { value: 2, label: L2 }, { value: 3, label: L3 }, { value: 4, label: L4 }]',
        'stages:',
        '  - id: only',
        '    name: Only',
        '    threshold: 0.7',
        '    tenets:',
        '      - id: close',
        '        title: Close',
        '        moves: [Keep it up.]',
        '        questions:',
        '          - { id: a, text: A?, weight: 0.1 }',
        '          - { id: b, text: B?, weight: 0.7 }',
        '          - { id: c, text: C?, weight: 0.2 }',
        '      - id: low',
        '        title: Low',
        '        moves: [Start.]',
        '        questions:',
        '          - { id: d, text: D? }',
      ].join('\n'),
      'close.yaml',
    );
    // 0.1·3/4 + 0.7·3/4 + 0.2·2/4 is 0.7 on paper and 0.6999999999999998 in floating point.
    const result = scored(rubric!, { a: 3, b: 3, c: 2, d: 0 });
    const [close, low] = result.assessment.stages[0]!.tenets;
    expect(close!.score).toBeLessThan(0.7);
    expect(result.assessment.gaps.map((gap) => gap.tenet)).toEqual(['low']);
    const [suite] = suitesOf(render(junitReporter, [result], plain));
    const details = suite!.testcase[0]!.failure!['#text'];
    expect(details).toContain('- Low: 0% of 70%');
    expect(details).not.toContain('- Close:');
    expect(low!.score).toBe(0);
  });

  it('records who, where and how far as properties', () => {
    const results = [
      scored(SMALL, SMALL_CLIMBING, { organization: 'Acme', unit: 'Ops' }),
      scored(SMALL, SMALL_TRAP),
    ];
    const [climbing, trap] = suitesOf(render(junitReporter, results, plain));
    expect(properties(climbing!)).toEqual({
      organization: 'Acme',
      unit: 'Ops',
      rubric: 'small',
      rubricVersion: '1.2.0',
      currentStage: '2',
      currentStageId: 'pilot',
      maturityIndex: '2.25',
      completeness: String(4 / 6),
    });
    expect(properties(trap!)).toEqual({
      rubric: 'small',
      rubricVersion: '1.2.0',
      currentStage: '0',
      maturityIndex: '0.25',
      completeness: '1',
    });
  });

  it('escapes markup and drops characters XML forbids, in names and properties alike', () => {
    const source = `a&b <c> "d" 'e'.yaml`;
    const organization = 'Tom & Jerry <Ltd> "quoted"\x00\x07\x1b[31m';
    const unit = 'tab\there\nnew line\rcr \ud800lone';
    const result: Result = scored(BUILTIN, builtinTrap(), { source, organization, unit });
    const out = render(junitReporter, [result], plain);
    const [suite] = suitesOf(out);
    expect(suite!.name).toBe(source);
    expect(suite!.testcase[0]!.classname).toBe(`social-business.${source}`);
    expect(properties(suite!)).toMatchObject({
      organization: 'Tom & Jerry <Ltd> "quoted"[31m',
      unit: 'tab\there\nnew line\rcr lone',
    });
    expect(out).toContain('name="a&amp;b &lt;c&gt; &quot;d&quot; &apos;e&apos;.yaml"');
  });

  it('escapes text and attributes', () => {
    expect(xml(`<a href="x">&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
    expect(xml('a\tb\nc\rd')).toBe('a&#9;b&#10;c&#13;d');
    expect(xmlText('a\tb\nc\rd <&>')).toBe('a\tb\nc&#13;d &lt;&amp;&gt;');
    expect(xml('ok\x00\x08\x0b\x0c\x1f\ufffe\uffff!')).toBe('ok!');
    expect(xml('\ud83d\ude00 \udc00')).toBe('\ud83d\ude00 ');
  });

  it('wraps zero files in an empty, valid document', () => {
    const out = render(junitReporter, [], plain);
    expect(out).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="maturity">\n</testsuites>\n',
    );
    expect(suitesOf(out)).toEqual([]);
  });

  it('streams whole suites that add up to the report, the same every time', async () => {
    const results = [
      scored(SMALL, SMALL_TRAP),
      scored(BUILTIN, builtinTrap(), { source: 'b.yaml' }),
    ];
    const report = render(junitReporter, results, plain);
    expect(render(junitReporter, results, plain)).toBe(report);
    expect(await renderReport('junit', results, plain)).toBe(report);
    const items = results.map((result) => junitReporter.item(result, plain));
    for (const item of items) {
      expect(item).toMatch(/^ {2}<testsuite [^]*<\/testsuite>\n$/);
      expect(XMLValidator.validate(item)).toBe(true);
    }
    expect(
      junitReporter.begin(plain) + items.join('') + whole(junitReporter.end([], plain, 0)),
    ).toBe(report);
  });
});
