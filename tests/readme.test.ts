import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT } from './helpers/run-cli.js';

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

let base: string;
let runs: string;

beforeAll(() => {
  // A working folder with every file the examples name: examples, a rubric, an answers file.
  base = mkdtempSync(join(tmpdir(), 'maturity-readme-'));
  runs = mkdtempSync(join(tmpdir(), 'maturity-readme-runs-'));
  cpSync(join(ROOT, 'examples'), join(base, 'examples'), { recursive: true });
  cpSync(join(ROOT, 'examples'), join(base, 'assessments'), { recursive: true });
  cpSync(
    join(ROOT, 'tests', 'fixtures', 'rubrics', 'good-minimal.yaml'),
    join(base, 'my-rubric.yaml'),
  );
  cpSync(join(ROOT, 'rubrics', 'social-business.yaml'), join(base, 'other.yaml'));
  // A file the README shows whole, under its name (a first line `# name.yaml`), is there as shown.
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  for (const [, name, text] of readme.matchAll(/```yaml\n# ([\w.-]+\.yaml)\n([\s\S]*?)```/g)) {
    writeFileSync(join(base, name!), text!);
  }
  const template = spawnSync(process.execPath, [BIN, 'template', '--rubric', 'my-rubric.yaml'], {
    cwd: base,
    encoding: 'utf8',
  });
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
    it(`runs: ${command}`, () => {
      const dir = mkdtempSync(join(runs, 'run-'));
      cpSync(base, dir, { recursive: true });
      // Commands that create a file need it absent.
      const creates = /(?:init|--output|-o) (\S+)/.exec(command)?.[1];
      if (creates && (command.includes(' init ') || command.startsWith('maturity template'))) {
        rmSync(join(dir, creates), { force: true });
      }
      const result = spawnSync(
        'sh',
        ['-c', `maturity() { "${process.execPath}" "${BIN}" "$@"; }; ${command}`],
        {
          cwd: dir,
          encoding: 'utf8',
          env: { ...process.env, NO_COLOR: '1' },
        },
      );
      expect(result.stderr).not.toMatch(/^\s+at /m);
      // --min-stage exists to fail (exit 1) when a file is below the stage; anything else succeeds.
      const allowed = command.includes('--min-stage') ? [0, 1] : [0];
      expect(allowed, `${command}\n${result.stderr}`).toContain(result.status);
    });
  }
});
