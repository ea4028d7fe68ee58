// Exporting a search's results as JSONL or CSV, a page at a time as the reader asks for more (the
// whole result is never held), masked like anything else the reader receives, audited when it
// starts (who, which topic, which filter), and refused to viewers: a file leaves the console's
// permissions behind.
import { appendAudit } from "@/server/domain/audit";
import { roleRank, type Actor } from "@/server/domain/identity";
import { db } from "@/server/db";
import { DomainError } from "@/server/errors";
import { findTopic } from "@/server/domain/topics";
import { searchTopic, type SearchTopicInput } from "./search-topic";
import type { PresentedRecord } from "./present-record";
import type { DecodedPayload } from "@/server/domain/schemas";

export const MAX_EXPORT = 1_000_000;
const PAGE = 500;

export type ExportFormat = "jsonl" | "csv";

function payload(p: DecodedPayload): unknown {
  return p.kind === "schema" ? p.json : p.kind === "text" ? p.text : p.kind === "empty" ? null : p.hex;
}

function jsonl(m: PresentedRecord): string {
  return `${JSON.stringify({
    partition: m.partition,
    offset: m.offset,
    timestamp: m.timestamp,
    key: payload(m.key),
    value: payload(m.value),
    schemaId: m.value.kind === "schema" ? m.value.schemaId : null,
    headers: Object.fromEntries(m.headers.map((h) => [h.name, h.value])),
  })}\n`;
}

export const CSV_HEADER = "partition,offset,timestamp,key,value,schema_id,headers\r\n";

/** RFC 4180 quoting; a cell a spreadsheet would run as a formula is prefixed with ' (OWASP's advice). */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csv(m: PresentedRecord): string {
  const headers = Object.fromEntries(m.headers.map((h) => [h.name, h.value]));
  return `${[m.partition, m.offset, m.timestamp, payload(m.key), payload(m.value), m.value.kind === "schema" ? m.value.schemaId : "", m.headers.length ? headers : ""].map(csvCell).join(",")}\r\n`;
}

/** The export as a stream of text chunks; the search runs one page ahead of the reader at most. */
export async function exportRecords(
  actor: Actor,
  input: SearchTopicInput & { format: ExportFormat; maxMessages?: number },
  signal?: AbortSignal,
): Promise<{ filename: string; contentType: string; body: ReadableStream<Uint8Array> }> {
  if (roleRank(actor.role) < roleRank("editor"))
    throw new DomainError("FORBIDDEN", "Exports are for editors and admins: a file leaves the console's permissions behind");
  const { format, maxMessages: wanted, ...search } = input;
  const maxMessages = Math.min(wanted ?? 100_000, MAX_EXPORT);
  const topic = await findTopic(search);
  // A first page checks the request (permissions, filter, positions) before the response starts.
  const first = await searchTopic(actor, { ...search, limit: Math.min(PAGE, maxMessages) }, { signal });
  await db.$transaction((tx) =>
    appendAudit(tx, actor, {
      action: "records.export",
      targetType: "topic",
      targetId: `${topic.clusterId}/${topic.name}`,
      team: topic.ownerTeam,
      after: { format, filter: search.filter ?? null, from: search.from ?? "latest", direction: search.direction ?? "newest", maxMessages },
    }),
  );
  const line = format === "csv" ? csv : jsonl;
  const encoder = new TextEncoder();
  let sent = 0;
  let scanBudget = (search.maxScanned ?? 100_000) - first.scanned;
  let page: typeof first | null = first;
  let started = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started && format === "csv") controller.enqueue(encoder.encode(CSV_HEADER));
      started = true;
      if (!page) {
        controller.close();
        return;
      }
      const rows = page.messages.slice(0, maxMessages - sent);
      sent += rows.length;
      if (rows.length) controller.enqueue(encoder.encode(rows.map(line).join("")));
      const cursor = page.cursor;
      // Budgets stop an export like they stop a search; the reader's hanging up stops it too.
      if (
        !cursor ||
        sent >= maxMessages ||
        scanBudget <= 0 ||
        page.stoppedBy === "time-budget" ||
        page.stoppedBy === "cancelled" ||
        signal?.aborted
      ) {
        page = null;
        return;
      }
      page = await searchTopic(actor, { ...search, cursor, limit: Math.min(PAGE, maxMessages - sent), maxScanned: scanBudget }, { signal });
      scanBudget -= page.scanned;
    },
  });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  return {
    filename: `${topic.name.replace(/[^\w.-]/g, "_")}-${stamp}.${format}`,
    contentType: format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
    body,
  };
}
