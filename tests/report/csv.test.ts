import { describe, expect, it } from 'vitest';
import { PLAIN } from '../../src/format/paint.js';
import { createCsvReporter, field, guardFormula } from '../../src/report/csv.js';
import { escapeControls } from '../../src/problems/describe.js';
import { render, renderReport, whole } from '../../src/report/index.js';
import {
  BUILTIN,
  builtinPartial,
  builtinTrap,
  scored,
  SMALL,
  SMALL_CLIMBING,
  SMALL_TOP,
  SMALL_TRAP,
} from './helpers.js';

const plain = { color: false, paint: PLAIN };

/** A strict RFC 4180 parser: CRLF records, quoted fields with doubled quotes; throws on anything else. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  while (i < text.length) {
    let value = '';
    if (text[i] === '"') {
      i += 1;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
          } else {
            i += 1;
            break;
          }
        } else {
          value += text[i];
          i += 1;
        }
      }
    } else {
      while (i < text.length && !/[,\r\n]/.test(text[i]!)) {
        if (text[i] === '"') throw new Error(`bare quote at ${i}`);
        value += text[i];
        i += 1;
      }
    }
    record.push(value);
    if (text[i] === ',') {
      i += 1;
    } else if (text.startsWith('\r\n', i)) {
      records.push(record);
      record = [];
      i += 2;
    } else {
      throw new Error(`expected a comma or CRLF at ${i}`);
    }
  }
  if (record.length > 0) throw new Error('last record without CRLF');
  return records;
}

/** The records of a CSV report as objects keyed by the header. */
function rowsOf(text: string): Record<string, string>[] {
  const [header, ...records] = parseCsv(text);
  for (const record of records) expect(record).toHaveLength(header!.length);
  return records.map((record) => Object.fromEntries(header!.map((name, i) => [name, record[i]!])));
}

