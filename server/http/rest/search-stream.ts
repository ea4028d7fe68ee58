// POST /api/records/search: the browser's search as a stream of newline-delimited JSON events, so the
// page shows progress ("scanned N of about M, matched K") and each match as it is found, and stops
// the search by aborting the request. With {"tail": true} it is a live tail instead: new records
// from the end of each partition, as they arrive, until the request is aborted. Events: {"type":"progress",...}, {"type":"message","message":...},
// then one {"type":"done",...} (the result without its messages) or {"type":"error","error":...}.
import { searchTopic, tailTopic } from "@/server/domain/records";
import type { Actor } from "@/server/domain/identity";
import { DomainError } from "@/server/errors";
import { guarded } from "../guard";
import { readJsonObject } from "./json-body";
import { answering } from "./errors";

async function stream(request: Request, actor: Actor): Promise<Response> {
  return answering(async () => {
    const input = await readJsonObject(request, 64 * 1024, "the search as a JSON object");
    if (typeof input.topicId !== "string") throw new DomainError("INVALID_INPUT", "A search names its topic (topicId)");
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        const send = (event: unknown) => {
          try {
            controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`));
          } catch {
            // The reader went away (cancelled): the search notices through the request's signal.
          }
        };
        let last = 0;
        try {
          const io = {
            signal: request.signal,
            onMatch: (message: unknown) => send({ type: "message", message }),
            onProgress: (p: object) => {
              // At most ten progress events a second: enough for a counter, little for the wire.
              if (Date.now() - last < 100) return;
              last = Date.now();
              send({ type: "progress", ...p });
            },
          };
          const { tail, ...rest } = input;
          if (tail === true) send({ type: "done", ...(await tailTopic(actor, rest as Parameters<typeof tailTopic>[1], io)) });
          else {
            const { messages: _m, ...summary } = await searchTopic(actor, rest as Parameters<typeof searchTopic>[1], io);
            send({ type: "done", ...summary });
          }
        } catch (error) {
          send({ type: "error", error: error instanceof DomainError ? error.message : "The search failed on the server" });
          if (!(error instanceof DomainError)) console.error("[records] search failed:", error);
        } finally {
          try {
            controller.close();
          } catch {
            // already closed by a cancelled reader
          }
        }
      },
    });
    return new Response(body, { headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store" } });
  });
}

export const handleSearchStream = guarded("read", stream);
