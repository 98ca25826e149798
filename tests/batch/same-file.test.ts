// A file named twice in different ways (`./team/a.yaml` and `team/*.yaml`, a folder as `./team` and
// as `team`, an absolute path) is scored once, under one name: counted twice, it would be two
// respondents of its team.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandFiles } from '../../src/batch/expand.js';
import { runCli, tempFolders } from '../helpers/run-cli.js';

const freshDir = tempFolders('same-file');

function team(name: string): string {
  const root = freshDir(name);
  mkdirSync(join(root, 'team'));
  mkdirSync(join(root, 'v1.'));
  for (const [file, value] of [
    ['a.yaml', 0],
    ['b.yaml', 4],
    ['c.yaml', 4],
  ] as const) {
    writeFileSync(
      join(root, 'team', file),
      `organization: Acme\nanswers:\n  social-listening: ${value}\n`,
    );
  }
  writeFileSync(join(root, 'v1.', 'd.yaml'), 'answers: {}\n');
  return root;
}

async function files(root: string, args: string[]) {
  const { files, found } = await expandFiles(args, root);
  return files.map((file) => `${file}${found.has(file) ? ' (found)' : ''}`);
}

describe('a file named in two ways', () => {
  it('is listed once: the name typed over one found, then the plain name, then the first', async () => {
    const root = team('names');
    const plain = ['team/a.yaml (found)', 'team/b.yaml (found)', 'team/c.yaml (found)'];
    // One argument names each file once.
    expect(await files(root, ['team/*.yaml'])).toEqual(plain);
    expect(await files(root, ['./team'])).toEqual([
      './team/a.yaml (found)',
      './team/b.yaml (found)',
      './team/c.yaml (found)',
    ]);
    // A glob and a folder, the folder spelt two ways: the plain names of the files, once each.
    expect(await files(root, ['./team', 'team/*.yaml', 'team/'])).toEqual(plain);
    // Typed, in any spelling, a name wins over the one found.
    expect(await files(root, ['team/*.yaml', './team/a.yaml'])).toEqual([
      './team/a.yaml',
      'team/b.yaml (found)',
      'team/c.yaml (found)',
    ]);
    expect(await files(root, [join(root, 'team', 'b.yaml'), './team'])).toEqual([
      './team/a.yaml (found)',
      './team/c.yaml (found)',
      join(root, 'team', 'b.yaml'),
    ]);
    // Typed twice: the plain spelling, else the first in sorted order.
    expect(await files(root, ['./team/a.yaml', 'team/a.yaml', 'team/../team/a.yaml'])).toEqual([
      'team/a.yaml',
    ]);
    expect(await files(root, ['team/../team/a.yaml', './team/a.yaml'])).toEqual(['./team/a.yaml']);
    // A plain name the cheap test takes for another (`v1./`) is still itself.
    expect(await files(root, ['v1./d.yaml', 'v1./*.yaml', './v1./d.yaml'])).toEqual(['v1./d.yaml']);
  });

  it('is one respondent of its team, not two', async () => {
    const root = team('members');
    const result = runCli(
      ['score', 'team/*.yaml', './team/a.yaml', '--group-by', 'organization', '--format', 'json'],
      { cwd: root },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const [acme] = JSON.parse(result.stdout).results;
    expect(acme.members.map((m: { source: string }) => m.source)).toEqual([
      './team/a.yaml',
      'team/b.yaml',
      'team/c.yaml',
    ]);
    // The median of 0, 4 and 4: a second 0 would make it 2.
    const question = acme.stages[0].tenets
      .flatMap((t: { questions: { id: string; value: number }[] }) => t.questions)
      .find((q: { id: string }) => q.id === 'social-listening');
    expect(question.value).toBe(4);
  });
});
