import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { glob } from 'tinyglobby';
import { describe, expect, it } from 'vitest';
import { expandFiles, simpleGlob } from '../../src/batch/expand.js';
import { tempFolders } from '../helpers/run-cli.js';

// `answers/*.yaml` is listed from its folder instead of by tinyglobby (54 MB for 100,000 files);
// whatever the folder holds, both must give the same paths.

const freshDir = tempFolders('simple-glob');

function folder(name: string): string {
  const root = freshDir(name);
  const d = join(root, 'team', 'd');
  mkdirSync(join(d, 'dir.yaml'), { recursive: true });
  mkdirSync(join(root, '.hidden'));
  for (const name of [
    'a.yaml',
    'b-2.yaml',
    'line\nbreak.yaml',
    'C.YAML',
    'c.yml',
    '.h.yaml',
    'x.json',
    'ab.yaml.bak',
  ]) {
    writeFileSync(join(d, name), 'answers: {}\n');
  }
  writeFileSync(join(root, 'top.yaml'), 'answers: {}\n');
  writeFileSync(join(root, '.hidden', 'in.yaml'), 'answers: {}\n');
  symlinkSync('a.yaml', join(d, 'link.yaml'));
  symlinkSync('dir.yaml', join(d, 'linkdir.yaml'));
  symlinkSync('nothing', join(d, 'broken.yaml'));
  execFileSync('mkfifo', [join(d, 'fifo.yaml')]);
  symlinkSync('fifo.yaml', join(d, 'to-fifo.yaml'));
  symlinkSync('/dev/null', join(d, 'to-device.yaml'));
  return root;
}

const byTinyglobby = async (arg: string, cwd: string) =>
  (
    await glob(arg, {
      cwd,
      onlyFiles: true,
      expandDirectories: false,
      absolute: arg.startsWith('/'),
    })
  ).sort();

describe('the simple glob', () => {
  it('gives what tinyglobby gives', async () => {
    const root = folder('same');
    const patterns = [
      'team/d/*.yaml',
      'team/d/*',
      './team/d/*.yaml',
      'team//d/*.yaml',
      'team/./d/*.yml',
      'team/d/a*',
      'team/d/*.YAML',
      'team/d/*-*.yaml',
      'team/d/*.yaml*',
      '*.yaml',
      '.hidden/*.yaml',
      'team/nothing/*.yaml',
      `${root}/team/d/*.yaml`,
      `${root}//team/d/*.json`,
    ];
    for (const pattern of patterns) {
      const simple = simpleGlob(pattern, root);
      expect(simple, pattern).toBeDefined();
      expect(simple!.sort(), pattern).toEqual(await byTinyglobby(pattern, root));
    }
  });

  it('leaves every other pattern to tinyglobby', () => {
    for (const pattern of [
      '**/*.yaml',
      'team/**/*.yaml',
      'team/d/?.yaml',
      'team/d/[ab].yaml',
      'team/d/{a,b}.yaml',
      'team/*/a.yaml',
      '../x/*.yaml',
      'team/d/.*',
      'team d/*.yaml',
      'team\\d\\*.yaml',
      'team/d/a.yaml',
    ]) {
      expect(simpleGlob(pattern, '/'), pattern).toBeUndefined();
    }
  });

  it('is what score expands a pattern with, sorted as before', async () => {
    const root = folder('score');
    const { files, found, problems } = await expandFiles(['team/d/*.yaml'], root);
    // Links to a pipe and to a device are listed (and then refused when read, as they were).
    expect(files).toEqual([
      'team/d/a.yaml',
      'team/d/b-2.yaml',
      'team/d/line\nbreak.yaml',
      'team/d/link.yaml',
      'team/d/to-device.yaml',
      'team/d/to-fifo.yaml',
    ]);
    expect(files.every((file) => found.has(file))).toBe(true);
    expect(problems).toEqual([]);
    // A file typed as well as matched is the user's (read even when not a regular file); so is -.
    const typed = await expandFiles(['team/d/a.yaml', 'team/d/*.yaml', '-'], root);
    expect(typed.files).toEqual(['-', ...files]);
    expect(typed.files.filter((file) => !typed.found.has(file))).toEqual(['-', 'team/d/a.yaml']);
    const none = await expandFiles(['team/nothing/*.yaml'], root);
    expect(none.problems.map((problem) => problem.message)).toEqual([
      'team/nothing/*.yaml: no files match this pattern',
    ]);
  });
});
