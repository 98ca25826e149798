// A scoring thread: builds the same run as the main thread from its plan, then scores and renders
// the batches of files it is sent. See pool.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { prepareRun, reportFile, type FileReport } from './report-files.js';
import type { WorkerReply, WorkerRequest, WorkerSetup } from './pool.js';

const setup = workerData as WorkerSetup;
const ready = (async () => {
  const run = await prepareRun(setup.plan, setup.cwd, true);
  run.rubrics.adopt(setup.rubrics);
  run.reporter.begin(run.reportOptions);
  await reportFile(run, setup.prime);
  parentPort!.postMessage({ ready: true } satisfies WorkerReply);
  return run;
})();
// A worker that cannot set up says so at once (no batch is sent to it until it is ready).
ready.catch((error: unknown) => {
  parentPort!.postMessage({ seq: -1, bug: bugText(error) } satisfies WorkerReply);
});

// One batch after the other, in the order they came.
let queue: Promise<void> = Promise.resolve();
parentPort!.on('message', (request: WorkerRequest) => {
  queue = queue.then(async () => {
    let reply: WorkerReply;
    try {
      const run = await ready;
      const reports: FileReport[] = [];
      for (const { read, ...file } of request.files) {
        reports.push(await reportFile(run, file, undefined, read));
      }
      reply = { seq: request.seq, reports };
    } catch (error) {
      // A user's error is a problem of its file (reportFile never throws one); this is a bug.
      reply = { seq: request.seq, bug: bugText(error) };
    }
    parentPort!.postMessage(reply);
  });
});

function bugText(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
