// Redrive: dead letters sent back to the topic they failed on. A dry run first shows what would be
// sent where and what is skipped (no original topic in the headers, the DLQ itself as target, already
// redriven). A real run records each record before producing it (unique per DLQ record, so no record
// goes back twice by accident), strips the failure headers, marks the record with x-redrive-* headers,
// and produces at a limited rate.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { db } from "@/server/db";
import { DomainError } from "@/server/errors";
import { produceRecords, readTail, type RawRecord } from "@/server/kafka";
import { toConnection } from "../cluster-connection";
import { normalizeDeadLetterHeaders } from "./normalize-headers";
import { deadLetterTopic, DLQ_TAIL_PER_PARTITION } from "./read-dead-letters";

export const RedriveInput = z.object({
  topicId: z.string().uuid(),
  records: z
    .array(z.object({ partition: z.number().int().min(0), offset: z.string().regex(/^\d+$/) }))
    .min(1, "select at least one record")
    .max(1_000),
  dryRun: z.boolean().default(true),
});

export type RedrivePlanItem = { partition: number; offset: string; targetTopic: string | null; skipped: string | null };

export async function redrive(raw: z.input<typeof RedriveInput>, actor: string) {
  const input = RedriveInput.parse(raw);
  const topic = await deadLetterTopic(input.topicId);
  const conn = toConnection(topic.cluster);
  const wanted = new Set(input.records.map((r) => `${r.partition}/${r.offset}`));
  // The selection comes from the page, which shows the newest records: read the same window.
  const records = new Map((await readTail(conn, topic.name, DLQ_TAIL_PER_PARTITION)).map((r) => [`${r.partition}/${r.offset}`, r]));
  const done = new Map((await db.redrive.findMany({ where: { dlqTopicId: topic.id } })).map((r) => [`${r.partition}/${r.offset}`, r]));

  const plan: (RedrivePlanItem & { record?: RawRecord })[] = [...wanted].map((k) => {
    const [partition, offset] = k.split("/") as [string, string];
    const base = { partition: Number(partition), offset, targetTopic: null as string | null };
    const record = records.get(k);
    if (!record) return { ...base, skipped: `not among the newest ${DLQ_TAIL_PER_PARTITION} records of its partition` };
    const info = normalizeDeadLetterHeaders(record.headers);
    const previous = done.get(k);
    if (previous)
      return { ...base, targetTopic: previous.targetTopic, skipped: `already redriven ${previous.at.toISOString()} by ${previous.actor}` };
    if (!info.originalTopic) return { ...base, skipped: "no original topic in its headers" };
    if (info.originalTopic === topic.name) return { ...base, targetTopic: info.originalTopic, skipped: "its original topic is this DLQ" };
    return { ...base, targetTopic: info.originalTopic, skipped: null, record };
  });
  const summary = (items: typeof plan) => items.map(({ record: _r, ...p }) => p);
  if (input.dryRun) return { dryRun: true, plan: summary(plan), sent: 0 };

  const batchId = randomUUID();
  const at = new Date().toISOString();
  const byTarget = new Map<string, typeof plan>();
  for (const p of plan) if (!p.skipped) byTarget.set(p.targetTopic!, [...(byTarget.get(p.targetTopic!) ?? []), p]);
  let sent = 0;
  for (const [target, items] of byTarget) {
    // Claim first: a concurrent or repeated redrive of the same record fails on the unique key here.
    const claimed = await db.redrive.createMany({
      data: items.map((p) => ({ dlqTopicId: topic.id, partition: p.partition, offset: BigInt(p.offset), targetTopic: target, actor })),
      skipDuplicates: true,
    });
    if (claimed.count !== items.length)
      throw new DomainError("CONFLICT", "Some of these records were redriven meanwhile; run the dry run again");
    await produceRecords(
      conn,
      target,
      items.map((p) => {
        const info = normalizeDeadLetterHeaders(p.record!.headers);
        const headers: Record<string, Buffer | string> = {};
        for (const [name, values] of Object.entries(p.record!.headers))
          if (!info.errorHeaders.includes(name) && values[0]) headers[name] = values[0];
        headers["x-redrive-id"] = `${topic.name}/${p.partition}/${p.offset}`;
        headers["x-redrive-batch"] = batchId;
        headers["x-redrive-by"] = actor;
        headers["x-redrive-at"] = at;
        return { key: p.record!.key, value: p.record!.value, headers };
      }),
    );
    await db.redrive.updateMany({
      where: { dlqTopicId: topic.id, OR: items.map((p) => ({ partition: p.partition, offset: BigInt(p.offset) })) },
      data: { status: "sent" },
    });
    sent += items.length;
  }
  return { dryRun: false, plan: summary(plan), sent };
}
