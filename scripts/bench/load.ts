// A closed-loop HTTP load generator: `concurrency` clients, each sending its next request as soon as
// the previous answer is read, over keep-alive connections, for a fixed duration.
import { Agent, request } from "node:http";
import { benchAuth } from "./child-server";

export type Req = { method: "GET" | "POST"; path: string; body?: string | Uint8Array; contentType?: string };
/** perSecond counts the answers that were right (a fast error never counts); errors the rest. */
export type LoadResult = { requests: number; perSecond: number; p50: number; p99: number; errors: number };

function send(agent: Agent, base: URL, req: Req): Promise<number> {
  return new Promise((resolve, reject) => {
    const r = request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method: req.method,
        path: req.path,
        headers: {
          "content-type": req.contentType ?? "application/vnd.schemaregistry.v1+json",
          ...benchAuth,
          ...(req.body ? { "content-length": Buffer.byteLength(req.body) } : {}),
        },
      },
      (res) => {
        res.resume();
        res.once("end", () => resolve(res.statusCode ?? 0));
      },
    );
    r.once("error", reject);
    // A request that gets no answer is an error, not a client stuck for the rest of the run.
    r.setTimeout(REQUEST_TIMEOUT_MS, () => r.destroy(new Error("no answer")));
    r.end(req.body);
  });
}

const REQUEST_TIMEOUT_MS = 10_000;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;

/** `next(i)` gives request number i (shared across clients), so a run can send unique bodies. */
export async function runLoad(
  baseUrl: string,
  next: (i: number) => Req,
  opts: { concurrency: number; durationMs: number; ok?: (status: number) => boolean },
) {
  const base = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: opts.concurrency });
  const ok = opts.ok ?? ((s: number) => s >= 200 && s < 300);
  const latencies: number[] = [];
  let counter = 0;
  let errors = 0;
  let rightInTime = 0;
  const started = performance.now();
  const deadline = started + opts.durationMs;
  await Promise.all(
    Array.from({ length: opts.concurrency }, async () => {
      while (performance.now() < deadline) {
        const req = next(counter++);
        const t = performance.now();
        const status = await send(agent, base, req).catch(() => 0);
        const done = performance.now();
        latencies.push(done - t);
        if (!ok(status)) errors++;
        else if (done <= deadline) rightInTime++;
      }
    }),
  );
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    // Right answers within the run's time: a request left hanging past the end does not stretch it.
    perSecond: (rightInTime / opts.durationMs) * 1000,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    errors,
  } satisfies LoadResult;
}
