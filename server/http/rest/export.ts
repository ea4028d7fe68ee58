// GET /api/records/export?topicId=…&format=jsonl|csv&max=<n> plus the search parameters of
// GET /api/v1/…/messages (from, partition, direction, filter, maxScanned, maxSeconds): a search's
// results as a download, streamed as it runs.
import { exportRecords } from "@/server/domain/records";
import type { Actor } from "@/server/domain/identity";
import { DomainError } from "@/server/errors";
import { guarded } from "../guard";
import { answering } from "./errors";
import { searchFromQuery } from "./messages-api";

async function download(request: Request, actor: Actor): Promise<Response> {
  return answering(async () => {
    const q = new URL(request.url).searchParams;
    const topicId = q.get("topicId") ?? "";
    if (!/^[0-9a-f-]{36}$/.test(topicId)) throw new DomainError("INVALID_INPUT", "topicId names the topic to export");
    const format = q.get("format") ?? "jsonl";
    if (format !== "jsonl" && format !== "csv") throw new DomainError("INVALID_INPUT", "format is jsonl or csv");
    const max = q.get("max");
    if (max !== null && !/^\d{1,7}$/.test(max)) throw new DomainError("INVALID_INPUT", "max is a whole number");
    const { limit: _l, ...search } = searchFromQuery(q, { topicId }, ["topicId", "format", "max"]);
    const file = await exportRecords(actor, { ...search, format, maxMessages: max === null ? undefined : Number(max) }, request.signal);
    return new Response(file.body, {
      headers: {
        "content-type": file.contentType,
        "content-disposition": `attachment; filename="${file.filename}"`,
        "cache-control": "no-store",
      },
    });
  });
}

export const handleExport = guarded("read", download);
