import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openAtomicFile, writeFileAtomic } from '../../src/fs/atomic-write.js';
import { main } from '../../src/main.js';
import { openSink } from '../../src/fs/sink.js';
import { expectCleanFailure, FIXED_NOW, fixture, STACK_LINE } from '../helpers/run-cli.js';
import { runMain } from '../helpers/run-main.js';

const temp = mkdtempSync(join(tmpdir(), 'maturity-output-'));
afterAll(() => {
  // A read-only folder made by a test must be writable again to be removed.
  for (const name of readdirSync(temp)) chmodSync(join(temp, name), 0o755);
  rmSync(temp, { recursive: true, force: true });
});

const GOOD = fixture('ok', 'answers-good.yaml');

/** A fresh folder for one test. */
function folder(name: string): string {
  const dir = join(temp, name);
  mkdirSync(dir);
  return dir;
}

describe('--output', () => {
  it('to a folder that does not exist: a clear error, exit 2, no file', async () => {
    const dir = folder('missing-folder');
    const result = await runMain(['score', GOOD, '--output', 'nowhere/report.txt'], {
      cwd: dir,
    });
    expectCleanFailure(result, 2);
    expect(result.stderr).toBe(
      'nowhere/report.txt: cannot write: the folder nowhere does not exist\n',
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('to a read-only place: a clear error, exit 2, no file and no temporary file', async () => {
    let dir: string;
    if (process.getuid?.() === 0) {
      // Root may write into any folder whatever its mode; /sys refuses new files even to root.
      if (!existsSync('/sys/kernel')) return;
      dir = '/sys/kernel';
    } else {
      dir = folder('read-only');
      chmodSync(dir, 0o555);
    }
    const before = readdirSync(dir);
    const result = await runMain(['score', GOOD, '--output', `${dir}/report.txt`]);
    expectCleanFailure(result, 2);
    expect(result.stderr).toBe(`${dir}/report.txt: cannot write: permission denied\n`);
    expect(readdirSync(dir)).toEqual(before);
  });

  it('replaces a file only with a finished report: a failure mid-way leaves the old one intact', async () => {
    const dir = folder('atomic');
    writeFileSync(join(dir, 'report.txt'), 'the previous report\n');
    // More than one write buffer, so part of the report is already on disk when it is dropped.
    const sink = openSink(process.stdout, { path: join(dir, 'report.txt'), shown: 'report.txt' });
    for (let i = 0; i < 2000; i += 1) sink.write(`line ${i} of a report that never finishes\n`);
    expect(readdirSync(dir)).toHaveLength(2);
    sink.abort();
    expect(readFileSync(join(dir, 'report.txt'), 'utf8')).toBe('the previous report\n');
    expect(readdirSync(dir)).toEqual(['report.txt']);

    // And a run that works replaces it whole.
    const ok = await runMain(['score', GOOD, '--output', 'report.txt'], { cwd: dir });
    expect(ok).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(readFileSync(join(dir, 'report.txt'), 'utf8')).toMatch(/^Acme Corp/m);
    expect(readdirSync(dir)).toEqual(['report.txt']);
  });

  it('a --min-stage the --rubric lacks is refused before the report file is touched', async () => {
    const dir = folder('min-stage-first');
    writeFileSync(join(dir, 'report.txt'), 'the previous report\n');
    const result = await runMain(
      ['score', GOOD, '-o', 'report.txt', '--rubric', 'social-business', '--min-stage', 'mature'],
      { cwd: dir },
    );
    expectCleanFailure(result, 2);
    expect(result.stderr).toBe(
      'maturity: --min-stage "mature" is not a stage of rubric social-business (planning, presence, engagement, formalized, strategic, converged, or 0 to 6)\n',
    );
    expect(readdirSync(dir)).toEqual(['report.txt']);
    expect(readFileSync(join(dir, 'report.txt'), 'utf8')).toBe('the previous report\n');
  });

  it('a name too long for the file system: a clear error, exit 2', async () => {
    const dir = folder('long-name');
    const name = `${'r'.repeat(300)}.txt`;
    const result = await runMain(['score', GOOD, '--output', name], { cwd: dir });
    expectCleanFailure(result, 2);
    expect(result.stderr).toBe(`${name}: cannot write: the name is too long\n`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a name just under the limit is written, through a shorter temporary name', async () => {
    const dir = folder('long-name-ok');
    const name = `${'r'.repeat(250)}.txt`;
    const result = await runMain(['score', GOOD, '--output', name], { cwd: dir });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(readdirSync(dir)).toEqual([name]);
  });

  it('through a symbolic link loop: a clear error, exit 2', async () => {
    const dir = folder('link-loop');
    symlinkSync('loop-b', join(dir, 'loop-a'));
    symlinkSync('loop-a', join(dir, 'loop-b'));
    const written = await runMain(['score', GOOD, '--output', 'loop-a/report.txt'], {
      cwd: dir,
    });
    expectCleanFailure(written, 2);
    expect(written.stderr).toBe(
      'loop-a/report.txt: cannot write: too many levels of symbolic links\n',
    );
    const read = await runMain(['score', 'loop-a'], { cwd: dir });
    expectCleanFailure(read, 2);
    expect(read.stderr).toBe('loop-a: cannot read: too many levels of symbolic links\n');
  });
});

describe('atomic writes', () => {
  it('leave the previous file untouched and no temporary file when a write fails', () => {
    const dir = folder('atomic-unit');
    const target = join(dir, 'answers.yaml');
    writeFileSync(target, 'answers: {}\n');
    const out = openAtomicFile(target);
    out.write('answers:\n  social-listening: 3\n');
    // A write that throws half-way (here: not a string) aborts the whole file.
    expect(() => out.write(Symbol('not text') as unknown as string)).toThrow(TypeError);
    expect(readFileSync(target, 'utf8')).toBe('answers: {}\n');
    expect(readdirSync(dir)).toEqual(['answers.yaml']);
  });

  it('leave no temporary file when the final rename fails', () => {
    const dir = folder('atomic-rename');
    mkdirSync(join(dir, 'taken'));
    expect(() => writeFileAtomic(join(dir, 'taken'), 'text')).toThrow(
      /cannot write: it is a directory|EISDIR/,
    );
    expect(readdirSync(dir)).toEqual(['taken']);
    expect(statSync(join(dir, 'taken')).isDirectory()).toBe(true);
  });
});

describe('file arguments', () => {
  it('a glob that matches nothing is an error naming the pattern, exit 2', async () => {
    const dir = folder('globs');
    const result = await runMain(['score', 'answers/*.yaml'], { cwd: dir });
    expectCleanFailure(result, 2);
    expect(result.stderr).toBe('answers/*.yaml: no files match this pattern\n');
  });

  it('still scores the files that exist, and exits 2 for the pattern that matched nothing', async () => {
    const dir = folder('globs-mixed');
    copyFileSync(GOOD, join(dir, 'team.yaml'));
    const result = await runMain(['score', 'team.yaml', 'other-*.yaml'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/^Acme Corp/m);
    expect(result.stderr).toBe('other-*.yaml: no files match this pattern\n');
  });
});

describe('a bug', () => {
  /** Runs `main` with a stdout that fails in a way no user can cause. */
  async function runBroken(env: NodeJS.ProcessEnv) {
    let stderr = '';
    const code = await main({
      argv: ['rubric', 'list'],
      stdout: {
        write: () => {
          throw new TypeError('boom\nsecond line');
        },
      },
      stderr: { write: (chunk: string) => (stderr += chunk) },
      stdin: process.stdin,
      env,
      cwd: temp,
      now: () => FIXED_NOW,
    });
    return { code, stderr };
  }

  it('exits 70 with a short message asking for a report, without a stack trace', async () => {
    const { code, stderr } = await runBroken({});
    expect(code).toBe(70);
    expect(stderr).toBe(
      'maturity: internal error: boom\n' +
        'This is a bug in maturity; please report it with the command you ran (DEBUG=1 shows details).\n',
    );
    expect(stderr).not.toMatch(STACK_LINE);
  });

  it('shows the stack trace when DEBUG is set', async () => {
    const { code, stderr } = await runBroken({ DEBUG: '1' });
    expect(code).toBe(70);
    expect(stderr).toMatch(/^TypeError: boom/);
    expect(stderr).toMatch(STACK_LINE);
  });
});