describe('csv reporter', () => {
  it('writes a header and one row per file', () => {
    const results = [
      scored(SMALL, SMALL_TRAP, { source: 'a.yaml', organization: 'Acme', unit: 'Ops' }),
      scored(SMALL, SMALL_CLIMBING, { source: 'b.yaml' }),
    ];
    const records = parseCsv(render(createCsvReporter(), results, plain));
    expect(records[0]).toEqual([
      'file',
      'organization',
      'unit',
      'respondent',
      'role',
      'assessed_at',
      'status',
      'rubric',
      'current_stage',
      'current_stage_id',
      'current_stage_name',
      'maturity_index',
      'completeness',
      'target',
      'target_reached',
      'target_progress',
      'stage_1_listen',
      'stage_2_pilot',
      'stage_3_hub',
      'stage_4_extras',
    ]);
    expect(records.slice(1)).toEqual([
      [
        'a.yaml',
        'Acme',
        'Ops',
        '',
        '',
        '',
        'ok',
        'small',
        '0',
        '',
        '',
        '0.25',
        '1',
        '',
        '',
        '',
        '0.25',
        '1',
        '1',
        '',
      ],
      [
        'b.yaml',
        '',
        '',
        '',
        '',
        '',
        'ok',
        'small',
        '2',
        'pilot',
        'Pilot <& test>',
        '2.25',
        '0.6666666666666666',
        '',
        '',
        '',
      ].concat(['1', '0.75', '0.25', '0']),
    ]);
  });

  it('writes the engine’s numbers unrounded, so they parse back exactly', () => {
    const result = scored(BUILTIN, builtinPartial());
    const [row] = rowsOf(render(createCsvReporter(), [result], plain));
    const a = result.assessment;
    expect(Number(row!.maturity_index)).toBe(a.maturityIndex);
    expect(Number(row!.completeness)).toBe(a.completeness);
    expect(row!.completeness).toBe(String(a.completeness));
    BUILTIN.stages.forEach((stage, i) => {
      expect(Number(row![`stage_${i + 1}_${stage.id}`])).toBe(a.stages[i]!.score);
    });
  });

  it('quotes commas, quotes and line breaks, and they parse back', () => {
    const organization = 'Smith, Jones & "Partners"';
    const unit = 'line one\nline two\r\nline three';
    const source = 'dir with, comma/"quoted".yaml';
    const out = render(
      createCsvReporter(),
      [scored(SMALL, SMALL_TOP, { source, organization, unit })],
      plain,
    );
    expect(out).toContain('"Smith, Jones & ""Partners"""');
    const [row] = rowsOf(out);
    expect(row).toMatchObject({ file: source, organization, unit });
  });

  it('ends every record with CRLF and writes no other line break outside quotes', () => {
    const out = render(
      createCsvReporter(),
      [scored(SMALL, SMALL_TRAP), scored(SMALL, SMALL_TOP, { unit: 'a\nb' })],
      plain,
    );
    expect(out.endsWith('\r\n')).toBe(true);
    const outsideQuotes = out.replace(/"(?:[^"]|"")*"/g, '');
    expect(outsideQuotes.split('\r\n')).toHaveLength(4);
    expect(outsideQuotes).not.toMatch(/\r(?!\n)|(?<!\r)\n/);
  });

  it('defuses formulas in text from the files', () => {
    const cases = ['=SUM(A1:A9)', '+1', '-1+2', '@cmd', '\tTAB', '\rCR', '=1,2'];
    const results = cases.map((text) =>
      scored(SMALL, SMALL_TOP, { source: text, organization: text, unit: text }),
    );
    const rows = rowsOf(render(createCsvReporter(), results, plain));
    rows.forEach((row, i) => {
      for (const column of ['organization', 'unit']) {
        expect(row[column]).toBe(`'${cases[i]}`);
      }
      // A file name is shown with control characters escaped (a tab as \t), as in every report.
      const file = cases[i]!;
      expect(row.file).toBe(/^[\t\r]/.test(file) ? escapeControls(file) : `'${file}`);
    });
    expect(guardFormula('Acme = good')).toBe('Acme = good');
    expect(guardFormula('')).toBe('');
  });

  it('quotes by RFC 4180 and nothing else', () => {
    expect(field('plain text')).toBe('plain text');
    expect(field("it's")).toBe("it's");
    expect(field('a,b')).toBe('"a,b"');
    expect(field('say "hi"')).toBe('"say ""hi"""');
    expect(field('a\rb')).toBe('"a\rb"');
    expect(field('a\nb')).toBe('"a\nb"');
  });

  it('takes the stage columns from the first file and leaves unknown stages empty', () => {
    const results = [
      scored(SMALL, SMALL_TRAP, { source: 'small.yaml' }),
      scored(BUILTIN, builtinTrap(), { source: 'builtin.yaml' }),
    ];
    const out = render(createCsvReporter(), results, plain);
    const [header] = parseCsv(out);
    expect(header!.filter((name) => name.startsWith('stage_'))).toEqual([
      'stage_1_listen',
      'stage_2_pilot',
      'stage_3_hub',
      'stage_4_extras',
    ]);
    const rows = rowsOf(out);
    expect(rows[1]).toMatchObject({
      file: 'builtin.yaml',
      rubric: 'social-business',
      current_stage: '0',
      maturity_index: '0.25',
      stage_1_listen: '',
      stage_4_extras: '',
    });
  });

  it('writes nothing at all for no files', () => {
    expect(render(createCsvReporter(), [], plain)).toBe('');
  });

  it('streams the header with the first row, the same every time', async () => {
    const results = [scored(SMALL, SMALL_TRAP), scored(SMALL, SMALL_CLIMBING)];
    const report = render(createCsvReporter(), results, plain);
    expect(render(createCsvReporter(), results, plain)).toBe(report);
    expect(await renderReport('csv', results, plain)).toBe(report);

    const reporter = createCsvReporter();
    const pieces: string[] = [
      reporter.begin(plain),
      reporter.item(results[0]!, plain),
      reporter.item(results[1]!, plain),
      whole(reporter.end([], plain, 0)),
    ];
    expect(pieces[0]).toBe('');
    expect(pieces[1]!.split('\r\n')).toHaveLength(3);
    expect(pieces[2]!.startsWith('answers.yaml,,,,,,ok,small,2,')).toBe(true);
    expect(pieces[3]).toBe('');
    expect(pieces.join('')).toBe(report);
  });

  it('starts afresh on each run of a reused reporter', () => {
    const reporter = createCsvReporter();
    const builtinFirst = render(reporter, [scored(BUILTIN, builtinTrap())], plain);
    expect(builtinFirst).toContain('stage_6_converged');
    const smallFirst = render(reporter, [scored(SMALL, SMALL_TRAP)], plain);
    expect(smallFirst).not.toContain('converged');
    expect(parseCsv(smallFirst)[0]).toHaveLength(16 + 4); // the fixed columns and 4 stages
  });
});
