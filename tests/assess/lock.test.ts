// One interview per answers file (a lock beside it), no save over changes it did not read, and no
// question asked before the file is known to be writable (issue 12, items 4, 9 and 11).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { processIsAlive } from '../../src/fs/atomic-write.js';
import { lockPath, takeLock } from '../../src/fs/lock.js';
import { UserError } from '../../src/problems/user-error.js';
import { fixture, STACK_LINE, tempFolders } from '../helpers/run-cli.js';
import { CTRL_C, ENTER, runInTerminal, SKIP_METADATA } from '../helpers/run-in-terminal.js';

const freshDir = tempFolders('assess-lock');

/**
 * A folder with the small rubric and `team.yaml` (two of its four questions answered, and its
 * organization and unit given: runs that go through the metadata again say --resume).
 */
function session(name: string): string {
  const dir = freshDir(name);
  copyFileSync(fixture('assess', 'small-rubric.yaml'), join(dir, 'small-rubric.yaml'));
  copyFileSync(fixture('assess', 'unfinished.yaml'), join(dir, 'team.yaml'));
  return dir;
}

/** Everything in a folder but the rubric: the answers file, and whatever was left beside it. */
function leftovers(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name !== 'small-rubric.yaml')
    .sort();
}

/** A process that runs until killed, to hold a lock. */
const running: ChildProcess[] = [];
afterAll(() => {
  for (const child of running) child.kill('SIGKILL');
});
function liveProcess(): number {
  const child = spawn('sleep', ['600'], { stdio: 'ignore' });
  running.push(child);
  return child.pid!;
}
/** A process id no process has: above the system's largest (an ended one's could be reused). */
function deadProcess(): number {
  const pid = Number(readFileSync('/proc/sys/kernel/pid_max', 'utf8')) + 1000;
  expect(processIsAlive(pid)).toBe(false);
  return pid;
}

