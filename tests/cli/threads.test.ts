// Large batches are scored and rendered in worker threads (src/batch/pool.ts): the output must be
// byte for byte what scoring the files one by one in the main thread gives, in every streaming
// format, with invalid files (also before the first scored one), gates, warnings and exit codes.
import { EventEmitter } from 'node:events';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  askedHeap,
  askedThreads,
  coreThreads,
  Probe,
  PROBE_MS,
  WORKERS_PAY_AFTER_MS,
  workersPay,
} from '../../src/batch/threads.js';
import { writeAnswersFiles } from '../helpers/answers-files.js';
import { expandFiles } from '../../src/batch/expand.js';
import { prepareRun, reportFile, type ScorePlan } from '../../src/batch/report-files.js';
import { reportFiles } from '../../src/cli/score.js';
import { RubricCache } from '../../src/batch/rubric-cache.js';
import { ROOT } from '../helpers/run-cli.js';
import { runMain } from '../helpers/run-main.js';
import {
  reportInWorkers,
  startWorkers,
  type Pool,
  type WorkerReply,
  type WorkerRequest,
} from '../../src/batch/pool.js';

let dir: string;
const COUNT = 460;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'maturity-threads-'));
  // The first file is invalid (it waits for the first scored one), then one in every 97.
  await writeAnswersFiles(dir, COUNT, { broken: (i) => i === 0 || i % 97 === 5 });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const score = (args: string[], threads: string) =>
  runMain(['score', '*.yaml', ...args], { cwd: dir, env: { MATURITY_THREADS: threads } });

