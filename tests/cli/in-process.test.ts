import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, ROOT, tempFolders } from '../helpers/run-cli.js';
import { ENTER, SKIP_METADATA } from '../helpers/run-in-terminal.js';
import { runMain } from '../helpers/run-main.js';

// The tests run `main` hundreds of times in one process (runMain); so does anything embedding the
// CLI. Nothing may outlive a run: listeners on the process, an exit code, state read from the
// process instead of the Io it was given.

const freshDir = tempFolders('cli-in-process');

/** Every TypeScript file under src/ with its text, comments removed. */
function sources(): [file: string, code: string][] {
  const files: [string, string][] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) {
        const text = readFileSync(path, 'utf8')
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/^\s*\/\/.*$/gm, '');
        files.push([relative(ROOT, path), text]);
      }
    }
  };
  walk(join(ROOT, 'src'));
  return files;
}

/** How many listeners the process has for the events a CLI might listen to. */
function processListeners(): Record<string, number> {
  const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'exit', 'beforeExit', 'uncaughtException'];
  return Object.fromEntries(events.map((event) => [event, process.listenerCount(event)]));
}

describe('main, run many times in one process', () => {
  it('reads its folder, environment and streams only from the Io it is given', () => {
    const found = sources().flatMap(([file, code]) =>
      [...code.matchAll(/\bprocess\.(cwd|chdir|env|argv|stdin|stdout|stderr|exitCode)\b/g)].map(
        (match) => `${file}: process.${match[1]}`,
      ),
    );
    expect(found).toEqual([]);
  });

  it('leaves no listeners on the process and no exit code behind', async () => {
    const before = processListeners();
    const dir = freshDir('runs');
    cpSync(fixture('assess'), dir, { recursive: true });
    const runs = [
      await runMain(['score', 'examples/*.yaml']),
      await runMain(['score', 'examples/no-such-file.yaml']),
      await runMain(['rubric', 'validate', 'tests/fixtures/bad/rubric-missing-id.yaml']),
      // An interview stopped with Ctrl-C, one refused before its first prompt, one to the end.
      await runMain(['assess', 'new.yaml', '--rubric', 'small-rubric.yaml'], {
        cwd: dir,
        keys: [...SKIP_METADATA, ['question 1 of 4', '\x03']],
      }),
      await runMain(['assess', 'bad-yaml-syntax.yaml'], { cwd: dir, keys: [] }),
      await runMain(['assess', 'unfinished.yaml'], {
        cwd: dir,
        // A file with metadata continues at its first unanswered question.
        keys: [
          ['question 3 of 4', `n${ENTER}`],
          ['question 4 of 4', `2${ENTER}`],
        ],
      }),
    ];
    expect(runs.map((run) => run.code)).toEqual([0, 2, 1, 130, 2, 0]);
    expect(processListeners()).toEqual(before);
    expect(process.exitCode).toBeUndefined();
  });
});
