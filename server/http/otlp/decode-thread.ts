// The decode thread's code: it takes export requests' bytes and answers with the batches to store.
// Started by decode-off-thread.ts; every error is an answer, so the thread never dies of a bad request.
import { parentPort } from "node:worker_threads";
import { decodeJob, type DecodeJob } from "./decode-job";
import { OtlpError } from "./decode-request";

const port = parentPort!;
port.on("message", ({ id, job }: { id: number; job: DecodeJob }) => {
  try {
    port.postMessage({ id, decoded: decodeJob(job) });
  } catch (error) {
    if (error instanceof OtlpError) port.postMessage({ id, refused: { status: error.status, message: error.message } });
    else port.postMessage({ id, failed: error instanceof Error ? error.message : String(error) });
  }
});
port.postMessage({ ready: true });
