import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, STACK_LINE } from './helpers/run-cli.js';
import { runMain } from './helpers/run-main.js';

/** Every `maturity …` line of the README's shell examples, as written (comments dropped). */
function readmeCommands(): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const commands: string[] = [];
  for (const block of readme.matchAll(/```sh\n([\s\S]*?)```/g)) {
    for (const raw of block[1]!.split('\n')) {
      const line = raw.replace(/\s+#.*$/, '').trim();
      const at = line.indexOf('maturity ');
      if (at === -1 || line.startsWith('#')) continue;
      commands.push(line.slice(at).trim());
    }
  }
  return commands;
}

/**
 * A README command line as the shell reads it: its words, quotes removed, the file a final
 * `> file` sends stdout to, and the file a `< file` reads stdin from. Anything else the shell would interpret (pipes, variables, unquoted
 * globs, several commands) is refused, so the README stays within what this test can run.
 */
function shellWords(line: string): { words: string[]; redirect?: string; input?: string } {
  const unsupported = () => new Error(`readme.test.ts runs simple commands only, not: ${line}`);
  const words: string[] = [];
  let redirect: string | undefined;
  let input: string | undefined;
  let toFile = false;
  let fromFile = false;
  const token = /\s*(?:'([^']*)'|"([^"$`\\]*)"|([^\s'"]+))\s*/y;
  while (token.lastIndex < line.length) {
    const match = token.exec(line);
    if (!match) throw unsupported();
    const [, single, double, plain] = match;
    if (plain === '>' && !toFile && redirect === undefined) {
      toFile = true;
      continue;
    }
    if (plain === '<' && !fromFile && input === undefined) {
      fromFile = true;
      continue;
    }
    if (plain !== undefined && /[|&;<>()$`\\*?]/.test(plain)) throw unsupported();
    const word = single ?? double ?? plain!;
    if (toFile) [redirect, toFile] = [word, false];
    else if (fromFile) [input, fromFile] = [word, false];
    else if (redirect !== undefined || input !== undefined) throw unsupported();
    else words.push(word);
  }
  if (toFile || fromFile) throw unsupported();
  return {
    words,
    ...(redirect !== undefined && { redirect }),
    ...(input !== undefined && { input }),
  };
}

/**
 * The README's sample outputs: a code block whose first line is `$ maturity …` shows what that
 * command prints, line for line, where a line of its own `...` stands for any number of lines.
 */
function readmeSamples(): { command: string; expected: string[] }[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  return [...readme.matchAll(/```\w*\n\$ (maturity [^\n]*)\n([\s\S]*?)```/g)].map(
    ([, command, body]) => ({ command: command!, expected: body!.replace(/\n$/, '').split('\n') }),
  );
}

/** Where `output` stops following `expected` (null when it follows it to the end). */
function sampleMismatch(expected: readonly string[], output: readonly string[]): string | null {
  let at = 0;
  let skipping = false;
  for (const line of expected) {
    if (line === '...') {
      skipping = true;
      continue;
    }
    if (skipping) {
      const found = output.indexOf(line, at);
      if (found === -1) return `not found after line ${at + 1}: ${line}`;
      at = found;
    } else if (output[at] !== line) {
      return `line ${at + 1} is ${JSON.stringify(output[at])}, the README shows ${JSON.stringify(line)}`;
    }
    at += 1;
    skipping = false;
  }
  return skipping || at === output.length ? null : `${output.length - at} more lines than shown`;
}

let base: string;
let runs: string;

beforeAll(async () => {
  // A working folder with every file the examples name: examples, a rubric, an answers file.
  base = mkdtempSync(join(tmpdir(), 'maturity-readme-'));
  runs = mkdtempSync(join(tmpdir(), 'maturity-readme-runs-'));
  cpSync(join(ROOT, 'examples'), join(base, 'examples'), { recursive: true });
  cpSync(join(ROOT, 'examples'), join(base, 'assessments'), { recursive: true });
  cpSync(
    join(ROOT, 'tests', 'fixtures', 'ok', 'rubric-minimal.yaml'),
    join(base, 'my-rubric.yaml'),
  );
  cpSync(join(ROOT, 'rubrics', 'social-business.yaml'), join(base, 'other.yaml'));
  // A file the README shows whole, under its name (a first line `# name.yaml`), is there as shown.
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  for (const [, name, text] of readme.matchAll(/```yaml\n# ([\w.-]+\.yaml)\n([\s\S]*?)```/g)) {
    writeFileSync(join(base, name!), text!);
  }
  const template = await runMain(['template', '--rubric', 'my-rubric.yaml'], { cwd: base });
  expect(template.code).toBe(0);
  writeFileSync(join(base, 'team.yaml'), template.stdout);
});

afterAll(() => {
  rmSync(base, { recursive: true, force: true });
  rmSync(runs, { recursive: true, force: true });
});

describe('README examples', () => {
  const commands = readmeCommands();

  it('documents every command', () => {
    for (const command of [
      'score',
      'assess',
      'template',
      'rubric list',
      'rubric show',
      'rubric validate',
      'rubric schema',
      'rubric init',
    ]) {
      expect(commands.some((line) => line.startsWith(`maturity ${command}`))).toBe(true);
    }
  });

  // The interview needs a person at a terminal; tests/e2e drives it in tmux.
  for (const command of commands.filter((line) => !line.startsWith('maturity assess'))) {
    it(`runs: ${command}`, async () => {
      const dir = mkdtempSync(join(runs, 'run-'));
      cpSync(base, dir, { recursive: true });
      // Commands that create a file need it absent.
      const creates = /(?:init|--output|-o) (\S+)/.exec(command)?.[1];
      if (creates && (command.includes(' init ') || command.startsWith('maturity template'))) {
        rmSync(join(dir, creates), { force: true });
      }
      const { words, redirect, input } = shellWords(command);
      expect(words[0]).toBe('maturity');
      const result = await runMain(words.slice(1), {
        cwd: dir,
        ...(input !== undefined && { input: readFileSync(join(dir, input), 'utf8') }),
      });
      if (redirect !== undefined) writeFileSync(join(dir, redirect), result.stdout);
      expect(result.stderr).not.toMatch(STACK_LINE);
      // --min-stage exists to fail (exit 1) when a file is below the stage; anything else succeeds.
      const allowed = command.includes('--min-stage') ? [0, 1] : [0];
      expect(allowed, `${command}\n${result.stderr}`).toContain(result.code);
    });
  }
});

describe('README sample outputs are what the commands print', () => {
  const samples = readmeSamples();

  it('has samples of text, markdown, JUnit and progress', () => {
    expect(samples.length).toBeGreaterThanOrEqual(5);
  });

  for (const { command, expected } of samples) {
    it(command, async () => {
      const { words } = shellWords(command);
      const result = await runMain(words.slice(1), { cwd: base });
      const output = result.stdout.replace(/\n$/, '').split('\n');
      expect(sampleMismatch(expected, output)).toBeNull();
    });
  }
});