describe('worker threads', () => {
  const gates = ['--min-stage', 'engagement', '--min-completeness', '90'];
  for (const [format, extra, threads] of [
    ['json', gates, '2'],
    ['text', gates, '2'],
    ['csv', [...gates, '--target', 'strategic'], '3'],
  ] as const) {
    it(`${format}: ${threads} threads give what one by one gives`, async () => {
      const args = ['--format', format, ...extra];
      const alone = await score(args, '0');
      const threaded = await score(args, threads);
      expect(alone.code).toBe(2);
      expect(alone.stderr).toMatch(/^org-00000\.yaml:\d+:\d+: /m);
      expect(alone.stderr).toMatch(/below the minimum stage engagement/);
      expect(alone.stdout.length).toBeGreaterThan(COUNT * 50);
      expect(threaded).toEqual(alone);
    });
  }

  // Team members scored in workers cross to the main thread packed (src/batch/members.ts); their
  // teams must be those of members scored here, in every format, notes, roles and targets kept.
  for (const [format, threads] of [
    ['json', '2'],
    ['text', '1'],
    ['csv', '2'],
    ['markdown', '1'],
  ] as const) {
    it(`${format} --group-by: ${threads} threads give what one by one gives`, async () => {
      const team = mkdtempSync(join(tmpdir(), 'maturity-team-threads-'));
      try {
        await writeAnswersFiles(team, 200, { broken: (i) => i % 61 === 3, people: true });
        const args = ['score', '*.yaml', '--group-by', 'unit', '--format', format];
        const run = (threads: string) =>
          runMain(args, { cwd: team, env: { MATURITY_THREADS: threads } });
        const alone = await run('0');
        const threaded = await run(threads);
        expect(alone.code).toBe(2);
        expect(alone.stderr).toMatch(/^org-00003\.yaml:\d+:\d+: /m);
        if (format === 'json') {
          const { results } = JSON.parse(alone.stdout) as {
            results: { members: unknown[]; roles: unknown[]; disagreements: unknown[] }[];
          };
          expect(results).toHaveLength(7);
          expect(results[0]!.members.length).toBeGreaterThan(20);
          expect(results[0]!.roles).toHaveLength(3);
          expect(results[0]!.disagreements.length).toBeGreaterThan(0);
        }
        // Notes cross too: the text report shows them beside the answers that disagree.
        if (format === 'text') expect(alone.stdout).toMatch(/seen in review \d+/);
        if (format === 'csv') expect(alone.stdout).toMatch(/^org-00003\.yaml,.*invalid/m);
        expect(threaded).toEqual(alone);
      } finally {
        rmSync(team, { recursive: true, force: true });
      }
    });
  }

  it('starts workers only when the work left outweighs their start, or as MATURITY_THREADS says', () => {
    // One worker beside the main thread: 20,000 files left at 0.1 ms each are 2 s of work, less
    // than its start costs; 30,000 are 3 s.
    expect(workersPay(20_000, 0.1, 1)).toBe(false);
    expect(workersPay(30_000, 0.1, 1)).toBe(true);
    expect(workersPay((WORKERS_PAY_AFTER_MS / 0.2) * 0.99, 0.2, 1)).toBe(false);
    expect(workersPay(WORKERS_PAY_AFTER_MS / 0.2, 0.2, 1)).toBe(true);
    // More workers take a larger share (7 of 8 parts), so less work pays; no worker never does.
    expect(workersPay(15_000, 0.1, 7)).toBe(true);
    expect(workersPay(13_000, 0.1, 7)).toBe(false);
    expect(workersPay(1_000_000, 1, 0)).toBe(false);
    expect(askedThreads({})).toBeUndefined();
    expect(askedThreads({ MATURITY_THREADS: '2' })).toBe(2);
    expect(askedThreads({ MATURITY_THREADS: '0' })).toBe(0);
    expect(askedThreads({ MATURITY_THREADS: '99' })).toBe(16);
    expect(askedThreads({ MATURITY_THREADS: 'many' })).toBeUndefined();
    expect(askedHeap({})).toBeUndefined();
    expect(askedHeap({ MATURITY_WORKER_HEAP_MB: '64' })).toBe(64);
    expect(askedHeap({ MATURITY_WORKER_HEAP_MB: '0' })).toBeUndefined();
    expect(askedHeap({ MATURITY_WORKER_HEAP_MB: 'lots' })).toBeUndefined();
  });

  it('measures the rate once warmed up, then decides once', () => {
    let clock = 0;
    const probe = new Probe(10_000, 1, () => clock);
    // Slow at first (compiling): not counted.
    clock = PROBE_MS.from;
    expect(probe.after(100, 200)).toBeUndefined();
    clock = PROBE_MS.to - 1;
    expect(probe.after(1_000, 600)).toBeUndefined();
    // From the mark: 4,000 files in 500 ms, 0.1125 ms of scoring each; 5,900 left take 0.66 s:
    // not worth it.
    clock = PROBE_MS.from + 500;
    expect(probe.after(4_100, 200 + 450)).toBe('here');
    const slow = new Probe(20_000, 1, () => clock);
    clock += PROBE_MS.from;
    slow.after(100, 100);
    clock += 500;
    // 1,000 files in 500 ms, 0.45 ms of scoring each; 18,900 left take 8.5 s.
    expect(slow.after(1_100, 100 + 450)).toBe('workers');
  });

  it('starts no workers when the files wait on the output (a slow reader of a pipe)', () => {
    let clock = 0;
    const probe = new Probe(100_000, 1, () => clock);
    clock = PROBE_MS.from;
    probe.after(100, 50);
    clock = PROBE_MS.to;
    // 1,000 files in 500 ms, of which 0.1 ms each scoring: 9.9 s of scoring left, but the batch
    // goes at five times that, the pace of its reader.
    expect(probe.after(1_100, 50 + 100)).toBe('here');
  });

  it('decides by itself without MATURITY_THREADS, with the same output', async () => {
    const args = ['--format', 'csv'];
    const alone = await score(args, '0');
    const decided = await runMain(['score', '*.yaml', ...args], { cwd: dir });
    expect(decided).toEqual(alone);
  });

  it('scores here the batches of a worker that runs out of memory, and all of them when none is left', async () => {
    const odd = mkdtempSync(join(tmpdir(), 'maturity-oom-'));
    try {
      await writeAnswersFiles(odd, 60);
      // 5 MB of "- [" lines: refused, but only after the full YAML parser took more than a
      // worker's heap (SPEC §7's limit is on tokens, counted as it parses).
      writeFileSync(join(odd, 'org-00030b.yaml'), '- [\n'.repeat((5 * 1024 * 1024) / 4));
      const run = (env: Record<string, string>) =>
        runMain(['score', '*.yaml', '--format', 'csv'], { cwd: odd, env });
      const alone = await run({ MATURITY_THREADS: '0' });
      expect(alone.code).toBe(2);
      expect(alone.stderr).toMatch(/^org-00030b\.yaml:\d+:\d+: the document is too large/m);
      expect(await run({ MATURITY_THREADS: '2' })).toEqual(alone);
      // A heap too small for anything: every worker is lost, the main thread scores it all.
      expect(await run({ MATURITY_THREADS: '2', MATURITY_WORKER_HEAP_MB: '1' })).toEqual(alone);
    } finally {
      rmSync(odd, { recursive: true, force: true });
    }
  });

  it('hands the rest of a batch to workers where the probe decides, without a file lost or twice', async () => {
    const plan: ScorePlan = {
      format: 'csv',
      color: false,
      moves: 5,
      strict: false,
      grouped: false,
    };
    const { files, found } = await expandFiles(['*.yaml'], dir);
    const chunks = async (env: NodeJS.ProcessEnv, verdictAt?: number) => {
      const run = await prepareRun(plan, dir);
      run.reporter.begin(run.reportOptions);
      let asked = 0;
      const probe = () => ({
        after: (done: number) => {
          asked += 1;
          return verdictAt !== undefined && done >= verdictAt ? ('workers' as const) : undefined;
        },
      });
      const out: string[] = [];
      for await (const report of reportFiles(
        run,
        files,
        found,
        { env, stdin: process.stdin },
        probe,
      )) {
        out.push(`${report.file}\n${report.chunk}`);
      }
      return { out, asked };
    };
    const alone = await chunks({ MATURITY_THREADS: '0' });
    expect(alone.asked).toBe(0);
    expect(alone.out).toHaveLength(COUNT);
    // Decided after 64 files (the probe is asked every 32): the other 396 go to the workers.
    const handed = await chunks({}, 64);
    if (coreThreads() > 0) expect(handed.asked).toBe(2);
    expect(handed.out).toEqual(alone.out);
  });

  /**
   * The batch of this file's folder in `format`, scored here for reference (compared only for json,
   * whose chunks do not depend on what came before: csv's first invalid file waits for its columns
   * in a real run), and a pool of one worker with a main thread that scores slowly: each of its
   * files waits for the worker's first message (ready, or its failure) or its end, and 5 ms more,
   * so the worker takes its share, or its failure stops the run, before the main thread could be
   * done alone.
   */
  async function slowBatch(format: ScorePlan['format'], workerPlan?: ScorePlan, heapMb?: number) {
    const plan: ScorePlan = { format, color: false, moves: 5, strict: false, grouped: false };
    const { files, found } = await expandFiles(['*.yaml'], dir);
    const at = (i: number) => ({ file: files[i]!, found: found.has(files[i]!) });
    const run = await prepareRun(plan, dir);
    run.reporter.begin(run.reportOptions);
    const alone: string[] = [];
    for (let i = 0; i < files.length; i += 1) alone.push((await reportFile(run, at(i))).chunk);
    const pool = startWorkers(
      { plan: workerPlan ?? plan, cwd: dir, prime: at(1), rubrics: [] },
      1,
      heapMb,
    );
    const counted = { here: 0, inWorker: 0 };
    // Its first message, or its end (a worker out of memory sends none).
    const heard = new Promise((resolve) => {
      for (const event of ['message', 'error', 'exit']) pool.workers[0]!.once(event, resolve);
    });
    pool.workers[0]!.on('message', (reply: { reports?: unknown[] }) => {
      counted.inWorker += reply.reports?.length ?? 0;
    });
    const slowly = async (file: ReturnType<typeof at>) => {
      counted.here += 1;
      await heard;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return reportFile(run, file);
    };
    return { files, at, alone, pool, slowly, counted };
  }

  it('scores in the main thread too while it waits, every file once and in order', async () => {
    const { files, at, alone, pool, slowly, counted } = await slowBatch('json');
    const shared: string[] = [];
    for await (const report of reportInWorkers(pool, files.length, at, dir, slowly, true)) {
      shared.push(report.chunk);
    }
    expect(shared).toEqual(alone);
    // Before the worker was ready, the main thread scored; then both did, each file once.
    expect(counted.here).toBeGreaterThanOrEqual(8);
    expect(counted.inWorker).toBeGreaterThan(0);
    expect(counted.here + counted.inWorker).toBe(files.length);
  });

  it('scores everything here, in order, when the worker it shares with runs out of memory', async () => {
    // A 1 MB heap: the worker is lost before it is ready, and the main thread goes on alone.
    const { files, at, alone, pool, slowly, counted } = await slowBatch('json', undefined, 1);
    const shared: string[] = [];
    for await (const report of reportInWorkers(pool, files.length, at, dir, slowly, true)) {
      shared.push(report.chunk);
    }
    expect(shared).toEqual(alone);
    expect(pool.outOfMemory.size).toBe(1);
    expect(counted.here).toBe(files.length);
  });

  it('stops with the error of a worker that cannot set up, whether the main thread shares or not', async () => {
    // A plan no worker can set up with (a format no reporter has): a bug, not a user's error.
    const broken: ScorePlan = {
      format: 'none' as ScorePlan['format'],
      color: false,
      moves: 5,
      strict: false,
      grouped: false,
    };
    for (const share of [false, true]) {
      const { files, at, pool, slowly } = await slowBatch('csv', broken);
      const seen: string[] = [];
      const all = async () => {
        for await (const report of reportInWorkers(pool, files.length, at, dir, slowly, share)) {
          seen.push(report.file);
        }
      };
      // The worker's own stack, from the built bundle it runs.
      await expect(all()).rejects.toThrow(/is not a function[\s\S]*dist[\\/]/);
      // Without sharing, nothing was scored; with it, the main thread stopped part way.
      if (share) expect(seen.length).toBeLessThan(files.length);
      else expect(seen).toEqual([]);
    }
  });

  it('stops with the bug a worker reports for a batch, whether the main thread shares or not', async () => {
    // A worker (ready at once) whose every batch fails as a bug would: its reply names the bug.
    class FailingWorker extends EventEmitter {
      asked = 0;
      postMessage(request: WorkerRequest) {
        this.asked += 1;
        setImmediate(() => {
          const reply: WorkerReply = { seq: request.seq, bug: 'TypeError: boom\n    at score' };
          this.emit('message', reply);
        });
      }
      terminate() {
        return Promise.resolve(0);
      }
    }
    const { files } = await expandFiles(['*.yaml'], dir);
    const at = (i: number) => ({ file: files[i]!, found: true });
    const run = await prepareRun(
      { format: 'json', color: false, moves: 5, strict: false, grouped: false },
      dir,
    );
    for (const share of [false, true]) {
      const worker = new FailingWorker();
      const fake = worker as unknown as Worker;
      const pool: Pool = {
        workers: [fake],
        ready: new Set([fake]),
        outOfMemory: new Set(),
        closing: false,
      };
      const seen: string[] = [];
      const all = async () => {
        const local = (file: ReturnType<typeof at>) => reportFile(run, file);
        for await (const report of reportInWorkers(pool, files.length, at, dir, local, share)) {
          seen.push(report.file);
        }
      };
      await expect(all()).rejects.toThrow(/^TypeError: boom/);
      expect(worker.asked).toBeGreaterThan(0);
      // The worker's batches come first, so nothing could be written before the failure.
      expect(seen).toEqual([]);
    }
  });

  /** A folder of `count` answers files and a copy of the built-in rubric, `mine.yaml`, and a plan
   *  that scores them with it as json. */
  async function withRubricFile(count: number) {
    const folder = mkdtempSync(join(tmpdir(), 'maturity-rubric-file-'));
    await writeAnswersFiles(folder, count);
    const rubricFile = join(folder, 'mine.yaml');
    copyFileSync(join(ROOT, 'rubrics', 'social-business.yaml'), rubricFile);
    const plan: ScorePlan = {
      format: 'json',
      color: false,
      rubric: rubricFile,
      moves: 5,
      strict: false,
      grouped: false,
    };
    return { folder, rubricFile, plan };
  }

  it("scores in workers with the main thread's rubric, even when its file changes during the run", async () => {
    const { folder, rubricFile, plan } = await withRubricFile(40);
    try {
      const { files, found } = await expandFiles(['org-*.yaml'], folder);
      const at = (i: number) => ({ file: files[i]!, found: found.has(files[i]!) });
      const run = await prepareRun(plan, folder);
      await run.rubrics.get(rubricFile);
      const alone: string[] = [];
      for (let i = 0; i < files.length; i += 1) alone.push((await reportFile(run, at(i))).chunk);
      const loaded = await run.rubrics.loaded();
      expect(loaded.map(({ origin }) => origin)).toEqual([`from ${rubricFile}`]);
      // A worker that read the file again would fail every answers file with it.
      writeFileSync(rubricFile, 'stages: no longer a rubric\n');
      const pool = startWorkers({ plan, cwd: folder, prime: at(0), rubrics: loaded }, 1);
      const local = () => Promise.reject(new Error('the workers score every file'));
      const threaded: string[] = [];
      for await (const report of reportInWorkers(pool, files.length, at, folder, local, false)) {
        expect(report.problems).toEqual([]);
        threaded.push(report.chunk);
      }
      expect(threaded).toEqual(alone);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('starts the workers of a run with the rubric its main thread loaded, not the file as it is then', async () => {
    const { folder, rubricFile, plan } = await withRubricFile(120);
    try {
      const { files, found } = await expandFiles(['org-*.yaml'], folder);
      const chunks = async (threads: string, afterFirst = () => {}) => {
        const run = await prepareRun(plan, folder);
        const env = { MATURITY_THREADS: threads };
        const out: unknown[] = [];
        for await (const report of reportFiles(run, files, found, { env, stdin: process.stdin })) {
          expect(report.problems).toEqual([]);
          out.push(report.chunk);
          // The workers start (and score every other file) once the first report is taken.
          if (out.length === 1) afterFirst();
        }
        return out;
      };
      const alone = await chunks('0');
      const threaded = await chunks('1', () =>
        writeFileSync(rubricFile, 'stages: no longer a rubric\n'),
      );
      expect(threaded).toEqual(alone);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('gives workers the rubrics that loaded, not those that failed, and where each came from', async () => {
    const cache = new RubricCache(dir);
    const builtin = await cache.get(undefined);
    await expect(cache.get('missing.yaml')).rejects.toThrow(/missing\.yaml/);
    const loaded = await cache.loaded();
    expect(loaded).toEqual([
      { key: 'builtin:social-business', rubric: builtin, origin: 'the built-in rubric', bases: [] },
    ]);
    // Adopted (as a worker's cache does, after the copy a message makes), it is what the cache gives.
    const copy = structuredClone(loaded);
    const adopting = new RubricCache(dir);
    adopting.adopt(copy);
    expect(await adopting.get('social-business')).toBe(copy[0]!.rubric);
    expect(copy[0]!.rubric).toEqual(builtin);
  });
});
