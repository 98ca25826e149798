import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, cliEnv, lines, ROOT, runCli, tempFolders } from '../helpers/run-cli.js';
import { runMain } from '../helpers/run-main.js';

// The built bin as users run it: a few smoke runs keep the bundle itself tested (everything else
// runs `main` in-process), plus what only the bin does: the --version fast path and exit codes.

const freshDir = tempFolders('process-bin');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

describe('the built bin', () => {
  it('scores an example: the golden report, exit 0', () => {
    const result = runCli(['score', 'examples/northwind-planning.yaml']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      readFileSync(join(ROOT, 'tests', 'golden', 'northwind-planning.txt'), 'utf8'),
    );
  });

  it('validates a bad rubric: every problem with its position, exit 1', async () => {
    const file = 'tests/fixtures/bad/rubric-several-problems.yaml';
    const result = runCli(['rubric', 'validate', file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(lines(result.stderr)).toHaveLength(12);
    expect(lines(result.stderr)[0]).toBe(`${file}:1:1: missing required field "title" (at title)`);
    // The bundle says what the sources say.
    expect(result).toEqual(await runMain(['rubric', 'validate', file]));
  });

  it('exits with the code main returns: 2 for a bad file, 1 for a failed --min-stage', () => {
    expect(runCli(['score', 'examples/no-such-file.yaml'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'examples/no-such-file.yaml: no such file\n',
    });
    const below = runCli(['score', 'examples/initech-strategic.yaml', '--min-stage', 'converged']);
    expect(below.code).toBe(1);
    expect(below.stderr).toBe(
      'maturity: below the minimum stage converged (--min-stage): examples/initech-strategic.yaml\n',
    );
  });

  it('delivers all of a large report before it exits non-zero (process.exitCode, not exit())', async () => {
    const dir = freshDir('large');
    for (let i = 10; i < 70; i += 1) {
      copyFileSync(join(ROOT, 'examples', 'initech-strategic.yaml'), join(dir, `org-${i}.yaml`));
    }
    const child = spawn(
      process.execPath,
      [BIN, 'score', '*.yaml', '--format', 'json', '--min-stage', 'converged'],
      { cwd: dir, env: cliEnv() },
    );
    // A slow reader: the CLI waits for it while it writes (backpressure), but its last writes are
    // still in the bin's stream when main() returns, and process.exit() would drop them.
    let stdout = '';
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.setEncoding('utf8').on('data', (data: string) => {
      stdout += data;
      child.stdout.pause();
      setImmediate(() => child.stdout.resume());
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    const first = Array.from({ length: 10 }, (_, i) => `org-${10 + i}.yaml`).join(', ');
    expect(stderr).toBe(
      `maturity: below the minimum stage converged (--min-stage): ${first} and 50 more\n`,
    );
    expect(code).toBe(1);
    expect(stdout.length).toBeGreaterThan(256 * 1024);
    const report = JSON.parse(stdout) as { results: unknown[] };
    expect(report.results).toHaveLength(60);
  });
});

describe('maturity --version', () => {
  it('prints the version from package.json', () => {
    for (const flag of ['--version', '-V']) {
      expect(runCli([flag])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
    }
  });

  it('answers without loading the CLI bundle', () => {
    // The bin and package.json alone, no dist/: the fast path must not need it.
    const dir = freshDir('no-dist');
    mkdirSync(join(dir, 'bin'));
    copyFileSync(BIN, join(dir, 'bin', 'maturity.cjs'));
    cpSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
    const bin = join(dir, 'bin', 'maturity.cjs');
    const run = (args: string[]) =>
      spawnSync(process.execPath, [bin, ...args], { cwd: dir, env: cliEnv(), encoding: 'utf8' });
    expect(run(['--version'])).toMatchObject({ status: 0, stdout: `${pkg.version}\n`, stderr: '' });
    expect(run(['-V'])).toMatchObject({ status: 0, stdout: `${pkg.version}\n` });
    // Anything else loads dist/main.cjs, which is not there: one line that says what to do.
    const unbuilt = run(['--help']);
    expect(unbuilt.status).toBe(2);
    expect(unbuilt.stderr).toBe(
      `maturity: ${join(dir, 'dist')} is missing; run \`npm install\` or \`npm run build\`\n`,
    );
  });
});
