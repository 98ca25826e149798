// Regression tests for the second reliability review (issue 12): what an adversarial run found.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, constants, copyFileSync, openSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { introduction, stoppedMessage, type SessionPlan } from '../../src/assess/plan.js';
import { main } from '../../src/main.js';
import { loadRubricFile } from '../../src/rubric/load.js';
import { MAX_TOKENS } from '../../src/source/limits.js';
import {
  BIN,
  cliEnv,
  expectCleanFailure,
  FIXED_NOW,
  fixture,
  STACK_LINE,
  tempFolders,
  type CliResult,
} from '../helpers/run-cli.js';
import { runMain } from '../helpers/run-main.js';

const freshDir = tempFolders('reliability');

/** A rubric of one stage, one tenet and one question with the given id. */
function tinyRubric(questionId = 'q'): string {
  return [
    'id: tiny',
    'version: 1.0.0',
    'title: Tiny',
    'scale: [{ value: 0, label: No }, { value: 1, label: Yes }]',
    'stages:',
    '  - id: one',
    '    name: One',
    '    tenets:',
    '      - id: t',
    '        title: T',
    `        questions: [{ id: ${questionId}, text: Q? }]`,
    '        moves: [Do it]',
    '',
  ].join('\n');
}

describe('keys longer than YAML allows (1024 characters)', () => {
  it('are refused whichever parser reads the file, with `---` or without', async () => {
    const dir = freshDir('long-keys');
    // A question id may be long (it is a value in the rubric); as a key it cannot be.
    const id = 'k'.repeat(1025);
    writeFileSync(join(dir, 'r.yaml'), tinyRubric(id));
    const body = `rubric: r.yaml\nanswers:\n  ${id}: 1\n`;
    writeFileSync(join(dir, 'plain.yaml'), body);
    writeFileSync(join(dir, 'marked.yaml'), `---\n${body}`);
    const plain = await runMain(['score', 'plain.yaml'], { cwd: dir });
    const marked = await runMain(['score', 'marked.yaml'], { cwd: dir });
    expectCleanFailure(plain, 2);
    expectCleanFailure(marked, 2);
    const message = 'invalid YAML: the : indicator must be at most 1024 chars';
    expect(plain.stderr).toContain(`plain.yaml:3:3: ${message}`);
    expect(marked.stderr).toContain(`marked.yaml:4:3: ${message}`);
  });

  it('a key of exactly 1024 characters is a key like any other', async () => {
    const dir = freshDir('key-1024');
    const key = 'k'.repeat(1024);
    writeFileSync(join(dir, 'a.yaml'), `answers:\n  ${key}: 1\n`);
    const result = await runMain(['score', 'a.yaml'], { cwd: dir });
    expectCleanFailure(result, 2);
    expect(result.stderr).toMatch(/^a\.yaml:2:3: unknown question "k{57}\.\.\."/);
  });
});

