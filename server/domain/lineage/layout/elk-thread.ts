// ELK runs in a thread of its own: a large layered layout takes seconds of CPU, and a web process
// that ran it on its event loop would stop answering everyone else meanwhile (the registry's
// serializers included). One thread, started on first use and left to exit with the process; jobs
// wait their turn in it.
import { Worker } from "node:worker_threads";
import { DomainError } from "@/server/errors";

export type ElkGraph = {
  id: string;
  layoutOptions: Record<string, string>;
  children: { id: string; width: number; height: number; x?: number; y?: number }[];
  edges: { id: string; sources: string[]; targets: string[] }[];
};
/** [id, x, y] of every node, rounded to whole pixels. */
export type PlacedNodes = [string, number, number][];

// The thread's code is a string, not a file: the web process runs inside Next's bundle, where a
// worker file's path is not where the bundler left it. elkjs is found from the working directory
// (the project's, as `npm start` and the tests run it) and is not bundled (next.config.js).
const THREAD = `
const { parentPort } = require("node:worker_threads");
const ELK = require(require.resolve("elkjs/lib/elk.bundled.js", { paths: [process.cwd()] }));
const elk = new ELK();
parentPort.on("message", ({ id, graph }) => {
  elk.layout(graph).then(
    (out) => parentPort.postMessage({ id, placed: (out.children || []).map((c) => [c.id, Math.round(c.x || 0), Math.round(c.y || 0)]) }),
    (e) => parentPort.postMessage({ id, error: String((e && e.message) || e) }),
  );
});
`;

type Pending = { resolve: (p: PlacedNodes) => void; reject: (e: Error) => void };
let thread: Worker | null = null;
const pending = new Map<number, Pending>();
let nextId = 0;

function failAll(error: Error) {
  for (const p of pending.values()) p.reject(error);
  pending.clear();
  thread = null;
}

function elkThread(): Worker {
  if (thread) return thread;
  const t = new Worker(THREAD, { eval: true });
  t.on("message", (m: { id: number; placed?: PlacedNodes; error?: string }) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.placed) p.resolve(m.placed);
    else p.reject(new Error(`layout failed: ${m.error}`));
    if (!pending.size) t.unref();
  });
  // A thread that dies (out of memory on a huge graph) fails what it held; the next job starts another.
  t.on("error", (e) => failAll(e));
  t.on("exit", (code) => thread === t && failAll(new Error(`layout thread exited (${code})`)));
  thread = t;
  return t;
}

/**
 * Layouts waiting at most: each distinct view anyone opens may cost seconds of the thread, so a reader
 * asking for view after view is told to wait rather than queueing minutes of work.
 */
const MAX_WAITING = 8;

/** Lays the graph out in the ELK thread. */
export function runElk(graph: ElkGraph): Promise<PlacedNodes> {
  if (pending.size >= MAX_WAITING)
    return Promise.reject(new DomainError("RATE_LIMITED", "The layout engine is busy with other views; try again in a moment"));
  const t = elkThread();
  const id = nextId++;
  return new Promise<PlacedNodes>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    // Only while it has work does the thread keep the process alive.
    t.ref();
    t.postMessage({ id, graph });
  });
}
