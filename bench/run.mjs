#!/usr/bin/env node
// Benchmarks `maturity` as whole processes against `node -e 0` measured in the same run, and checks
// the targets of the performance issues. Usage:
//   npm run bench [-- --files N --runs R --memory-files M --only startup|assess|batch|memory|hostile --keep]
// It generates its inputs under bench/.work/ and exits 1 when a target is missed.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = join(root, 'bench', '.work');
const bin = join(root, 'bin', 'maturity.cjs');
const rssPreload = join(root, 'bench', 'rss.mjs');

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(args[i + 1]);
};
const FILES = option('files', Number(process.env.BENCH_FILES ?? 20_000));
const RUNS = Math.max(1, option('runs', 15));
// Scoring piped into a slow reader, for flat memory: this many files, and a quarter as many.
const MEMORY_FILES = option('memory-files', 100_000);
// Below this many files (or one second of work), start-up and warm-up weigh too much in a rate.
const MEANINGFUL_FILES = 5_000;
const example = 'examples/acme-engagement.yaml';
// --only startup|assess|batch|memory|hostile runs one group (the full run is what counts for the targets).
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const runs = (group) => only === undefined || only === group;

if (!existsSync(join(root, 'dist', 'main.cjs'))) {
  console.error('bench: dist/ is missing; run `npm run build` first');
  process.exit(2);
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Wall time of one run of a command to completion, in ms (exit 0 or 1 expected). */
function timeOnce(command, commandArgs, env) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, commandArgs, {
    stdio: ['ignore', 'ignore', 'pipe'],
    cwd: root,
    env,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(
      `${command} ${commandArgs.join(' ')} exited ${result.status}: ${result.stderr}`,
    );
  }
  return ms;
}

/** Median wall time of a command run to completion, in ms. */
function time(command, commandArgs, runs = RUNS) {
  const env = { ...process.env, NO_COLOR: '1' };
  spawnSync(command, commandArgs, { stdio: 'ignore', cwd: root, env }); // warm the file cache
  const times = [];
  for (let i = 0; i < runs; i += 1) times.push(timeOnce(command, commandArgs, env));
  return median(times);
}

/**
 * Median wall times of a command and of `node -e 0`, run in turn (`runs` each), so that the ratio
 * compares the two in the same seconds: the speed of these shared machines drifts by a quarter
 * within minutes, which a baseline measured once at the start of the run would read as the CLI's.
 */
function timeBeside(commandArgs, runs = RUNS) {
  const env = { ...process.env, NO_COLOR: '1' };
  spawnSync(process.execPath, commandArgs, { stdio: 'ignore', cwd: root, env }); // warm the cache
  const command = [];
  const baseline = [];
  for (let i = 0; i < runs; i += 1) {
    baseline.push(timeOnce(process.execPath, ['-e', '0'], env));
    command.push(timeOnce(process.execPath, commandArgs, env));
  }
  return { ms: median(command), baseline: median(baseline) };
}

/** Median time until `marker` appears on a pseudo-terminal running the command (util-linux script). */
async function timeToScreen(commandLine, marker, runs = RUNS) {
  const times = [];
  for (let i = 0; i < runs + 1; i += 1) {
    times.push(
      await new Promise((resolve, reject) => {
        const start = process.hrtime.bigint();
        const child = spawn('script', ['-qfec', commandLine, '/dev/null'], {
          cwd: root,
          env: { ...process.env, NO_COLOR: '1', TERM: 'xterm' },
          stdio: ['pipe', 'pipe', 'ignore'],
          detached: true,
        });
        let seen = '';
        const timer = setTimeout(() => {
          kill(child);
          reject(new Error(`"${marker}" did not appear for: ${commandLine}\n${seen}`));
        }, 15_000);
        child.stdout.on('data', (chunk) => {
          seen += chunk.toString();
          if (seen.includes(marker)) {
            const ms = Number(process.hrtime.bigint() - start) / 1e6;
            clearTimeout(timer);
            kill(child);
            resolve(ms);
          }
        });
        child.on('exit', () => {
          clearTimeout(timer);
          if (marker === '') resolve(Number(process.hrtime.bigint() - start) / 1e6);
          else if (!seen.includes(marker)) {
            reject(new Error(`"${marker}" did not appear before exit: ${commandLine}\n${seen}`));
          }
        });
      }),
    );
  }
  return median(times.slice(1));
}