describe('documents over the token limit of yaml (MAX_TOKENS)', () => {
  it('are refused whichever parser reads the file, with `---` or without', async () => {
    const dir = freshDir('many-tokens');
    writeFileSync(join(dir, 'r.yaml'), tinyRubric());
    // Comment lines (two tokens each) are all the fast path skips: the file is otherwise simple.
    const body = `${'# c\n'.repeat(MAX_TOKENS / 2 + 1)}rubric: r.yaml\nanswers:\n  q: 1\n`;
    writeFileSync(join(dir, 'plain.yaml'), body);
    writeFileSync(join(dir, 'marked.yaml'), `---\n${body}`);
    const message = `the document is too large: more than ${MAX_TOKENS} YAML tokens`;
    for (const file of ['plain.yaml', 'marked.yaml']) {
      const result = await runMain(['score', file], { cwd: dir });
      expectCleanFailure(result, 2);
      expect(result.stderr).toMatch(
        new RegExp(`^${file.replace('.', '\\.')}:\\d+:\\d+: ${message}\n$`),
      );
    }
  });

  it('a long file under the limit still takes the fast path and scores', async () => {
    const dir = freshDir('long-comments');
    writeFileSync(join(dir, 'r.yaml'), tinyRubric());
    const body = `${'# c\n'.repeat(MAX_TOKENS / 4)}rubric: r.yaml\nanswers:\n  q: 1\n`;
    writeFileSync(join(dir, 'a.yaml'), body);
    const result = await runMain(['score', 'a.yaml', '--format', 'json'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });
});

/**
 * Runs the built CLI with stdin a named pipe that stays open (as in a CI job whose input is never
 * closed), killed after `timeout` ms: a run that would block shows as code null.
 */
async function runWithOpenStdin(
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
  timeout = 15_000,
): Promise<CliResult> {
  const pipe = join(freshDir('stdin-pipes'), `stdin-${++pipes}`);
  mkfifo(pipe);
  // Opened for reading and writing, a named pipe does not wait for the other end, and this
  // process stays its writer: whoever reads it waits for input that never comes.
  const fd = openSync(pipe, constants.O_RDWR);
  try {
    return await new Promise((resolve) => {
      const child = spawn(process.execPath, [BIN, ...args], {
        cwd,
        env: cliEnv(env),
        stdio: [fd, 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr });
      });
    });
  } finally {
    closeSync(fd);
  }
}
let pipes = 0;

function mkfifo(path: string): void {
  const made = spawnSync('mkfifo', [path], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`mkfifo failed: ${made.stderr}`);
}

describe('a rubric: field names a regular file, never blocks and never leaks', () => {
  const answers = (rubric: string) => `rubric: ${rubric}\nanswers:\n  q: 1\n`;

  it('a named pipe is refused before it is opened for reading (no writer needed)', async () => {
    const dir = freshDir('rubric-fifo');
    mkfifo(join(dir, 'fifo'));
    writeFileSync(join(dir, 'a.yaml'), answers('./fifo'));
    const result = await runWithOpenStdin(['score', 'a.yaml'], dir);
    expectCleanFailure(result, 2);
    expect(result.stderr).toBe(
      'a.yaml:1:9: fifo: is a named pipe, not a regular file; not read (at rubric)\n',
    );
  });

  it('/dev/stdin is refused, even when stdin stays open', async () => {
    const dir = freshDir('rubric-stdin');
    writeFileSync(join(dir, 'a.yaml'), answers('/dev/stdin'));
    const result = await runWithOpenStdin(['score', 'a.yaml'], dir);
    expectCleanFailure(result, 2);
    expect(result.stderr).toBe(
      'a.yaml:1:9: /dev/stdin: is a named pipe, not a regular file; not read (at rubric)\n',
    );
  });

  it('a system file that says it is empty (/proc/self/environ) is not read', async () => {
    const dir = freshDir('rubric-environ');
    writeFileSync(join(dir, 'a.yaml'), answers('/proc/self/environ'));
    const secret = 'MATURITY_TEST_SECRET=s3cr3t-do-not-print';
    const result = await runWithOpenStdin(['score', 'a.yaml'], dir, {
      MATURITY_TEST_SECRET: 's3cr3t-do-not-print',
    });
    expectCleanFailure(result, 2);
    expect(result.stderr).not.toContain('s3cr3t');
    expect(result.stderr).not.toContain(secret.split('=')[0]);
    expect(result.stderr).toBe(
      'a.yaml:1:9: /proc/self/environ: holds more than the 0 bytes its size says (a system file?); not read (at rubric)\n',
    );
  });

  it('a regular file that is not a rubric is reported without quoting any of it', async () => {
    const dir = freshDir('rubric-secret');
    writeFileSync(
      join(dir, 'secrets.yaml'),
      'aws_access_key_id: AKIA-s3cr3t\npassword: "hunter2-s3cr3t\nstages: [s3cr3t\n',
    );
    writeFileSync(join(dir, 'config.yaml'), 'token: s3cr3t-token\nhost: example.org\n');
    for (const [rubric, problems] of [
      ['secrets.yaml', '1 problem'],
      ['config.yaml', '7 problems'],
    ] as const) {
      writeFileSync(join(dir, 'a.yaml'), answers(rubric));
      const result = await runMain(['score', 'a.yaml'], { cwd: dir });
      expectCleanFailure(result, 2);
      expect(result.stderr).not.toContain('s3cr3t');
      expect(result.stderr).toBe(
        `a.yaml:1:9: rubric "${rubric}" is not a valid rubric (${problems}); see them with: maturity rubric validate ${rubric} (at rubric)\n`,
      );
      // Named by the user, the same file gets every problem, as any rubric would.
      const named = await runMain(['rubric', 'validate', rubric], { cwd: dir });
      expect(named.code).toBe(1);
      expect(named.stderr).toContain(`${rubric}: ${problems}`);
    }
  });

  it('nor does an extends: path in the rubric it names (a pipe or a system file)', async () => {
    const dir = freshDir('rubric-extends');
    mkfifo(join(dir, 'fifo'));
    const overlay = (base: string) => `extends: ${base}\nid: o\nversion: 1.0.0\ntitle: O\n`;
    writeFileSync(join(dir, 'a.yaml'), answers('o.yaml'));
    writeFileSync(join(dir, 'o.yaml'), overlay('./fifo'));
    const piped = await runWithOpenStdin(['score', 'a.yaml'], dir);
    expectCleanFailure(piped, 2);
    expect(piped.stderr).toBe(
      'a.yaml:1:9: rubric "o.yaml" is not a valid rubric (1 problem); see them with: maturity rubric validate o.yaml (at rubric)\n',
    );
    const validated = await runWithOpenStdin(['rubric', 'validate', 'o.yaml'], dir);
    expect(validated.stderr).toBe(
      'o.yaml:1:10: cannot read the rubric it extends: fifo: is a named pipe, not a regular file; not read (at extends)\no.yaml: 1 problem\n',
    );
    // Even named by the user, an overlay does not get a system file quoted through its extends:.
    writeFileSync(join(dir, 'o.yaml'), overlay('/proc/self/environ'));
    const environ = await runWithOpenStdin(['rubric', 'validate', 'o.yaml'], dir, {
      MATURITY_TEST_SECRET: 's3cr3t-do-not-print',
    });
    expect(environ.code).toBe(1);
    expect(environ.stderr).not.toContain('s3cr3t');
    expect(environ.stderr.split('\n')[0]).toBe(
      'o.yaml:1:10: cannot read the rubric it extends: /proc/self/environ: holds more than the 0 bytes its size says (a system file?); not read (at extends)',
    );
  });

  it('a valid rubric named by the field is used as before', async () => {
    const dir = freshDir('rubric-ok');
    writeFileSync(join(dir, 'r.yaml'), tinyRubric());
    writeFileSync(join(dir, 'a.yaml'), answers('r.yaml'));
    const result = await runMain(['score', 'a.yaml'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });
});

describe('files a glob of the tool finds are read only when they are regular files', () => {
  it('a named pipe or a link to a device among the matches is reported, the rest is scored', async () => {
    const dir = freshDir('glob-fifo');
    copyFileSync(fixture('ok', 'answers-good.yaml'), join(dir, 'a-good.yaml'));
    mkfifo(join(dir, 'b-fifo.yaml'));
    symlinkSync('/dev/stdin', join(dir, 'c-stdin.yaml'));
    symlinkSync('/proc/self/environ', join(dir, 'd-environ.yaml'));
    const result = await runWithOpenStdin(['score', '*.yaml', '--format', 'csv'], dir, {
      MATURITY_TEST_SECRET: 's3cr3t-do-not-print',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).not.toMatch(STACK_LINE);
    expect(result.stderr).not.toContain('s3cr3t');
    // The glob itself lists no named pipe; a link to one (or to a device) it does list.
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      'c-stdin.yaml: is a named pipe, not a regular file; not read',
      'd-environ.yaml: holds more than the 0 bytes its size says (a system file?); not read',
    ]);
    expect(result.stdout).toMatch(/^file,organization,/);
    expect(result.stdout).toContain('\r\na-good.yaml,');
  });

  it('a pipe the user names is read, as cat would', () => {
    const text = 'rubric: social-business\nanswers:\n  social-listening: 3\n';
    const piped = spawnSync(
      'sh',
      [
        '-c',
        `printf '%s' "$2" | exec "$0" "$1" score /dev/stdin --format json`,
        process.execPath,
        BIN,
        text,
      ],
      { cwd: freshDir('named-pipe'), env: cliEnv(), encoding: 'utf8', timeout: 30_000 },
    );
    expect(piped.stderr).toBe('');
    expect(piped.status).toBe(0);
    expect(JSON.parse(piped.stdout)).toMatchObject({ results: [{ source: '/dev/stdin' }] });
  });
});

// eslint-disable-next-line no-control-regex -- what must never reach a terminal
const RAW_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]/;

/** Runs main in-process with stdin posing as a terminal (for `assess`, which refuses otherwise). */
async function runAsIfInTerminal(argv: string[], cwd: string): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => stdin });
  const code = await main({
    argv,
    stdout: { write: (chunk: string) => (stdout += chunk), isTTY: true, columns: 100 },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    stdin,
    env: { NO_COLOR: '1' },
    cwd,
    now: () => FIXED_NOW,
  });
  stdin.destroy();
  return { code, stdout, stderr };
}