describe('a second assess on a file in use exits 2 at once', () => {
  it('with a message naming the other process, asking nothing and leaving its lock', async () => {
    const dir = session('in-use');
    const pid = liveProcess();
    const lock = join(dir, '.team.yaml.lock');
    writeFileSync(lock, `${pid} ${hostname()}\n`);
    const before = readFileSync(join(dir, 'team.yaml'), 'utf8');
    const result = await runInTerminal(['assess', 'team.yaml'], dir);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `team.yaml: in use by another maturity assess (process ${pid}); finish or stop that one first\n`,
    );
    expect(readFileSync(lock, 'utf8')).toBe(`${pid} ${hostname()}\n`);
    expect(readFileSync(join(dir, 'team.yaml'), 'utf8')).toBe(before);
  });

  it('a lock of another host cannot be checked: it stands, and the message says how to clear it', async () => {
    const dir = session('other-host');
    writeFileSync(join(dir, '.team.yaml.lock'), '4242 some-other-host\n');
    const result = await runInTerminal(['assess', 'team.yaml'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `team.yaml: in use by another maturity assess (process 4242 on some-other-host); finish or stop that one first, or delete ${join(dir, '.team.yaml.lock')} if it no longer runs\n`,
    );
  });

  it('the lock is beside the file a symbolic link names, so two names of one file share it', async () => {
    const dir = session('linked');
    spawnSync('ln', ['-s', 'team.yaml', join(dir, 'alias.yaml')]);
    writeFileSync(join(dir, '.team.yaml.lock'), `${liveProcess()} ${hostname()}\n`);
    const result = await runInTerminal(['assess', 'alias.yaml'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^alias\.yaml: in use by another maturity assess/);
  });
});

describe('assess through a symbolic link', () => {
  it('saves to the file the link names, and the link stays a link', async () => {
    const dir = session('saves-through-link');
    spawnSync('ln', ['-s', 'team.yaml', join(dir, 'alias.yaml')]);
    const result = await runInTerminal(['assess', 'alias.yaml', '--resume'], dir, [
      ['Organization:', `Linked Corp${ENTER}`],
      ['Unit', CTRL_C],
    ]);
    expect(result.code).toBe(130);
    expect(lstatSync(join(dir, 'alias.yaml')).isSymbolicLink()).toBe(true);
    // The organization is pre-filled (Acme Corp) and typing adds to it.
    expect(readFileSync(join(dir, 'team.yaml'), 'utf8')).toContain(
      'organization: Acme CorpLinked Corp',
    );
    expect(leftovers(dir)).toEqual(['alias.yaml', 'team.yaml']);
  });
});

describe('the lock is released on every exit path', () => {
  it('after the last answer', async () => {
    const dir = session('finish');
    const result = await runInTerminal(['assess', 'team.yaml', '--resume'], dir, [
      ...SKIP_METADATA,
      ['question 3 of 4', `n${ENTER}`],
      ['question 4 of 4', `2${ENTER}`],
    ]);
    expect(result.code).toBe(0);
    expect(leftovers(dir)).toEqual(['team.yaml']);
  });

  it('on Ctrl-C', async () => {
    const dir = session('ctrl-c');
    const result = await runInTerminal(['assess', 'team.yaml', '--resume'], dir, [
      ['Organization:', CTRL_C],
    ]);
    expect(result.code).toBe(130);
    expect(leftovers(dir)).toEqual(['team.yaml']);
  });

  it('on an error (an answers file that does not fit its rubric)', async () => {
    const dir = session('error');
    writeFileSync(join(dir, 'team.yaml'), 'rubric: small-rubric.yaml\nanswers:\n  nope: 1\n');
    const result = await runInTerminal(['assess', 'team.yaml'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toMatch(STACK_LINE);
    expect(leftovers(dir)).toEqual(['team.yaml']);
  });

  it('and a stale lock, of a process that no longer runs, is taken over', async () => {
    const dir = session('stale');
    writeFileSync(join(dir, '.team.yaml.lock'), `${deadProcess()} ${hostname()}\n`);
    const result = await runInTerminal(['assess', 'team.yaml', '--resume'], dir, [
      ['Organization:', CTRL_C],
    ]);
    expect(result.stderr).not.toContain('in use');
    expect(result.code).toBe(130);
    expect(leftovers(dir)).toEqual(['team.yaml']);
  });

  it('so is a lock left without an owner for more than a minute, but not a younger one', async () => {
    const dir = session('unowned');
    const lock = join(dir, '.team.yaml.lock');
    writeFileSync(lock, '');
    const young = await runInTerminal(['assess', 'team.yaml'], dir);
    expect(young.code).toBe(2);
    expect(young.stderr).toBe(
      'team.yaml: in use by another maturity assess; finish or stop that one first\n',
    );
    const old = new Date(Date.now() - 5 * 60_000);
    utimesSync(lock, old, old);
    const result = await runInTerminal(['assess', 'team.yaml', '--resume'], dir, [
      ['Organization:', CTRL_C],
    ]);
    expect(result.code).toBe(130);
    expect(leftovers(dir)).toEqual(['team.yaml']);
  });
});

describe('takeLock', () => {
  it('creates the lock with O_EXCL: a second taker in this process is refused until release', () => {
    const dir = freshDir('take');
    const target = join(dir, 'a.yaml');
    const lock = takeLock(target, 'a.yaml', 'test');
    expect(lock.path).toBe(lockPath(target));
    expect(readFileSync(lock.path, 'utf8')).toBe(`${process.pid} ${hostname()}\n`);
    expect(() => takeLock(target, 'a.yaml', 'test')).toThrow(UserError);
    lock.release();
    lock.release();
    expect(existsSync(lock.path)).toBe(false);
    takeLock(target, 'a.yaml', 'test').release();
  });

  it('never removes a lock another process took over meanwhile', () => {
    const dir = freshDir('taken-over');
    const target = join(dir, 'a.yaml');
    const lock = takeLock(target, 'a.yaml', 'test');
    const theirs = `${liveProcess()} ${hostname()}\n`;
    writeFileSync(lock.path, theirs);
    lock.release();
    expect(readFileSync(lock.path, 'utf8')).toBe(theirs);
  });
});

describe('a save never overwrites changes it did not read', () => {
  it('another program changes the file mid-session: exit 2, its change kept', async () => {
    const dir = session('changed');
    const path = join(dir, 'team.yaml');
    const theirs = 'rubric: small-rubric.yaml\norganization: Changed elsewhere\nanswers: {}\n';
    const result = await runInTerminal(['assess', 'team.yaml', '--resume'], dir, [
      ['Organization:', ENTER],
      // The first field is saved; now someone else writes the file, then Enter answers the next.
      [
        'Unit',
        () => {
          writeFileSync(path, theirs);
          return ENTER;
        },
      ],
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toMatch(STACK_LINE);
    expect(result.stderr).toBe(
      'team.yaml: changed by another program since this session last read or saved it; not overwritten. The last answer is not saved. Check the file, then continue with: maturity assess team.yaml\n',
    );
    expect(readFileSync(path, 'utf8')).toBe(theirs);
    expect(leftovers(dir)).toEqual(['team.yaml']);
  });

  it('a file created meanwhile where there was none is not overwritten either', async () => {
    const dir = session('created');
    const path = join(dir, 'new.yaml');
    const result = await runInTerminal(
      ['assess', 'new.yaml', '--rubric', 'small-rubric.yaml'],
      dir,
      [
        [
          'Organization:',
          () => {
            writeFileSync(path, 'answers: {}\n');
            return ENTER;
          },
        ],
      ],
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^new\.yaml: changed by another program/);
    expect(readFileSync(path, 'utf8')).toBe('answers: {}\n');
  });

  it('touching the file (same bytes, new time) is no change', async () => {
    const dir = session('touched');
    const path = join(dir, 'team.yaml');
    const result = await runInTerminal(['assess', 'team.yaml', '--resume'], dir, [
      ['Organization:', ENTER],
      [
        'Unit',
        () => {
          const later = new Date(Date.now() + 60_000);
          utimesSync(path, later, later);
          return ENTER;
        },
      ],
      ['Respondent', ENTER],
      ['Role:', ENTER],
      ['Target stage', ENTER],
      ['question 3 of 4', CTRL_C],
    ]);
    expect(result.code).toBe(130);
    expect(result.stderr).toContain('Stopped. 2 of 4 answers are saved in team.yaml.');
  });
});

describe('before any question, the answers file must be writable', () => {
  it('in a read-only folder, exit 2 with nothing asked', async () => {
    const dir = session('ro-folder');
    const folder = join(dir, 'locked');
    mkdirSync(folder);
    copyFileSync(join(dir, 'team.yaml'), join(folder, 'team.yaml'));
    chmodSync(folder, 0o555);
    try {
      for (const file of ['locked/team.yaml', 'locked/new.yaml']) {
        const result = await runInTerminal(['assess', file, '--rubric', 'small-rubric.yaml'], dir);
        expect(result.code).toBe(2);
        expect(result.stdout).toBe('');
        expect(result.stderr).toBe(
          `${file}: cannot write: permission denied for the folder locked (the file is written beside itself and renamed into place)\n`,
        );
      }
      expect(readdirSync(folder)).toEqual(['team.yaml']);
    } finally {
      chmodSync(folder, 0o755);
    }
  });

  it('a write-protected file, exit 2 with nothing asked (root included)', async () => {
    const dir = session('ro-file');
    chmodSync(join(dir, 'team.yaml'), 0o444);
    const result = await runInTerminal(['assess', 'team.yaml'], dir);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('team.yaml: cannot write: permission denied\n');
    expect(leftovers(dir)).toEqual(['team.yaml']);
  });
});

describe('temporary files a killed interview left are removed when the next one starts', () => {
  it('even if it stops at the first prompt', async () => {
    const dir = session('stale-temp');
    const dead = deadProcess();
    writeFileSync(
      join(dir, `.team.yaml.${dead}.4.tmp`),
      'rubric: small-rubric.yaml\nanswers: {}\n',
    );
    const result = await runInTerminal(['assess', 'team.yaml', '--resume'], dir, [
      ['Organization:', CTRL_C],
    ]);
    expect(result.code).toBe(130);
    expect(leftovers(dir)).toEqual(['team.yaml']);
  });
});
