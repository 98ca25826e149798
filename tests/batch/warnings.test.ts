import { describe, expect, it } from 'vitest';
import { FileWarnings, WARNINGS_NAMED } from '../../src/batch/warnings.js';

describe('FileWarnings', () => {
  const collect = () => {
    const said: string[] = [];
    return { said, warnings: new FileWarnings((line) => said.push(line)) };
  };

  it('says a warning for its first files, then counts it, one count per text', () => {
    const { said, warnings } = collect();
    for (let i = 0; i < WARNINGS_NAMED + 3; i += 1) {
      warnings.add(`f${i}.yaml`, `f${i}.yaml: warning: old version`);
      if (i % 2 === 0) warnings.add(`f${i}.yaml`, `f${i}.yaml: warning: other rubric`);
    }
    expect(said.filter((line) => line.endsWith('old version'))).toHaveLength(WARNINGS_NAMED);
    expect(said.filter((line) => line.endsWith('other rubric'))).toHaveLength(7);
    said.length = 0;
    warnings.rest();
    expect(said).toEqual(['maturity: warning: the same for 3 more files: old version']);
    // Said once: a run that stops after saying them (and says them on its way out) repeats none.
    warnings.rest();
    expect(said).toHaveLength(1);
  });

  it('says one more file in the singular, and nothing when no file was left unnamed', () => {
    const { said, warnings } = collect();
    for (let i = 0; i <= WARNINGS_NAMED; i += 1) warnings.add(`${i}`, `${i}: warning: w`);
    warnings.add('x', 'x: warning: alone');
    said.length = 0;
    warnings.rest();
    expect(said).toEqual(['maturity: warning: the same for 1 more file: w']);
  });

  it('counts a warning with a position in its file as the same warning wherever it is', () => {
    const { said, warnings } = collect();
    for (let i = 0; i < WARNINGS_NAMED + 2; i += 1)
      warnings.add(`f${i}.yaml`, `f${i}.yaml:${i + 1}:9: warning: target "x" is no stage`);
    // (A name that only starts like the file's is not the file's.)
    warnings.add('f1.yaml', 'f1.yaml.bak: warning: target "x" is no stage');
    expect(said).toHaveLength(WARNINGS_NAMED + 1);
    expect(said[1]).toBe('f1.yaml:2:9: warning: target "x" is no stage');
    said.length = 0;
    warnings.rest();
    expect(said).toEqual(['maturity: warning: the same for 2 more files: target "x" is no stage']);
  });

  it("says every warning that is not a file's own as it comes, with control characters escaped", () => {
    const { said, warnings } = collect();
    for (let i = 0; i < WARNINGS_NAMED + 2; i += 1)
      warnings.add('a.yaml', 'b.yaml: warning: \u001b[2J');
    expect(said).toHaveLength(WARNINGS_NAMED + 2);
    expect(said[0]).toBe('b.yaml: warning: \\u001b[2J');
    said.length = 0;
    warnings.rest();
    expect(said).toEqual([]);
  });
});
