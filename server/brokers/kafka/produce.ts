import { createKafka } from "./client";
import type { Landed, OutgoingRecord } from "../types";
import type { ClusterConnection } from "./types";

/** Produces records to a topic, at most `perSecond` per second (a redrive must not flood a consumer that just recovered). */
export async function produceRecords(conn: ClusterConnection, topic: string, records: OutgoingRecord[], perSecond = 50): Promise<Landed[]> {
  const producer = createKafka(conn).producer({ allowAutoTopicCreation: false, idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const landed: Landed[] = [];
  try {
    for (let i = 0; i < records.length; i += perSecond) {
      const started = Date.now();
      const sent = await producer.send({ topic, acks: -1, messages: records.slice(i, i + perSecond) });
      for (const m of sent) landed.push({ partition: m.partition, offset: m.baseOffset ?? "-1" });
      const rest = 1_000 - (Date.now() - started);
      if (i + perSecond < records.length && rest > 0) await new Promise((r) => setTimeout(r, rest));
    }
  } finally {
    await producer.disconnect().catch(() => undefined);
  }
  return landed;
}
