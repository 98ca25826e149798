// Every file maturity writes (score --output, template --output, rubric init, the answers file of
// assess) goes through src/fs/atomic-write.ts: these tests hold it to the rules of the README
// ("Exit codes and errors"): symbolic links written through, devices and pipes written directly,
// and what the mode bits forbid refused, as a shell redirect would, root included.
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkWritable,
  openAtomicFile,
  processIsAlive,
  removeStaleTemporaryFiles,
  writeFileAtomic,
} from '../../src/fs/atomic-write.js';
import { UserError } from '../../src/problems/user-error.js';
import { BIN, cliEnv, expectCleanFailure, fixture, tempFolders } from '../helpers/run-cli.js';
import { runMain } from '../helpers/run-main.js';

const freshDir = tempFolders('atomic-write');
const ANSWERS = fixture('ok', 'answers-good.yaml');
const isRoot = process.getuid?.() === 0;

/** What every command that writes a file runs, writing to `target` (relative to `dir`). */
function writers(target: string): [name: string, argv: string[]][] {
  return [
    ['score --output', ['score', ANSWERS, '--format', 'json', '--output', target]],
    ['template --output --force', ['template', '--output', target, '--force']],
  ];
}

/** Names in a folder, temporary files included. */
function entries(dir: string): string[] {
  return readdirSync(dir).sort();
}

/**
 * A device of our own, made like the system's (so that a bug can never replace the real /dev/full
 * or /dev/null of the machine running the tests, as one once did): /dev/full (writes fail with
 * ENOSPC), /dev/null, or a block device. Without the right to make one, the system's own, which such
 * a user could not replace anyway.
 */
function ownDevice(dir: string, kind: 'full' | 'null' | 'block'): string {
  const path = join(dir, kind);
  const [type, major, minor] = {
    full: ['c', '1', '7'],
    null: ['c', '1', '3'],
    block: ['b', '7', '0'],
  }[kind];
  if (spawnSync('mknod', [path, type!, major!, minor!]).status === 0) return path;
  if (kind !== 'block') return `/dev/${kind}`;
  const block = readdirSync('/dev')
    .map((entry) => join('/dev', entry))
    .find((entry) => lstatSync(entry).isBlockDevice());
  if (!block) throw new Error('no block device to test with');
  return block;
}

describe('symbolic links are written through, the target replaced atomically', () => {
  it.each(writers('link.out'))('%s', async (_, argv) => {
    const dir = freshDir(`link-${argv[0]}`);
    writeFileSync(join(dir, 'real.out'), 'old\n');
    chmodSync(join(dir, 'real.out'), 0o640);
    symlinkSync('real.out', join(dir, 'link.out'));
    const result = await runMain(argv, { cwd: dir });
    expect(result.stderr).toMatch(/^(|Wrote .*\n)$/);
    expect(result.code).toBe(0);
    expect(lstatSync(join(dir, 'link.out')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'link.out'))).toBe('real.out');
    expect(readFileSync(join(dir, 'real.out'), 'utf8')).not.toBe('old\n');
    // The new file keeps the old one's mode, whatever the umask.
    expect(statSync(join(dir, 'real.out')).mode & 0o777).toBe(0o640);
    expect(entries(dir)).toEqual(['link.out', 'real.out']);
  });

  it('a link to a file in another folder replaces that file, beside itself', async () => {
    const dir = freshDir('link-elsewhere');
    const other = freshDir('link-elsewhere-target');
    writeFileSync(join(other, 'report.json'), 'old\n');
    symlinkSync(join(other, 'report.json'), join(dir, 'report.json'));
    const result = await runMain(writers('report.json')[0]![1], { cwd: dir });
    expect(result.code).toBe(0);
    expect(JSON.parse(readFileSync(join(other, 'report.json'), 'utf8'))).toHaveProperty('results');
    expect(entries(other)).toEqual(['report.json']);
    expect(lstatSync(join(dir, 'report.json')).isSymbolicLink()).toBe(true);
  });

  it('a dangling link creates the file it names; rubric init and template count it as new', async () => {
    const dir = freshDir('dangling');
    symlinkSync('made.yaml', join(dir, 'link.yaml'));
    symlinkSync('template.yaml', join(dir, 'template-link.yaml'));
    const init = await runMain(['rubric', 'init', 'link.yaml'], { cwd: dir });
    expect(init.code).toBe(0);
    expect(readFileSync(join(dir, 'made.yaml'), 'utf8')).toContain('id: my-model');
    expect(lstatSync(join(dir, 'link.yaml')).isSymbolicLink()).toBe(true);
    const template = await runMain(['template', '-o', 'template-link.yaml'], { cwd: dir });
    expect(template.code).toBe(0);
    expect(readFileSync(join(dir, 'template.yaml'), 'utf8')).toContain('answers:');
    // Now that the file exists, neither overwrites it without --force.
    const again = await runMain(['rubric', 'init', 'link.yaml'], { cwd: dir });
    expectCleanFailure(again, 2);
    expect(again.stderr).toBe('link.yaml: already exists; not overwritten\n');
  });

  it("assess saves through the link it read its answers from (the answers file's own link)", () => {
    const dir = freshDir('assess-link');
    writeFileSync(join(dir, 'real.yaml'), 'answers: {}\n');
    symlinkSync('real.yaml', join(dir, 'team.yaml'));
    // The save itself is what assess calls after every answer.
    writeFileAtomic(join(dir, 'team.yaml'), 'answers:\n  q: 1\n', { shown: 'team.yaml' });
    expect(lstatSync(join(dir, 'team.yaml')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'real.yaml'), 'utf8')).toBe('answers:\n  q: 1\n');
  });
});

