// Redrive: dead letters sent back where they failed. A dry run first shows what would be sent where
// and what is skipped (no original topic in the headers, the DLQ itself as target, already
// redriven). A real run records each letter before sending it (unique per letter, so none goes back
// twice by accident), strips the failure headers, marks the letter with x-redrive-* headers, and
// sends at a limited rate. Kafka records are named by position and copied back to their topic;
// RabbitMQ letters (rabbit-redrive.ts) are named by identity and moved back to their queue;
// JetStream dead letters (jetstream-redrive.ts) are republished from the stream.
//
// A DLQ record's headers name its original topic, but whoever can write to the DLQ writes those
// headers: the target must be a catalogued, non-internal, non-DLQ topic of the same cluster, and the
// actor must be allowed to produce into it (its owner team) as well as to read the DLQ.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { appendAudit } from "@/server/domain/audit";
import { authorize, type Actor } from "@/server/domain/identity";
import { db } from "@/server/db";
import { DomainError, parseInput } from "@/server/errors";
import { listTopicRefs } from "@/server/domain/topics";
import type { RawRecord } from "@/server/brokers";
import { normalizeDeadLetterHeaders } from "./normalize-headers";
import { deadLetterTopic, DLQ_TAIL_PER_PARTITION } from "./read-dead-letters";
import { previousClaim, RedriveInput, redriveHeaders, targetRefusal, type RedrivePlanItem, type RedriveResult } from "./redrive-common";
import { redriveFromQueue } from "./rabbit-redrive";
import { appendTo } from "@/server/lib/append-to";

export { RedriveInput };

export async function redrive(raw: z.input<typeof RedriveInput>, actor: Actor): Promise<RedriveResult> {
  const input = parseInput(RedriveInput, raw);
  const topic = await deadLetterTopic(input.topicId);
  authorize(actor, "records:read", { what: `topic "${topic.name}"`, owner: topic.ownerTeam });
  const { broker } = topic.cluster;
  if (!broker.canRedrive)
    throw new DomainError(
      "INVALID_INPUT",
      `redrive is not available for ${broker.kind} queues: read the letters here, republish with the broker's tools`,
    );
  if (broker.moveMessages) return redriveFromQueue(topic, input, actor);
  const wanted = new Set(input.records.map((r) => `${r.partition}/${r.offset}`));
  // The selection comes from the page, which shows the newest records: read the same window.
  const records = new Map((await broker.readTail(topic, DLQ_TAIL_PER_PARTITION)).map((r) => [`${r.partition}/${r.offset}`, r]));
  const done = new Map((await db.redrive.findMany({ where: { dlqTopicId: topic.id } })).map((r) => [`${r.partition}/${r.offset}`, r]));
  const names = [...records.values()].map((r) => normalizeDeadLetterHeaders(r.headers).originalTopic).filter((t): t is string => !!t);
  const targets = new Map((await listTopicRefs({ clusterIds: [topic.clusterId], names: [...new Set(names)] })).map((t) => [t.name, t]));
  const refusal = (name: string) => targetRefusal(actor, targets.get(name), name, { noun: "topic", connection: topic.cluster.name });

  const plan: (RedrivePlanItem & { record?: RawRecord })[] = [...wanted].map((k) => {
    const [partition, offset] = k.split("/") as [string, string];
    const base = { partition: Number(partition), offset, targetTopic: null as string | null };
    const record = records.get(k);
    if (!record) return { ...base, skipped: `not among the newest ${DLQ_TAIL_PER_PARTITION} records of its partition` };
    const info = normalizeDeadLetterHeaders(record.headers);
    const previous = done.get(k);
    if (previous) return { ...base, targetTopic: previous.targetTopic, skipped: previousClaim(previous) };
    if (!info.originalTopic) return { ...base, skipped: "no original topic in its headers" };
    if (info.originalTopic === topic.name) return { ...base, targetTopic: info.originalTopic, skipped: "its original topic is this DLQ" };
    const refused = refusal(info.originalTopic);
    if (refused) return { ...base, targetTopic: info.originalTopic, skipped: refused };
    return { ...base, targetTopic: info.originalTopic, skipped: null, record };
  });
  const summary = (items: typeof plan) => items.map(({ record: _r, ...p }) => p);
  if (input.dryRun) return { dryRun: true, plan: summary(plan), sent: 0 };

  const batchId = randomUUID();
  const at = new Date().toISOString();
  const byTarget = new Map<string, typeof plan>();
  for (const p of plan) if (!p.skipped) appendTo(byTarget, p.targetTopic!, p);
  let sent = 0;
  for (const [target, items] of byTarget) {
    // Claim first: a concurrent or repeated redrive of the same record fails on the unique key here.
    const claimed = await db.redrive.createMany({
      data: items.map((p) => ({
        dlqTopicId: topic.id,
        partition: p.partition,
        offset: BigInt(p.offset),
        targetTopic: target,
        actor: actor.name,
      })),
      skipDuplicates: true,
    });
    if (claimed.count !== items.length)
      throw new DomainError("CONFLICT", "Some of these records were redriven meanwhile; run the dry run again");
    const claims = {
      dlqTopicId: topic.id,
      status: "sending",
      OR: items.map((p) => ({ partition: p.partition, offset: BigInt(p.offset) })),
    };
    try {
      await broker.produce(
        { namespace: "", name: target },
        items.map((p) => ({
          key: p.record!.key,
          value: p.record!.value,
          headers: redriveHeaders(p.record!.headers, { id: `${topic.name}/${p.partition}/${p.offset}`, batchId, actor: actor.name, at }),
        })),
      );
    } catch (error) {
      // The broker refused or did not answer: nothing was acknowledged, so the claims go and a later
      // redrive may send these records.
      await db.redrive.deleteMany({ where: claims });
      throw new DomainError(
        "CLUSTER_UNREACHABLE",
        `Could not produce into ${target}: ${(error as Error).message}; nothing was marked as redriven`,
      );
    }
    await db.$transaction(async (tx) => {
      await tx.redrive.updateMany({ where: claims, data: { status: "sent" } });
      await appendAudit(tx, actor, {
        action: "dead-letters.redrive",
        targetType: "topic",
        targetId: `${topic.clusterId}/${target}`,
        team: targets.get(target)?.ownerTeam,
        after: { from: topic.name, batchId, records: items.map((p) => `${p.partition}/${p.offset}`) },
      });
    });
    sent += items.length;
  }
  return { dryRun: false, plan: summary(plan), sent };
}
