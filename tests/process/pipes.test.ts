import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, cliEnv, fixture, ROOT, tempFolders } from '../helpers/run-cli.js';

// What only a real process shows: the bin's handling of a reader that goes away (EPIPE) and of a
// standard output it cannot write to.

const freshDir = tempFolders('process-pipes');
const GOOD = fixture('ok', 'answers-good.yaml');
const NORTHWIND = 'examples/northwind-planning.yaml';
const INITECH = join(ROOT, 'examples', 'initech-strategic.yaml');

/** Runs `maturity <args> | head -1` in a shell; returns the pipeline's output and the CLI's exit code. */
function pipeline(args: string, cwd: string): { stderr: string; stdout: string; code: number } {
  const codeFile = join(cwd, '.exit-code');
  const script = `{ "$NODE" "$BIN" ${args}; echo $? > "${codeFile}"; } | head -1`;
  const result = spawnSync('sh', ['-c', script], {
    cwd,
    env: cliEnv({ NODE: process.execPath, BIN }),
    encoding: 'utf8',
    timeout: 30_000,
  });
  const code = Number(readFileSync(codeFile, 'utf8').trim());
  rmSync(codeFile);
  return { stderr: result.stderr, stdout: result.stdout, code };
}

describe('piped output', () => {
  it('ends quietly when the reader closes the pipe after one line of a small report', () => {
    const result = pipeline(`score ${NORTHWIND}`, ROOT);
    expect(result).toEqual({
      code: 0,
      stdout: `Northwind Traders · Marketing  ${NORTHWIND}\n`,
      stderr: '',
    });
  });

  it('ends quietly when the reader goes away in the middle of a large batch', () => {
    const dir = freshDir('many');
    // Enough reports to fill the pipe many times over, so the reader is gone mid-way.
    for (let i = 10; i < 70; i += 1) copyFileSync(INITECH, join(dir, `org-${i}.yaml`));
    for (const args of [
      "score '*.yaml'",
      "score '*.yaml' --format json",
      'rubric show --format json',
    ]) {
      const result = pipeline(args, dir);
      expect(result.stderr, args).toBe('');
      expect(result.code, args).toBe(0);
      expect(result.stdout.split('\n').filter(Boolean), args).toHaveLength(1);
    }
    expect(pipeline("score '*.yaml'", dir).stdout).toBe('Initech · Whole company  org-10.yaml\n');
  });

  it.runIf(existsSync('/dev/full'))('reports a full disk on stdout in one line, exit 2', () => {
    const result = spawnSync(
      'sh',
      ['-c', `"${process.execPath}" "${BIN}" score "${GOOD}" > /dev/full`],
      {
        encoding: 'utf8',
        env: cliEnv(),
      },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^maturity: cannot write to standard output: ENOSPC[^\n]*\n$/);
  });
});
