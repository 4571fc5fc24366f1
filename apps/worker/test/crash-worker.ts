// Test-only entry for worker.int.test.ts: a real worker process with short
// lock and stall intervals, so that the test can kill it mid-job and see the
// job handed to another worker within seconds rather than the default 30 s.
import { startWorker } from "../src/app";

const running = startWorker({
  concurrency: 1,
  lockDurationMs: Number(process.env.TEST_WORKER_LOCK_MS ?? 2000),
  stalledIntervalMs: Number(process.env.TEST_WORKER_STALLED_MS ?? 1000),
});
running.worker.on("active", (job) => console.log(`active ${job.id}`));
running.worker
  .waitUntilReady()
  .then(() => console.log(`ready ${process.pid}`))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
