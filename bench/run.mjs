#!/usr/bin/env node
// Benchmarks `maturity` as whole processes against `node -e 0` measured in the same run, and checks
// the targets of the performance issue. Usage: npm run bench [-- --files N --runs N --keep]
// It generates its inputs under bench/.work/ and exits 1 when a target is missed.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = join(root, 'bench', '.work');
const bin = join(root, 'bin', 'maturity.js');
const rssPreload = join(root, 'bench', 'rss.mjs');

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(args[i + 1]);
};
const FILES = option('files', Number(process.env.BENCH_FILES ?? 10_000));
const RUNS = Math.max(10, option('runs', 15));
const example = 'examples/acme-engagement.yaml';
// --only startup|assess|batch|hostile runs one group (the full run is what counts for the targets).
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const runs = (group) => only === undefined || only === group;

if (!existsSync(join(root, 'dist', 'main.js'))) {
  console.error('bench: dist/ is missing; run `npm run build` first');
  process.exit(2);
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Median wall time of a command run to completion, in ms. */
function time(command, commandArgs, runs = RUNS) {
  const env = { ...process.env, NO_COLOR: '1' };
  spawnSync(command, commandArgs, { stdio: 'ignore', cwd: root, env }); // warm the file cache
  const times = [];
  for (let i = 0; i < runs; i += 1) {
    const start = process.hrtime.bigint();
    const result = spawnSync(command, commandArgs, {
      stdio: ['ignore', 'ignore', 'pipe'],
      cwd: root,
      env,
    });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (result.status !== 0 && result.status !== 1) {
      throw new Error(
        `${command} ${commandArgs.join(' ')} exited ${result.status}: ${result.stderr}`,
      );
    }
  }
  return median(times);
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

/** A batch run: wall time and the CLI process's peak RSS in MiB. */
function batch(pattern, format) {
  const rssFile = join(work, `rss-${format}.txt`);
  const outFile = join(work, `out.${format}`);
  const start = process.hrtime.bigint();
  const result = spawnSync(
    process.execPath,
    ['--import', rssPreload, bin, 'score', pattern, '--format', format, '--output', outFile],
    {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1', MATURITY_BENCH_RSS: rssFile },
      encoding: 'utf8',
    },
  );
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0)
    throw new Error(`batch ${format} exited ${result.status}: ${result.stderr}`);
  return { ms, rssMiB: Number(readFileSync(rssFile, 'utf8')) / 1024 };
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

/** Writes `count` answers files of about 50 answers each into `dir`. */
function generate(dir, count) {
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
      `organization: Org ${i}`,
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
    writeFileSync(join(dir, `org-${String(i).padStart(5, '0')}.yaml`), `${lines.join('\n')}\n`);
  }
}

const rows = [];
const check = (name, ms, baseline, target, extra = {}) => {
  const ratio = ms / baseline;
  rows.push({ name, ms, ratio, target: `≤ ${target}×`, pass: ratio <= target, ...extra });
};

console.log(
  `maturity benchmark: node ${process.version}, ${cpus().length} cores, ${RUNS} runs per command, ${FILES} files`,
);
mkdirSync(work, { recursive: true });

const baseline = time(process.execPath, ['-e', '0']);
rows.push({ name: 'node -e 0 (baseline)', ms: baseline, ratio: 1, target: '', pass: true });
if (runs('startup')) {
  check('maturity --version', time(process.execPath, [bin, '--version']), baseline, 1.3);
  check(
    `maturity score ${example}`,
    time(process.execPath, [bin, 'score', example]),
    baseline,
    1.6,
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
  check('maturity assess, first question on screen', assessMs, ptyBaseline, 2);
}

if (runs('batch')) {
  const small = Math.max(100, Math.round(FILES / 4));
  generate(join(work, 'small'), small);
  generate(join(work, 'answers'), FILES);
  for (const format of ['csv', 'json']) {
    const few = batch('bench/.work/small/*.yaml', format);
    const many = batch('bench/.work/answers/*.yaml', format);
    const filesPerSecond = FILES / (many.ms / 1000);
    const growth = many.rssMiB - few.rssMiB;
    rows.push({
      name: `maturity score <${FILES} files> --format ${format}`,
      ms: many.ms,
      ratio: null,
      filesPerSecond,
      rss: many.rssMiB,
      target: '≥ 2000 files/s, RSS < 200 MB, flat',
      // Flat: scoring 4× the files may not add more than 25% (or 16 MiB) of memory.
      pass:
        filesPerSecond >= 2000 && many.rssMiB < 200 && growth <= Math.max(16, few.rssMiB * 0.25),
      note: `RSS ${few.rssMiB.toFixed(0)} MiB at ${small} files`,
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

const header = ['command', 'median ms', 'ratio', 'files/s', 'peak RSS', 'target', ''];
const table = [header].concat(
  rows.map((row) => [
    row.name,
    row.ms.toFixed(1),
    row.ratio === null ? '' : `${row.ratio.toFixed(2)}×`,
    row.filesPerSecond ? Math.round(row.filesPerSecond).toString() : '',
    row.rss ? `${row.rss.toFixed(0)} MiB` + (row.note ? ` (${row.note})` : '') : '',
    row.target,
    row.target ? (row.pass ? 'ok' : 'MISSED') : '',
  ]),
);
const widths = header.map((_, i) => Math.max(...table.map((r) => r[i].length)));
console.log('');
for (const r of table) console.log(`| ${r.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`);
if (!args.includes('--keep')) rmSync(join(work, 'answers'), { recursive: true, force: true });
const missed = rows.filter((row) => !row.pass);
if (missed.length > 0) {
  console.error(
    `\nbench: ${missed.length} target(s) missed: ${missed.map((r) => r.name).join('; ')}`,
  );
  process.exit(1);
}
console.log('\nbench: every target met');
