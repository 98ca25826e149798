// A scoring thread: builds the same run as the main thread from its plan, then scores and renders
// the batches of files it is sent. See pool.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { prepareRun, reportFile, type FileReport } from './report-files.js';
import type { WorkerReply, WorkerRequest, WorkerSetup } from './pool.js';

const setup = workerData as WorkerSetup;
const ready = (async () => {
  const run = await prepareRun(setup.plan, setup.cwd);
  run.reporter.begin(run.reportOptions);
  await reportFile(run, setup.prime);
  return run;
})();

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
      reply = {
        seq: request.seq,
        bug: error instanceof Error ? (error.stack ?? error.message) : String(error),
      };
    }
    parentPort!.postMessage(reply);
  });
});
