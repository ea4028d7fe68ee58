// What other contexts learn from messaging spans, as aggregates: who sends to and receives from
// which destination, and how often (how long a hop takes: hop-latencies.ts). Only this context reads
// the span tables, so spans can move to another store without anything above changing.
import { db } from "@/server/db";
import { spanFlowsSince } from "./span-flows";
import { SPAN_KIND } from "./span-types";

export interface MessagingFlow {
  kind: "PRODUCES" | "CONSUMES";
  service: string;
  /** messaging.destination.name as normalised on ingest */
  topic: string;
  /** consumer group ("" for producers and for consumers that name none) */
  groupId: string;
  /** messaging.system */
  system: string;
  first: Date;
  last: Date;
  count: number;
}

/** Flows in the spans received in (since, until], for folding into lineage edges. */
export async function messagingFlowsReceived(since: Date, until: Date): Promise<MessagingFlow[]> {
  const rows = await db.$queryRaw<(Omit<MessagingFlow, "count"> & { count: bigint })[]>`
    SELECT CASE WHEN kind = ${SPAN_KIND.PRODUCER} THEN 'PRODUCES' ELSE 'CONSUMES' END AS kind,
           service, "msgDestination" AS topic,
           CASE WHEN kind = ${SPAN_KIND.CONSUMER} THEN coalesce("msgGroup", '') ELSE '' END AS "groupId",
           coalesce("msgSystem", '') AS system,
           to_timestamp(min("startNs") / 1e9) AS first, to_timestamp(max("startNs") / 1e9) AS last, count(*) AS count
    FROM "Span"
    WHERE "receivedAt" > ${since} AND "receivedAt" <= ${until}
      AND kind IN (${SPAN_KIND.PRODUCER}, ${SPAN_KIND.CONSUMER}) AND "msgDestination" IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5`;
  return rows.map((r) => ({ ...r, count: Number(r.count) }));
}

/** Span counts per flow that started after `sinceNs`, with the first start (to rate young flows by their own age). */
export async function messagingCountsSince(sinceNs: bigint) {
  const flows = new Map<
    string,
    { kind: "PRODUCES" | "CONSUMES"; service: string; topic: string; groupId: string; count: number; firstNs: bigint }
  >();
  // Counted per messaging system too; summed over them here.
  for (const f of await spanFlowsSince(sinceNs)) {
    const kind = f.kind === SPAN_KIND.PRODUCER ? ("PRODUCES" as const) : ("CONSUMES" as const);
    const key = `${kind}\u0000${f.service}\u0000${f.topic}\u0000${f.groupId}`;
    const known = flows.get(key);
    if (!known) flows.set(key, { kind, service: f.service, topic: f.topic, groupId: f.groupId, count: f.count, firstNs: f.firstNs });
    else {
      known.count += f.count;
      if (f.firstNs < known.firstNs) known.firstNs = f.firstNs;
    }
  }
  return [...flows.values()];
}