function kill(child) {
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/**
 * A batch run into a file, `runs` times (3 unless told): the median wall time and the largest
 * peak RSS of the CLI process in MiB. One run of a few seconds moves by 5% here from run to run.
 */
function batch(pattern, format, extra = [], env = {}, runs = 3) {
  const results = Array.from({ length: runs }, () => batchOnce(pattern, format, extra, env));
  return {
    ms: median(results.map((result) => result.ms)),
    rssMiB: Math.max(...results.map((result) => result.rssMiB)),
  };
}

/**
 * Reads every file of the folder of `pattern` once, untimed, so that the run that follows measures
 * the CLI rather than the disk: these virtual machines drop files from the page cache within
 * seconds of their last use (the reading reference once fell from 80,000 files a second to 21,000).
 */
function warm(pattern) {
  const dir = dirname(join(root, pattern));
  for (const name of readdirSync(dir)) readFileSync(join(dir, name));
}

/** One batch run into a file: wall time and the CLI process's peak RSS in MiB. */
function batchOnce(pattern, format, extra, env) {
  warm(pattern);
  const rssFile = join(work, `rss-${format}.txt`);
  const outFile = join(work, `out.${format}`);
  const start = process.hrtime.bigint();
  const result = spawnSync(
    process.execPath,
    [
      '--import',
      rssPreload,
      bin,
      'score',
      pattern,
      '--format',
      format,
      '--output',
      outFile,
      ...extra,
    ],
    {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1', MATURITY_BENCH_RSS: rssFile, ...env },
      encoding: 'utf8',
    },
  );
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0)
    throw new Error(`batch ${format} exited ${result.status}: ${result.stderr}`);
  return { ms, rssMiB: Number(readFileSync(rssFile, 'utf8')) / 1024 };
}

/**
 * A batch run piped into a slow reader (one that takes a 64 KB read, then pauses a millisecond),
 * as CI logs and `| tee` are: the CLI's peak RSS in MiB.
 */
function piped(pattern, format) {
  warm(pattern);
  const rssFile = join(work, `rss-piped-${format}.txt`);
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', rssPreload, bin, 'score', pattern, '--format', format],
      {
        cwd: root,
        env: { ...process.env, NO_COLOR: '1', MATURITY_BENCH_RSS: rssFile },
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    );
    let bytes = 0;
    child.stdout.on('data', (chunk) => {
      bytes += chunk.length;
      child.stdout.pause();
      setTimeout(() => child.stdout.resume(), 1);
    });
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`piped ${format} exited ${code}`));
      else resolve({ rssMiB: Number(readFileSync(rssFile, 'utf8')) / 1024, bytes });
    });
  });
}

