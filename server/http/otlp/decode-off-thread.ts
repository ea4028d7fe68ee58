// Export requests are decoded in a thread beside the event loop: a 512-span batch is milliseconds of
// CPU (gunzip, protobuf, checks, COPY lines), and on the event loop it held up every other request of
// the process (the registry's serializers too) and the replies of PostgreSQL for the batches before.
// The event loop is left with the HTTP and the database. If the thread cannot start or dies, what it
// held is decoded here instead: decoding has no side effects, so nothing is lost or done twice.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { decodeJob, type Decoded, type DecodeJob } from "./decode-job";
import { OtlpError } from "./decode-request";

// Found from the working directory (the project's, as `npm start` and the tests run it): inside Next's
// bundle, this module's own URL is not where the source is.
const THREAD_FILE = join(process.cwd(), "server/http/otlp/decode-thread.ts");
// The thread loads its TypeScript through tsx's require hook, which works inside the thread itself. On
// Node 20 a worker given `--import tsx` refused the entry file (unknown extension ".ts"), and tsx's
// ESM API did not resolve from an eval'd thread. tsx is resolved from the working directory too.
const THREAD_BOOT = `
const { workerData } = require("node:worker_threads");
require(require.resolve("tsx/cjs/api", { paths: [process.cwd()] })).register();
require(workerData.file);
`;
/** Requests waiting for the thread at most; beyond that the event loop decodes too (its own back-pressure). */
const MAX_WAITING = 32;

type Pending = { job: DecodeJob; resolve: (d: Decoded) => void; reject: (e: Error) => void };
type Answer = { ready?: true; id: number; decoded?: Decoded; refused?: { status: 400 | 413 | 415; message: string }; failed?: string };

let thread: Worker | null = null;
let startable = true;
const pending = new Map<number, Pending>();
let nextId = 0;

function here(p: Pending) {
  try {
    p.resolve(decodeJob(p.job));
  } catch (error) {
    p.reject(error as Error);
  }
}

function decodeThread(): Worker | null {
  if (thread) return thread;
  if (!startable) return null;
  if (!existsSync(THREAD_FILE)) {
    startable = false;
    console.warn(`otlp: decoding on the event loop, ${THREAD_FILE} is not there (start Eventplane from its directory)`);
    return null;
  }
  const t = new Worker(THREAD_BOOT, { eval: true, workerData: { file: THREAD_FILE } });
  let ready = false;
  t.on("message", (m: Answer) => {
    if (m.ready) return void (ready = true);
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.decoded) p.resolve(m.decoded);
    else if (m.refused) p.reject(new OtlpError(m.refused.status, m.refused.message));
    else p.reject(new Error(`decoding failed: ${m.failed}`));
    if (!pending.size) t.unref();
  });
  const lost = (why: string) => {
    if (thread !== t) return;
    thread = null;
    // A thread that never came up will not next time either (no tsx, a packaging without sources).
    if (!ready) {
      startable = false;
      console.warn(`otlp: decoding on the event loop, the decode thread did not start (${why})`);
    }
    const held = [...pending.values()];
    pending.clear();
    held.forEach(here);
  };
  t.on("error", (e) => lost(e.message));
  t.on("exit", (code) => lost(`exited with ${code}`));
  thread = t;
  return t;
}

/** Decodes an export request in the decode thread (or here, when it is busy or cannot run). */
export function decodeOffThread(job: DecodeJob): Promise<Decoded> {
  const t = pending.size < MAX_WAITING ? decodeThread() : null;
  return new Promise<Decoded>((resolve, reject) => {
    if (!t) return here({ job, resolve, reject });
    const id = nextId++;
    pending.set(id, { job, resolve, reject });
    // Only while it has work does the thread keep the process alive.
    t.ref();
    t.postMessage({ id, job });
  });
}

/** Whether a decode thread is up (for tests and health: "here" means the event loop decodes). */
export const decodeThreadState = (): "thread" | "here" => (thread ? "thread" : "here");

/** Stops the decode thread as if it had died (tests: what it held must still be answered). */
export async function stopDecodeThread(): Promise<void> {
  await thread?.terminate();
}
