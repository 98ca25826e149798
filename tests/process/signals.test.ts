import { spawn } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAnswersFile } from '../../src/answers/load.js';
import { cliEnv, fixture, ROOT, tempFolders } from '../helpers/run-cli.js';

const freshDir = tempFolders('process-signals');
const FAKE_TERMINAL = join(ROOT, 'tests', 'process', 'fake-terminal.mjs');

/**
 * Starts `maturity assess` in a child process whose stdin poses as a terminal, types one answer,
 * then sends `signal` once the second question shows; resolves to the exit code and the output.
 */
function stopWith(signal: NodeJS.Signals, dir: string) {
  const child = spawn(
    process.execPath,
    [FAKE_TERMINAL, 'assess', 'team.yaml', '--rubric', 'small-rubric.yaml'],
    { cwd: dir, env: cliEnv() },
  );
  let stdout = '';
  let stderr = '';
  const steps: [waitFor: string, act: () => void][] = [
    ['Organization:', () => child.stdin.write('Acme\r')],
    ['Unit', () => child.stdin.write('\r')],
    ['Respondent', () => child.stdin.write('\r')],
    ['Role:', () => child.stdin.write('\r')],
    ['Target stage', () => child.stdin.write('\r')],
    ['question 1 of 4', () => child.stdin.write('1\r')],
    ['question 2 of 4', () => child.kill(signal)],
  ];
  let seen = 0;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    const next = steps[0];
    if (!next) return;
    const at = stdout.indexOf(next[0], seen);
    if (at === -1) return;
    seen = at + next[0].length;
    steps.shift();
    next[1]();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise<{ code: number | null; stdout: string; stderr: string; steps: number }>(
    (resolve) => {
      child.on('close', (code) => resolve({ code, stdout, stderr, steps: steps.length }));
    },
  );
}

describe('maturity assess stopped by a signal', () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)('on %s says what is saved and how to continue, exit %i', async (signal, code) => {
    const dir = freshDir(signal);
    cpSync(fixture('assess', 'small-rubric.yaml'), join(dir, 'small-rubric.yaml'));
    const result = await stopWith(signal, dir);
    expect(result.steps, result.stdout).toBe(0);
    expect(result.code, result.stderr).toBe(code);
    expect(result.stderr).toBe(
      '\nStopped. 1 of 4 answers are saved in team.yaml.\n' +
        'Continue with: maturity assess team.yaml\n',
    );
    // The cursor the prompt hid is shown again.
    expect(result.stdout.endsWith('\x1b[?25h')).toBe(true);
    const saved = await loadAnswersFile(join(dir, 'team.yaml'));
    expect(saved.problems).toEqual([]);
    expect(saved.answers?.organization).toBe('Acme');
    expect(Object.fromEntries(saved.answers!.answers)).toEqual({ 'has-plan': { value: 1 } });
    expect(readFileSync(join(dir, 'team.yaml'), 'utf8')).toMatch(/^rubric: small-rubric\.yaml$/m);
  });
});