describe('devices and pipes are written directly, never replaced', () => {
  it('a device that fails every write (like /dev/full): exit 2, and it stays a device', async () => {
    const dir = freshDir('full');
    const full = ownDevice(dir, 'full');
    for (const [, argv] of writers(full)) {
      const result = await runMain(argv, { cwd: dir });
      expectCleanFailure(result, 2);
      expect(result.stderr).toBe(`${full}: cannot write: no space left on the device\n`);
      expect(lstatSync(full).isCharacterDevice()).toBe(true);
    }
    const init = await runMain(['rubric', 'init', full], { cwd: dir });
    expectCleanFailure(init, 2);
    expect(lstatSync(full).isCharacterDevice()).toBe(true);
    expect(entries(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('a null device takes any output, even from commands that never overwrite', async () => {
    const dir = freshDir('null');
    const nul = ownDevice(dir, 'null');
    for (const argv of [
      ['score', ANSWERS, '-o', nul],
      ['template', '-o', nul],
      ['rubric', 'init', nul],
    ]) {
      const result = await runMain(argv, { cwd: dir });
      expect(result.code, result.stderr).toBe(0);
    }
    expect(lstatSync(nul).isCharacterDevice()).toBe(true);
    expect(entries(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  // /dev/stdout, /dev/fd/N and /proc/self/fd/N are one rule; the tests use the two whose
  // replacement a bug could never achieve (no file can be created in /proc).
  it('/dev/fd/1 is the command’s own output, a pipe here', () => {
    const run = spawnSync(
      'sh',
      [
        '-c',
        'exec "$0" "$1" score "$2" --format json -o /dev/fd/1 | cat',
        process.execPath,
        BIN,
        ANSWERS,
      ],
      { env: cliEnv(), encoding: 'utf8', timeout: 30_000 },
    );
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toHaveProperty('results');
  });

  it('/proc/self/fd/1 redirected to a file with >> appends to it, as a shell would', () => {
    const dir = freshDir('stdout-append');
    writeFileSync(join(dir, 'log.txt'), 'first line\n');
    const run = spawnSync(
      'sh',
      ['-c', 'exec "$0" "$1" template -o /proc/self/fd/1 >> log.txt', process.execPath, BIN],
      { cwd: dir, env: cliEnv(), encoding: 'utf8', timeout: 30_000 },
    );
    expect(run.status, run.stderr).toBe(0);
    const log = readFileSync(join(dir, 'log.txt'), 'utf8');
    expect(log.startsWith('first line\n# yaml-language-server:')).toBe(true);
    expect(entries(dir)).toEqual(['log.txt']);
  });

  it('a named pipe gets the report as it is written, and nothing is left beside it', async () => {
    const dir = freshDir('fifo');
    const pipe = join(dir, 'report.pipe');
    spawnSync('mkfifo', [pipe]);
    const reader = spawn('cat', [pipe]);
    let received = '';
    reader.stdout.on('data', (chunk: Buffer) => (received += chunk.toString()));
    const closed = new Promise((resolve) => reader.on('close', resolve));
    const result = await runMain(['score', ANSWERS, '--format', 'json', '-o', pipe], { cwd: dir });
    await closed;
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(received)).toHaveProperty('results');
    expect(lstatSync(pipe).isFIFO()).toBe(true);
    expect(entries(dir)).toEqual(['report.pipe']);
  });

  it('a block device (a disk) or a socket is refused before anything is written', async () => {
    const dir = freshDir('block');
    const disk = ownDevice(dir, 'block');
    const result = await runMain(['score', ANSWERS, '-o', disk], { cwd: dir });
    expectCleanFailure(result, 2);
    expect(result.stderr).toBe(
      `${disk}: cannot write: it is a block device (a disk), not a file\n`,
    );
  });
});

describe('what the mode bits forbid is refused, exit 2, untouched (root included)', () => {
  it.each([...writers('locked.out'), ['rubric init', ['rubric', 'init', 'locked.out']]] as const)(
    'a write-protected (0444) file: %s',
    async (_, argv) => {
      const dir = freshDir(`readonly-${argv[0]}-${argv[1]}`);
      writeFileSync(join(dir, 'locked.out'), 'keep me\n');
      chmodSync(join(dir, 'locked.out'), 0o444);
      const result = await runMain([...argv], { cwd: dir });
      expectCleanFailure(result, 2);
      expect(result.stderr).toMatch(
        /^locked\.out: (cannot write: permission denied|already exists; not overwritten)\n$/,
      );
      expect(readFileSync(join(dir, 'locked.out'), 'utf8')).toBe('keep me\n');
      expect(entries(dir)).toEqual(['locked.out']);
    },
  );

  it('a read-only folder: no new file, no temporary file', async () => {
    const dir = freshDir('readonly-folder');
    const folder = join(dir, 'locked');
    spawnSync('mkdir', [folder]);
    writeFileSync(join(folder, 'existing.out'), 'keep me\n');
    chmodSync(folder, 0o555);
    try {
      for (const target of ['locked/new.out', 'locked/existing.out']) {
        for (const [, argv] of writers(target)) {
          const result = await runMain(argv, { cwd: dir });
          expectCleanFailure(result, 2);
          expect(result.stderr).toBe(
            `${target}: cannot write: permission denied for the folder locked (the file is written beside itself and renamed into place)\n`,
          );
        }
      }
      expect(entries(folder)).toEqual(['existing.out']);
      expect(readFileSync(join(folder, 'existing.out'), 'utf8')).toBe('keep me\n');
    } finally {
      chmodSync(folder, 0o755);
    }
  });

  it('checkWritable says so before anything is written', () => {
    const dir = freshDir('check');
    writeFileSync(join(dir, 'ro.yaml'), 'x\n');
    chmodSync(join(dir, 'ro.yaml'), 0o400);
    expect(() => checkWritable(join(dir, 'ro.yaml'), { shown: 'ro.yaml' })).toThrow(
      new UserError('ro.yaml: cannot write: permission denied'),
    );
    expect(() =>
      checkWritable(join(dir, 'missing', 'a.yaml'), { shown: 'missing/a.yaml' }),
    ).toThrow(new UserError('missing/a.yaml: cannot write: the folder missing does not exist'));
    expect(() => checkWritable(dir, { shown: 'dir' })).toThrow(
      new UserError('dir: cannot write: it is a directory'),
    );
    checkWritable(join(dir, 'new.yaml'));
    expect(existsSync(join(dir, 'new.yaml'))).toBe(false);
  });

  it('root is not refused what some class may write', async () => {
    const dir = freshDir('group-writable');
    writeFileSync(join(dir, 'shared.out'), 'old\n');
    // Writable by the group only: root writes it, as the system allows; others by their groups.
    chmodSync(join(dir, 'shared.out'), 0o464);
    const result = await runMain(writers('shared.out')[0]![1], { cwd: dir });
    if (isRoot) {
      expect(result.code, result.stderr).toBe(0);
      expect(statSync(join(dir, 'shared.out')).mode & 0o777).toBe(0o464);
    } else {
      expectCleanFailure(result, 2);
    }
  });
});

describe('temporary files a killed run left behind are removed by the next write', () => {
  /** A process id that no longer runs. */
  /**
   * A process id no process has: above the system's largest (a pid of a process that just ended
   * could be given to another one while the suite runs other tests in parallel).
   */
  function deadPid(): number {
    const max = Number(readFileSync('/proc/sys/kernel/pid_max', 'utf8'));
    const pid = max + 1000;
    expect(processIsAlive(pid)).toBe(false);
    return pid;
  }

  it('of dead processes only, beside the target only', async () => {
    const dir = freshDir('stale');
    const dead = deadPid();
    const stale = [`.report.json.${dead}.1.tmp`, `.report.json.${dead}.7.tmp`];
    const kept = [
      `.report.json.${process.pid}.99.tmp`, // a live process (this one)
      `.other.json.${dead}.1.tmp`, // another target's
      `.report.json.${dead}.x.tmp`, // not a name we make
      'report.json.bak',
    ];
    for (const name of [...stale, ...kept]) writeFileSync(join(dir, name), 'partial');
    const result = await runMain(writers('report.json')[0]![1], { cwd: dir });
    expect(result.code).toBe(0);
    expect(entries(dir)).toEqual([...kept, 'report.json'].sort());
  });

  it('removeStaleTemporaryFiles works before any write (assess runs it when it starts)', () => {
    const dir = freshDir('stale-direct');
    const dead = deadPid();
    writeFileSync(join(dir, `.a.yaml.${dead}.3.tmp`), 'answers: {}\n');
    removeStaleTemporaryFiles(join(dir, 'a.yaml'));
    expect(entries(dir)).toEqual([]);
  });

  /** The number in the name of the temporary file the next write takes (one after that of a write
   *  held open in `dir`, then dropped). */
  function nextTemporaryNumber(dir: string): number {
    const probe = openAtomicFile(join(dir, 'a.txt'));
    const [name] = entries(dir);
    probe.abort();
    return Number(/\.(\d+)\.tmp$/.exec(name!)![1]) + 1;
  }

  it("skips the names of files already there (an earlier process of this pid's), and leaves them be", () => {
    const dir = freshDir('taken-names');
    const next = nextTemporaryNumber(dir);
    const taken = [next, next + 1].map((n) => `.b.txt.${process.pid}.${n}.tmp`);
    for (const file of taken) writeFileSync(join(dir, file), `left by pid ${process.pid}`);
    const out = openAtomicFile(join(dir, 'b.txt'));
    out.write('new');
    out.commit();
    expect(readFileSync(join(dir, 'b.txt'), 'utf8')).toBe('new');
    expect(entries(dir)).toEqual([...taken, 'b.txt'].sort());
    for (const file of taken) {
      expect(readFileSync(join(dir, file), 'utf8')).toBe(`left by pid ${process.pid}`);
    }
  });

  it('gives up, with a message that says why, when the next hundred names are all taken', () => {
    const dir = freshDir('all-taken');
    const next = nextTemporaryNumber(dir);
    const taken = Array.from({ length: 100 }, (_, k) => `.b.txt.${process.pid}.${next + k}.tmp`);
    for (const file of taken) writeFileSync(join(dir, file), 'left');
    // (Once: a second try would go on from the names after those.)
    let thrown: unknown;
    try {
      openAtomicFile(join(dir, 'b.txt'), { shown: 'b.txt' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UserError);
    expect((thrown as UserError).message).toBe(
      `b.txt: cannot write: the 100 temporary names tried beside it are taken (.b.txt.${process.pid}.N.tmp, left by an earlier process of this pid); remove them`,
    );
    expect(entries(dir)).toEqual([...taken].sort());
  });

  it('a failed write leaves nothing behind either', () => {
    const dir = freshDir('abort');
    const out = openAtomicFile(join(dir, 'a.txt'));
    out.write('half');
    out.abort();
    expect(entries(dir)).toEqual([]);
  });
});
