// What consumer spans say about the consumers behind them, for the scorecard: who is traced at all,
// which records were processed more than once, and who fails processing. Windows are by span start.
import { db } from "@/server/db";
import { spanFlowsSince } from "./span-flows";
import { SPAN_KIND, STATUS_CODE } from "./span-types";
import { appendTo } from "@/server/lib/append-to";

export type TracedConsumer = { system: string; group: string; destination: string; service: string; spans: number };

/** Every (system, group, destination, service) that sent consumer spans started after `sinceNs`. */
export async function tracedConsumers(sinceNs: bigint): Promise<TracedConsumer[]> {
  return (await spanFlowsSince(sinceNs, [SPAN_KIND.CONSUMER])).map((f) => ({
    system: f.system,
    group: f.groupId,
    destination: f.topic,
    service: f.service,
    spans: f.count,
  }));
}

export type RepeatedProcessing = {
  system: string;
  group: string;
  topic: string;
  /** records (topic, partition, offset) processed more than once */
  records: number;
  /** the most repeated ones, with the traces that show each processing */
  examples: { partition: number; offset: string; times: number; traceIds: string[] }[];
};

/**
 * Records a consumer group processed more than once (the same topic, partition and offset in several
 * process spans): the consumer is not idempotent, or it lost its commit and read again.
 */
export async function repeatedProcessing(sinceNs: bigint, examplesPerGroup = 5): Promise<RepeatedProcessing[]> {
  const rows = await db.$queryRaw<
    { system: string; group: string; topic: string; partition: number; offset: bigint; times: bigint; traces: string[]; records: bigint }[]
  >`
    WITH repeated AS (
      SELECT coalesce("msgSystem", '') AS system, "msgGroup" AS "group", "msgDestination" AS topic, "msgPartition" AS partition,
             "msgOffset" AS "offset", count(*) AS times, (array_agg(DISTINCT "traceId"))[1:5] AS traces
      FROM "Span"
      WHERE "startNs" > ${sinceNs} AND kind = ${SPAN_KIND.CONSUMER} AND "msgOperation" = 'process'
        AND "msgGroup" IS NOT NULL AND "msgDestination" IS NOT NULL AND "msgPartition" IS NOT NULL AND "msgOffset" IS NOT NULL
      GROUP BY 1, 2, 3, 4, 5
      HAVING count(*) > 1
    ), ranked AS (
      SELECT *, count(*) OVER (PARTITION BY system, "group", topic) AS records,
             row_number() OVER (PARTITION BY system, "group", topic ORDER BY times DESC, partition, "offset") AS rank
      FROM repeated
    )
    SELECT system, "group", topic, partition, "offset", times, traces, records FROM ranked WHERE rank <= ${examplesPerGroup}
    ORDER BY system, "group", topic, rank`;
  const out = new Map<string, RepeatedProcessing>();
  for (const r of rows) {
    const key = `${r.system}\u0000${r.group}\u0000${r.topic}`;
    const entry = out.get(key) ?? { system: r.system, group: r.group, topic: r.topic, records: Number(r.records), examples: [] };
    entry.examples.push({ partition: r.partition, offset: String(r.offset), times: Number(r.times), traceIds: r.traces });
    out.set(key, entry);
  }
  return [...out.values()];
}

export type FailingConsumer = {
  system: string;
  group: string;
  destination: string;
  service: string;
  failed: number;
  total: number;
  /** a few failed spans' traces, newest first, with their status message */
  examples: { traceId: string; spanId: string; message: string | null }[];
};

/** Consumer spans that ended in error, per (system, group, destination, service), with the total for a rate. */
export async function failingConsumers(sinceNs: bigint, examplesPerConsumer = 3): Promise<FailingConsumer[]> {
  const counts = (await spanFlowsSince(sinceNs, [SPAN_KIND.CONSUMER]))
    .filter((f) => f.failed > 0)
    .map((f) => ({ system: f.system, group: f.groupId, destination: f.topic, service: f.service, failed: f.failed, total: f.count }));
  if (!counts.length) return [];
  const examples = await db.$queryRaw<
    { system: string; group: string; destination: string; service: string; traceId: string; spanId: string; message: string | null }[]
  >`
    SELECT system, "group", destination, service, "traceId", "spanId", message FROM (
      SELECT coalesce("msgSystem", '') AS system, coalesce("msgGroup", '') AS "group", "msgDestination" AS destination, service,
             "traceId", "spanId", "statusMessage" AS message,
             row_number() OVER (PARTITION BY "msgSystem", "msgGroup", "msgDestination", service ORDER BY "startNs" DESC) AS rank
      FROM "Span"
      WHERE "startNs" > ${sinceNs} AND kind = ${SPAN_KIND.CONSUMER} AND "msgDestination" IS NOT NULL AND "statusCode" = ${STATUS_CODE.ERROR}
    ) failed WHERE rank <= ${examplesPerConsumer}`;
  const key = (r: { system: string; group: string; destination: string; service: string }) =>
    `${r.system}\u0000${r.group}\u0000${r.destination}\u0000${r.service}`;
  const byConsumer = new Map<string, typeof examples>();
  for (const e of examples) appendTo(byConsumer, key(e), e);
  return counts.map((r) => ({
    system: r.system,
    group: r.group,
    destination: r.destination,
    service: r.service,
    failed: r.failed,
    total: r.total,
    examples: (byConsumer.get(key(r)) ?? []).map((e) => ({ traceId: e.traceId, spanId: e.spanId, message: e.message })),
  }));
}
