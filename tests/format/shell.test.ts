import { describe, expect, it } from 'vitest';
import { programWords, shellCommand } from '../../src/format/shell.js';

describe('programWords', () => {
  it('says npx maturity when npm started the program, and maturity otherwise', () => {
    // `npx maturity` and `npm exec maturity`
    expect(programWords({ npm_command: 'exec', npm_lifecycle_event: 'npx' })).toEqual([
      'npx',
      'maturity',
    ]);
    // A package script (`npm run assess`): maturity is in node_modules/.bin, not on the PATH.
    expect(programWords({ npm_command: 'run', npm_lifecycle_event: 'assess' })).toEqual([
      'npx',
      'maturity',
    ]);
    expect(programWords({ npm_command: 'run-script', npm_lifecycle_event: 'assess' })).toEqual([
      'npx',
      'maturity',
    ]);
    expect(programWords({})).toEqual(['maturity']);
    expect(programWords({ npm_lifecycle_event: '' })).toEqual(['maturity']);
  });

  it('makes a command a shell reads back', () => {
    expect(shellCommand(...programWords({ npm_command: 'exec' }), 'assess', 'my team.yaml')).toBe(
      "npx maturity assess 'my team.yaml'",
    );
  });
});
