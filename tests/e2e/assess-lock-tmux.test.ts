// `maturity assess` in real terminals (tmux) against its own kind: two interviews on one file, the
// lock released on SIGTERM and SIGHUP, and kill -9 races that must leave nothing the next run does
// not clean. Run `node scripts/build.mjs` first (npm test does).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadAnswersFile } from '../../src/answers/load.js';
import { BIN } from '../helpers/run-cli.js';
import { hasTmux, shellQuote, Terminal } from './tmux.js';

let temp = '';
beforeAll(() => {
  temp = mkdtempSync(join(tmpdir(), 'maturity-e2e-lock-'));
});
afterAll(() => {
  if (temp) rmSync(temp, { recursive: true, force: true });
});

const open: Terminal[] = [];
afterEach(() => {
  for (const terminal of open.splice(0)) terminal.close();
});

function freshDir(): string {
  return mkdtempSync(join(temp, 'case-'));
}

/** `maturity assess ARGS` in a new terminal; with `exec` the pane's process is the CLI itself. */
function assess(dir: string, args: string[], options: { exec?: boolean } = {}): Terminal {
  const command = ['node', BIN, 'assess', ...args].map(shellQuote).join(' ');
  const run = `cd ${shellQuote(dir)} && exec env -u FORCE_COLOR NO_COLOR=1 ${command}`;
  const terminal = new Terminal(options.exec ? run : `(${run}); echo "EXIT=$?"; sleep 600`);
  open.push(terminal);
  return terminal;
}

async function exitCode(terminal: Terminal): Promise<number> {
  const screen = await terminal.waitFor(/EXIT=\d+/, { history: true });
  return Number(/EXIT=(\d+)/.exec(screen)![1]);
}

/** Enter at the four metadata prompts. */
async function skipMetadata(terminal: Terminal): Promise<void> {
  for (const label of ['Organization:', 'Unit \\(team', 'Respondent', 'Role:', 'Target stage']) {
    await terminal.waitFor(new RegExp(`\\? ${label}`));
    terminal.send('Enter');
  }
}

/** The process id of the CLI in a pane that runs it under a shell. */
function cliPid(terminal: Terminal): number {
  const shell = terminal.panePid();
  const child = spawnSync('ps', ['--ppid', String(shell), '-o', 'pid='], { encoding: 'utf8' });
  return Number(child.stdout.trim().split('\n')[0]);
}

// Skipped only where tmux is missing; CI installs it (.ci/run).
describe.skipIf(!hasTmux)('maturity assess against another maturity assess (tmux)', () => {
  it('a second interview on the same file exits 2 at once; after the first stops, it may start', async () => {
    const dir = freshDir();
    const first = assess(dir, ['team.yaml']);
    await first.waitFor('? Organization:');
    const second = assess(dir, ['team.yaml']);
    expect(await exitCode(second)).toBe(2);
    const refused = second.screen({ history: true });
    expect(refused).toMatch(/team\.yaml: in use by another maturity assess \(process \d+\)/);
    expect(refused).not.toContain('Organization:');

    first.send('C-c');
    expect(await exitCode(first)).toBe(130);
    expect(readdirSync(dir)).toEqual([]);
    const third = assess(dir, ['team.yaml']);
    await third.waitFor('? Organization:');
    third.send('C-c');
    expect(await exitCode(third)).toBe(130);
  });

  it.each([
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)('%s releases the lock (exit %i)', async (signal, code) => {
    const dir = freshDir();
    const terminal = assess(dir, ['team.yaml']);
    await skipMetadata(terminal);
    await terminal.waitFor(/question 1 of 53\n/);
    terminal.send('2', 'Enter');
    await terminal.waitFor(/question 2 of 53\n/);
    expect(readdirSync(dir).sort()).toEqual(['.team.yaml.lock', 'team.yaml']);
    process.kill(cliPid(terminal), signal);
    expect(await exitCode(terminal)).toBe(code);
    expect(terminal.screen({ history: true })).toContain('Stopped. 1 of 53 answers are saved');
    expect(readdirSync(dir)).toEqual(['team.yaml']);
  });

  it('kill -9 right after Enter, again and again: the next run cleans up and carries on', async () => {
    const dir = freshDir();
    let answered = 0;
    for (let round = 0; round < 6; round += 1) {
      // exec: the killed CLI is the pane's process, a zombie until tmux reaps it; a zombie is dead.
      const terminal = assess(dir, ['race.yaml'], { exec: round % 2 === 1 });
      await skipMetadata(terminal);
      // The first unanswered question: the file holds every answer confirmed before.
      await terminal.waitFor(new RegExp(`question ${answered + 1} of 53\\n`));
      // What the next run must clean: never a torn file, nothing but our own leftovers.
      expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
      const pid = round % 2 === 1 ? terminal.panePid() : cliPid(terminal);
      terminal.send('1', 'Enter');
      process.kill(pid, 'SIGKILL');
      if (round % 2 === 0) expect(await exitCode(terminal)).toBe(137);
      const saved = await loadAnswersFile(join(dir, 'race.yaml'));
      expect(saved.problems).toEqual([]);
      answered = saved.answers!.answers.size;
      // The lock of the killed run may stay, and a complete temporary file may: both are stale.
      for (const name of readdirSync(dir)) {
        expect(name).toMatch(/^(race\.yaml|\.race\.yaml\.lock|\.race\.yaml\.\d+\.\d+\.tmp)$/);
      }
    }
    const last = assess(dir, ['race.yaml']);
    await last.waitFor('? Organization:');
    expect(readdirSync(dir).sort()).toEqual(['.race.yaml.lock', 'race.yaml']);
    last.send('C-c');
    expect(await exitCode(last)).toBe(130);
    expect(readdirSync(dir)).toEqual(['race.yaml']);
  });
});
