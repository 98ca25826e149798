import { describe, expect, it } from 'vitest';
import { commandAlone, createProgram } from '../../src/cli/program.js';
import type { Io } from '../../src/io.js';
import { runMain } from '../helpers/run-main.js';

const io = (argv: string[]): Io => ({
  argv,
  stdout: { write: () => true },
  stderr: { write: () => true },
  stdin: process.stdin,
  env: {},
  cwd: process.cwd(),
  now: () => new Date(0),
});
const built = (argv: string[]) =>
  createProgram(io(argv), () => {})
    .commands.map((command) => command.name())
    .filter((name) => name !== 'help');

describe('the program builds only the command it runs', () => {
  it('builds the command named first, alone', () => {
    expect(commandAlone(['score', 'a.yaml', '--format', 'json'])).toBe('score');
    expect(built(['score', 'a.yaml'])).toEqual(['score']);
    expect(built(['rubric', 'show'])).toEqual(['rubric']);
  });

  it('builds them all where help or an error may list them', () => {
    const all = ['assess', 'score', 'progress', 'template', 'rubric'];
    for (const argv of [
      [],
      ['--help'],
      ['help', 'score'],
      ['score', '--help'],
      ['score', 'a.yaml', '-h'],
      ['scor', 'a.yaml'],
      ['--no-such-flag'],
      // A name that only the prototype of an object has is not a command.
      ['toString'],
    ]) {
      expect(commandAlone(argv)).toBeUndefined();
      expect(built(argv)).toEqual(all);
    }
  });

  it('answers as it did with every command built', async () => {
    const score = await runMain(['score', 'examples/acme-engagement.yaml', '--format', 'nope']);
    expect(score.code).toBe(2);
    expect(score.stderr).toContain("argument 'nope' is invalid");
    const typo = await runMain(['scor', 'examples/acme-engagement.yaml']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('(Did you mean score?)');
  });
});
