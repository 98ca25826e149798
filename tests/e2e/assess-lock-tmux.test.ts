// `maturity assess` in real terminals (tmux) against its own kind: two interviews on one file, the
// lock released on SIGTERM and SIGHUP, and kill -9 races that must leave nothing the next run does
// not clean. Run `node scripts/build.mjs` first (npm test does).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAnswersFile } from '../../src/answers/load.js';
import { exitCode, inCI, interviewTerminals, metadata } from './interview.js';
import { hasTmux, type Terminal } from './tmux.js';

const { freshDir, assess } = interviewTerminals('lock');

/** The process id of the CLI in a pane that runs it under a shell. */
function cliPid(terminal: Terminal): number {
  const shell = terminal.panePid();
  const child = spawnSync('ps', ['--ppid', String(shell), '-o', 'pid='], { encoding: 'utf8' });
  return Number(child.stdout.trim().split('\n')[0]);
}

// Skipped where tmux is missing, except in CI: there a missing tmux fails the run (.ci/run installs it).
describe.skipIf(!hasTmux && !inCI)('maturity assess against another maturity assess (tmux)', () => {
  it('has tmux to run in', () => {
    expect(hasTmux, 'tmux is not installed, and CI is set: install tmux (see .ci/run)').toBe(true);
  });

  it('a second interview on the same file exits 2 at once; after the first stops, it may start', async () => {
    const dir = freshDir({ rubric: false });
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
    const dir = freshDir({ rubric: false });
    const terminal = assess(dir, ['team.yaml']);
    await metadata(terminal);
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
    const dir = freshDir({ rubric: false });
    let answered = 0;
    for (let round = 0; round < 6; round += 1) {
      // exec: the killed CLI is the pane's process, a zombie until tmux reaps it; a zombie is dead.
      const terminal = assess(dir, ['race.yaml'], { exec: round % 2 === 1 });
      await metadata(terminal);
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