/** Files per second of reading every file of a folder and nothing else (the floor of any scorer). */
function readingOnly(dir) {
  const script = `const fs=require('node:fs'),p=require('node:path');const d=${JSON.stringify(dir)};const t=process.hrtime.bigint();let n=0;for(const f of fs.readdirSync(d))if(f.endsWith('.yaml')){fs.readFileSync(p.join(d,f),'utf8');n++}console.log(n/(Number(process.hrtime.bigint()-t)/1e9))`;
  return Number(spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' }).stdout);
}

/** Deterministic pseudo-random numbers (mulberry32), so every run scores the same files. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Writes `count` answers files of about 50 answers each into `dir` (kept between runs for the same
 * count and options). `organizations` puts the files into that many organizations (for
 * --group-by); `prefix` goes before each file's text (`---` makes every file take the full YAML
 * parser instead of the fast path).
 */
function generate(dir, count, { organizations = count, prefix = '' } = {}) {
  const stamp = join(dir, '.generated');
  const key = JSON.stringify({ count, organizations, prefix, version: 2 });
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === key) return;
  const rubric = JSON.parse(
    readFileSync(join(root, 'dist', 'rubrics', 'social-business.json'), 'utf8'),
  );
  const questions = rubric.stages.flatMap((stage, s) =>
    stage.tenets.flatMap((tenet) => tenet.questions.map((q) => ({ ...q, stage: s }))),
  );
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const next = random(42);
  for (let i = 0; i < count; i += 1) {
    // Each organization has a maturity level; answers scatter around it, later stages lower.
    const level = next() * 4.5;
    const lines = [
      '# Generated by bench/run.mjs',
      'rubric: social-business',
      'rubricVersion: 1.0.0',
      `organization: Org ${i % organizations}`,
      `unit: Unit ${i % 17}`,
      'assessedAt: 2026-11-23',
      'answers:',
    ];
    for (const q of questions) {
      const r = next();
      if (r < 0.05) continue; // a few unanswered
      if (q.notApplicable && r < 0.1) {
        lines.push(`  ${q.id}: n/a`);
        continue;
      }
      const value = Math.max(
        0,
        Math.min(4, Math.round(level - q.stage * 0.6 + (next() - 0.5) * 2)),
      );
      lines.push(
        r > 0.85
          ? `  ${q.id}: { value: ${value}, note: "evidence ${i}-${q.id}" }`
          : `  ${q.id}: ${value}`,
      );
    }
    writeFileSync(
      join(dir, `org-${String(i).padStart(6, '0')}.yaml`),
      `${prefix}${lines.join('\n')}\n`,
    );
  }
  writeFileSync(stamp, key);
}

const rows = [];
const check = (name, ms, baseline, target, extra = {}) => {
  const ratio = ms / baseline;
  rows.push({ name, ms, ratio, target: `≤ ${target}×`, pass: ratio <= target, ...extra });
};
/** A start-up row: the command timed in turn with `node -e 0`, its ratio to that baseline. */
const checkBeside = (name, commandArgs, target) => {
  const { ms, baseline } = timeBeside(commandArgs);
  check(name, ms, baseline, target, { note: `node -e 0 in turn: ${baseline.toFixed(1)} ms` });
};

console.log(
  `maturity benchmark: node ${process.version}, ${cpus().length} cores, ${RUNS} runs per command, ${FILES} files`,
);
mkdirSync(work, { recursive: true });

const baseline = time(process.execPath, ['-e', '0']);
rows.push({ name: 'node -e 0 (baseline)', ms: baseline, ratio: 1, target: '', pass: true });
if (runs('startup')) {
  checkBeside('maturity --version', [bin, '--version'], 1.2);
  checkBeside(`maturity score ${example}`, [bin, 'score', example], 1.4);
  checkBeside(
    `maturity score ${example} --format html`,
    [bin, 'score', example, '--format', 'html'],
    1.5,
  );
}

if (runs('assess')) {
  const ptyBaseline = await timeToScreen(`${process.execPath} -e 0`, '');
  const assessFile = join(work, 'assess-answers.yaml');
  rmSync(assessFile, { force: true });
  // The first prompt of the interview (inquirer's, not the intro text printed before it loads).
  const assessMs = await timeToScreen(
    `${process.execPath} ${bin} assess ${assessFile}`,
    'Organization:',
  );
  rows.push({
    name: 'node -e 0 in a pty (baseline)',
    ms: ptyBaseline,
    ratio: 1,
    target: '',
    pass: true,
  });
  check('maturity assess, first question on screen', assessMs, ptyBaseline, 1.6);
}