describe('names and values with control characters are printed escaped, everywhere', () => {
  const red = 'x\x1b[31m.yaml';
  const title = 'y\x1b]0;pwned\x07.yaml';

  it('the rubric: value of a broken file, in the assess --force hint', async () => {
    const dir = freshDir('force-hint');
    writeFileSync(join(dir, 'broken.yaml'), 'rubric: my\x1b[2Jrubric.yaml\nanswers: {}\n');
    const result = await runAsIfInTerminal(['assess', 'broken.yaml'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toMatch(RAW_CONTROL);
    expect(result.stderr.trimEnd().split('\n').at(-1)).toBe(
      "Fix it, or start over with: maturity assess broken.yaml --force --rubric $'my\\e[2Jrubric.yaml'",
    );
  });

  it('file names a glob found, in every report format and on stderr', async () => {
    const dir = freshDir('glob-names');
    copyFileSync(fixture('ok', 'answers-good.yaml'), join(dir, red));
    writeFileSync(join(dir, title), 'answers: [\n');
    const expected: Record<string, (stdout: string) => void> = {
      text: (out) => expect(out).toContain('x\\u001b[31m.yaml'),
      markdown: (out) => expect(out).toContain('x\\\\u001b\\[31m.yaml'),
      csv: (out) => expect(out).toContain('\r\nx\\u001b[31m.yaml,'),
      junit: (out) => expect(out).toContain('<testsuite name="x\\u001b[31m.yaml"'),
      json: (out) => expect(JSON.parse(out)).toMatchObject({ results: [{ source: red }] }),
    };
    for (const [format, check] of Object.entries(expected)) {
      const result = await runMain(['score', '*.yaml', '--format', format], { cwd: dir });
      expect(result.code).toBe(2);
      // CSV ends its records with CR LF; nothing else may be a control character.
      expect(result.stdout.replace(/\r\n/g, '\n')).not.toMatch(RAW_CONTROL);
      check(result.stdout);
      expect(result.stderr).not.toMatch(RAW_CONTROL);
      expect(result.stderr).toMatch(/^y\\u001b\]0;pwned\\u0007\.yaml:2:1: /);
    }
  });

  it('file names in rubric validate, template, rubric init and the messages of a failed write', async () => {
    const dir = freshDir('names');
    const rubric = `r\x1b[1m.yaml`;
    writeFileSync(join(dir, rubric), tinyRubric());
    const validated = await runMain(['rubric', 'validate', rubric], { cwd: dir });
    expect(validated.stdout).toBe('r\\u001b[1m.yaml: ok\n');

    const template = await runMain(['template', '--rubric', rubric, '-o', red], { cwd: dir });
    expect(template.code).toBe(0);
    expect(template.stderr).not.toMatch(RAW_CONTROL);
    expect(template.stderr).toBe(
      "Wrote x\\u001b[31m.yaml. Fill it in, then run: maturity score $'x\\e[31m.yaml'\n",
    );
    const again = await runMain(['template', '--rubric', rubric, '-o', red], { cwd: dir });
    expectCleanFailure(again, 2);
    expect(again.stderr).toBe('x\\u001b[31m.yaml: already exists; not overwritten\n');

    const init = await runMain(['rubric', 'init', `n\x1b[5m.yaml`], { cwd: dir });
    expect(init.stdout).toBe(
      "Wrote n\\u001b[5m.yaml. Edit it, then check it with: maturity rubric validate $'n\\e[5m.yaml'\n",
    );
  });

  it('arguments commander refuses, and names that are no file', async () => {
    const unknown = await runMain(['score', '--\x1b[31m']);
    expectCleanFailure(unknown, 2);
    expect(unknown.stderr).not.toMatch(RAW_CONTROL);
    expect(unknown.stderr).toContain("unknown option '--\\u001b[31m'");
    const missing = await runMain(['score', `no\x07file.yaml`, 'q\x1b[31m*.yaml']);
    expectCleanFailure(missing, 2);
    expect(missing.stderr).toBe(
      'q\\u001b[31m*.yaml: no files match this pattern\nno\\u0007file.yaml: no such file\n',
    );
  });
});

describe('the messages of assess and the commands it suggests', () => {
  it('name the file escaped, and quote it so that bash reads it back exactly', async () => {
    const file = 'team\x1b[31m\u0085\u2028.yaml';
    const rubric = loadRubricFile(fixture('assess', 'small-rubric.yaml'));
    const plan: SessionPlan = {
      rubric,
      mode: 'new',
      answersOnDisk: undefined,
      answers: new Map(),
      header: { rubric: 'small-rubric.yaml' },
      start: 0,
      askMetadata: true,
      stageOnly: false,
      program: ['maturity'],
    };
    const texts = [
      introduction(file, plan, 3),
      stoppedMessage(file, 3, 2, plan, {}),
      stoppedMessage(file, 3, undefined, { ...plan, mode: 'force', answersOnDisk: 1 }, {}),
    ];
    for (const text of texts) {
      expect(text).not.toMatch(RAW_CONTROL);
      expect(text).toContain('team\\u001b[31m\\u0085\\u2028.yaml');
    }
    const command = /Continue with: (.*)/.exec(texts[1]!)![1]!;
    expect(command).toBe("maturity assess $'team\\e[31m\\xc2\\x85\\xe2\\x80\\xa8.yaml'");
    const echoed = spawnSync('bash', ['-c', `printf '%s' ${command.split(' ')[2]}`], {
      encoding: 'utf8',
    });
    expect(echoed.stdout).toBe(file);
  });
});