if (runs('batch')) {
  const answers = join(work, 'answers');
  generate(answers, FILES);
  const pattern = 'bench/.work/answers/*.yaml';
  if (FILES < MEANINGFUL_FILES) {
    console.log(
      `bench: ${FILES} files are too few for a throughput figure to mean much (start-up weighs in); use --files ${MEANINGFUL_FILES} or more`,
    );
  }
  // References measured the same way: reading the files and nothing else, and scoring them with
  // the full YAML parser (every file starts with ---, which the fast path leaves to it).
  warm(pattern);
  rows.push({
    name: `reference: reading the ${FILES} files and nothing else`,
    ms: 0,
    ratio: null,
    filesPerSecond: readingOnly(answers),
    target: '',
    pass: true,
  });
  generate(join(work, 'full-yaml'), FILES, { prefix: '---\n' });
  const full = batch('bench/.work/full-yaml/*.yaml', 'csv', [], {}, 1);
  rows.push({
    name: `reference: score <${FILES} files> --format csv with the full YAML parser`,
    ms: full.ms,
    ratio: null,
    filesPerSecond: FILES / (full.ms / 1000),
    rss: full.rssMiB,
    target: '',
    pass: true,
  });
  const alone = batch(pattern, 'csv', [], { MATURITY_THREADS: '0' });
  rows.push({
    name: `reference: score <${FILES} files> --format csv on one thread`,
    ms: alone.ms,
    ratio: null,
    filesPerSecond: FILES / (alone.ms / 1000),
    rss: alone.rssMiB,
    target: '',
    pass: true,
  });
  for (const format of ['csv', 'json']) {
    const run = batch(pattern, format);
    const filesPerSecond = FILES / (run.ms / 1000);
    rows.push({
      name: `maturity score <${FILES} files> --format ${format}`,
      ms: run.ms,
      ratio: null,
      filesPerSecond,
      rss: run.rssMiB,
      target: '≥ 10000 files/s',
      pass: filesPerSecond >= 10_000,
    });
  }
  // Teams: as many files as above (the "the same files"), in 100 organizations.
  const members = FILES;
  generate(join(work, 'teams'), members, { organizations: 100 });
  const oneByOne = batch('bench/.work/teams/*.yaml', 'csv');
  const grouped = batch('bench/.work/teams/*.yaml', 'csv', ['--group-by', 'organization']);
  const groupedRate = members / (grouped.ms / 1000);
  rows.push({
    name: `maturity score <${members} files> --group-by organization (100 groups)`,
    ms: grouped.ms,
    ratio: null,
    filesPerSecond: groupedRate,
    rss: grouped.rssMiB,
    target: '≥ 8000 files/s',
    pass: groupedRate >= 8_000,
    note: `one by one ${Math.round(members / (oneByOne.ms / 1000))} files/s`,
  });
}

if (runs('memory')) {
  // Flat memory: a slow reader on a pipe holds the CLI back instead of filling its memory. The
  // formats that stream; markdown and html hold every result by design (a summary comes first).
  const quarter = Math.round(MEMORY_FILES / 4);
  generate(join(work, 'memory'), MEMORY_FILES);
  generate(join(work, 'memory-quarter'), quarter);
  for (const format of ['text', 'json', 'csv', 'junit']) {
    const few = await piped('bench/.work/memory-quarter/*.yaml', format);
    const many = await piped('bench/.work/memory/*.yaml', format);
    // What 4× the files may add: the little a run keeps per file (its path and, for text, a
    // summary row: about 0.3 KB, with the heap's slack), at most 1 KB a file. Not flat, since those
    // are kept by design, but far from a run that ignored backpressure and held its output (4 to
    // 21 KB a file; csv writes only 0.2 KB a file, so for csv the bound says nothing else grows).
    const perFile = ((many.rssMiB - few.rssMiB) * 1024) / (MEMORY_FILES - quarter);
    rows.push({
      name: `maturity score <${MEMORY_FILES} files> --format ${format}, piped to a slow reader`,
      ms: 0,
      ratio: null,
      rss: many.rssMiB,
      target: 'RSS < 200 MB, ≤ 1 KB/file more',
      pass: many.rssMiB < 200 && perFile <= 1,
      note: `RSS ${few.rssMiB.toFixed(0)} MiB at ${quarter} files: ${perFile.toFixed(2)} KB a file more; ${(many.bytes / 1e6).toFixed(0)} MB read`,
    });
  }
}

if (runs('hostile')) {
  // Pathological input: 1 MB (and 5 MB, the limit) of one unit repeated, which `yaml` alone takes
  // seconds and gigabytes to report (a million problems). Each must be answered (exit 1 or 2) within
  // 2 s of CPU time and 300 MB. CPU time, since the CLI runs on one thread: on a shared machine, wall time
  // measures the neighbours too (it is shown beside it).
  const dir = join(work, 'hostile');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const units = [']', '}', '"', "'\n", '"\n', '[]', '{}', ']\n', '!a ', '&a ', '*a ', '- ]'];
  units.push('a: 1\n', '%YAML 1.2\n', '---\n', '...\n', '\n ', '- [\n', ': ', '? ', 'a:');
  const rssFile = join(dir, 'rss.txt');
  const cpuFile = join(dir, 'cpu.txt');
  for (const [name, command] of [
    ['score', ['score']],
    ['rubric validate', ['rubric', 'validate']],
  ]) {
    const worst = { cpu: 0, ms: 0, rss: 0, unit: '' };
    const inputs = units.flatMap((unit) => [1, 5].map((mb) => ({ unit, mb })));
    inputs.forEach(({ unit, mb }, i) => {
      const file = join(dir, `input-${i}.yaml`);
      if (!existsSync(file))
        writeFileSync(file, unit.repeat(Math.floor((mb * 1024 * 1024) / unit.length)));
      const start = process.hrtime.bigint();
      const result = spawnSync(process.execPath, ['--import', rssPreload, bin, ...command, file], {
        cwd: root,
        env: {
          ...process.env,
          NO_COLOR: '1',
          MATURITY_BENCH_RSS: rssFile,
          MATURITY_BENCH_CPU: cpuFile,
        },
        encoding: 'utf8',
      });
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (result.status !== 1 && result.status !== 2) {
        throw new Error(
          `${name} on ${JSON.stringify(unit)} exited ${result.status}: ${result.stderr}`,
        );
      }
      const cpu = Number(readFileSync(cpuFile, 'utf8'));
      if (cpu > worst.cpu)
        Object.assign(worst, { cpu, ms, unit: `${JSON.stringify(unit)} ${mb} MB` });
      worst.rss = Math.max(worst.rss, Number(readFileSync(rssFile, 'utf8')) / 1024);
    });
    rows.push({
      name: `maturity ${name} <1 or 5 MB of one unit repeated, ${units.length} units> (slowest, CPU ms)`,
      ms: worst.cpu,
      ratio: null,
      rss: worst.rss,
      target: '≤ 2000 ms CPU, RSS < 300 MB, each',
      pass: worst.cpu <= 2000 && worst.rss < 300,
      note: `slowest ${worst.unit}: ${worst.ms.toFixed(0)} ms wall`,
    });
  }
  if (!args.includes('--keep')) rmSync(dir, { recursive: true, force: true });
}

const header = ['command', 'median ms', 'ratio', 'files/s', 'peak RSS, note', 'target', ''];
const table = [header].concat(
  rows.map((row) => [
    row.name,
    row.ms ? row.ms.toFixed(1) : '',
    row.ratio === null ? '' : `${row.ratio.toFixed(2)}×`,
    row.filesPerSecond ? Math.round(row.filesPerSecond).toString() : '',
    row.rss ? `${row.rss.toFixed(0)} MiB` + (row.note ? ` (${row.note})` : '') : (row.note ?? ''),
    row.target,
    row.target ? (row.pass ? 'ok' : 'MISSED') : '',
  ]),
);
const widths = header.map((_, i) => Math.max(...table.map((r) => r[i].length)));
console.log('');
for (const r of table) console.log(`| ${r.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`);
if (!args.includes('--keep')) {
  for (const dir of ['answers', 'full-yaml', 'teams', 'memory', 'memory-quarter', 'small']) {
    rmSync(join(work, dir), { recursive: true, force: true });
  }
}
const missed = rows.filter((row) => !row.pass);
if (missed.length > 0) {
  console.error(
    `\nbench: ${missed.length} target(s) missed: ${missed.map((r) => r.name).join('; ')}`,
  );
  process.exit(1);
}
console.log('\nbench: every target met');
