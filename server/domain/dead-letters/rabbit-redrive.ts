// RabbitMQ redrive: a dead letter goes back to the queue it died in (the newest x-death entry),
// through the default exchange, so only that queue's consumers see it again: publishing to the
// original exchange would deliver it once more to every other queue bound there, whose consumers
// already handled it. The letter is taken off the DLQ only after the target confirmed it.
//
// A queue has no stable positions, so letters are named by their identity (content digest). Claims:
// "sending" before the move, "moved" once confirmed and taken off the DLQ. A letter whose claim is
// still "sending" or "sent" (the move stopped midway) is not offered again; an identical letter that
// arrives after a completed move is a new one (redriven letters carry x-redrive-batch, so a letter
// that fails again after a redrive never looks like its earlier self).
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { appendAudit } from "@/server/domain/audit";
import { type Actor } from "@/server/domain/identity";
import { db } from "@/server/db";
import { DomainError } from "@/server/errors";
import { listTopicRefs } from "@/server/domain/topics";
import { MoveInterrupted, type MovePick } from "@/server/brokers/rabbitmq";
import type { RawRecord } from "@/server/brokers";
import { normalizeDeadLetterHeaders } from "./normalize-headers";
import { DLQ_TAIL_PER_PARTITION, type deadLetterTopic } from "./read-dead-letters";
import {
  previousClaim,
  redriveHeaders,
  targetRefusal,
  type RedriveInput,
  type RedrivePlanItem,
  type RedriveResult,
} from "./redrive-common";
import { appendTo } from "@/server/lib/append-to";

type Queue = Awaited<ReturnType<typeof deadLetterTopic>>;

/** Claims on this DLQ's letters that still hold them back: a move that did not finish. */
export async function openQueueClaims(dlqTopicId: string) {
  const rows = await db.redrive.findMany({ where: { dlqTopicId, messageId: { not: "" } } });
  return new Map(rows.map((r) => [r.messageId, r]));
}

export async function redriveFromQueue(dlq: Queue, input: z.output<typeof RedriveInput>, actor: Actor): Promise<RedriveResult> {
  const broker = dlq.cluster.broker;
  const letters = new Map((await broker.readTail(dlq, DLQ_TAIL_PER_PARTITION)).map((r) => [r.id!, r]));
  const claims = await openQueueClaims(dlq.id);
  const queues = await listTopicRefs({
    clusterIds: [dlq.clusterId],
    names: [
      ...new Set([...letters.values()].map((r) => normalizeDeadLetterHeaders(r.headers).originalTopic).filter((t) => !!t)),
    ] as string[],
  });
  const targets = new Map(queues.filter((q) => q.kind === "queue" && q.namespace === dlq.namespace).map((q) => [q.name, q]));
  const where = { noun: "queue", connection: `${dlq.cluster.name} (vhost ${dlq.namespace || "/"})` };

  const plan: (RedrivePlanItem & { record?: RawRecord })[] = input.records.map((wanted) => {
    const base = { partition: 0, offset: wanted.offset, id: wanted.id, targetTopic: null as string | null };
    const record = wanted.id ? letters.get(wanted.id) : undefined;
    if (!record) return { ...base, skipped: `no longer among the first ${DLQ_TAIL_PER_PARTITION} letters of the queue` };
    const info = normalizeDeadLetterHeaders(record.headers);
    const previous = claims.get(record.id!);
    if (previous && previous.status !== "moved") return { ...base, targetTopic: previous.targetTopic, skipped: previousClaim(previous) };
    if (!info.originalTopic) return { ...base, skipped: "no x-death header naming the queue it died in" };
    if (info.originalTopic === dlq.name) return { ...base, targetTopic: info.originalTopic, skipped: "it died in this queue itself" };
    const refused = targetRefusal(actor, targets.get(info.originalTopic), info.originalTopic, where);
    return { ...base, targetTopic: info.originalTopic, skipped: refused, record: refused ? undefined : record };
  });
  const summary = plan.map(({ record: _r, ...p }) => p);
  if (input.dryRun) return { dryRun: true, plan: summary, sent: 0 };

  const go = plan.filter((p) => p.record);
  const ids = go.map((p) => p.id!);
  await claim(dlq.id, go, actor);
  const batchId = randomUUID();
  const at = new Date().toISOString();
  const picks = new Map(go.map((p) => [p.id!, p]));
  const pick = (r: RawRecord): MovePick | null => {
    const p = picks.get(r.id!);
    if (!p) return null;
    const mark = { id: `${dlq.namespace || "/"}/${dlq.name}/${r.id}`, batchId, actor: actor.name, at };
    const headers = redriveHeaders(r.headers, mark);
    // The letter reaches its queue by name; the routing key it first had stays readable.
    headers["x-redrive-routing-key"] = r.key?.toString("utf8") ?? "";
    return { queue: p.targetTopic!, headers };
  };

  let moved: string[];
  let returned: string[] = [];
  try {
    ({ moved, returned } = await broker.moveMessages!(dlq, DLQ_TAIL_PER_PARTITION, pick));
  } catch (error) {
    if (!(error instanceof MoveInterrupted)) {
      await release(dlq.id, ids);
      throw new DomainError(
        "CLUSTER_UNREACHABLE",
        `Could not move letters out of ${dlq.name}: ${(error as Error).message}; nothing was moved`,
      );
    }
    // The confirmed ones reached their queue but may still sit in the DLQ: "sent" keeps them from
    // being offered again; the one on its way stays "sending" (unknown); the rest were not touched.
    await db.redrive.updateMany({ where: { dlqTopicId: dlq.id, messageId: { in: error.confirmed } }, data: { status: "sent" } });
    await release(
      dlq.id,
      ids.filter((id) => !error.confirmed.includes(id) && id !== error.inFlight),
    );
    await audit(dlq, actor, batchId, error.confirmed, picks);
    throw new DomainError(
      "CLUSTER_UNREACHABLE",
      `The move out of ${dlq.name} stopped after ${error.confirmed.length} letter(s): ${error.message}. Those are marked as sent; check the DLQ before sending any again`,
    );
  }
  const gone = new Set([...moved, ...returned]);
  await release(dlq.id, [...returned, ...ids.filter((id) => !gone.has(id))]);
  await db.redrive.updateMany({ where: { dlqTopicId: dlq.id, messageId: { in: moved } }, data: { status: "moved" } });
  await audit(dlq, actor, batchId, moved, picks);
  const movedSet = new Set(moved);
  const returnedSet = new Set(returned);
  return {
    dryRun: false,
    plan: summary.map((p) =>
      p.skipped || movedSet.has(p.id!)
        ? p
        : {
            ...p,
            skipped: returnedSet.has(p.id!)
              ? `the broker returned it: queue "${p.targetTopic}" no longer exists; it stays in the DLQ`
              : "it left the head of the queue before the move reached it",
          },
    ),
    sent: moved.length,
  };
}

/** Claims every letter first: a concurrent redrive of the same letter fails here, not at the broker. */
async function claim(dlqTopicId: string, items: RedrivePlanItem[], actor: Actor): Promise<void> {
  await db.$transaction(async (tx) => {
    // An identical letter after a completed move is a new letter: its old claim is taken over.
    const again = await tx.redrive.updateMany({
      where: { dlqTopicId, status: "moved", messageId: { in: items.map((p) => p.id!) } },
      data: { status: "sending", actor: actor.name, at: new Date() },
    });
    const created = await tx.redrive.createMany({
      data: items.map((p) => ({ dlqTopicId, partition: 0, offset: 0n, messageId: p.id!, targetTopic: p.targetTopic!, actor: actor.name })),
      skipDuplicates: true,
    });
    // Throwing rolls the claims of this call back: nothing is held by a redrive that did not start.
    if (again.count + created.count !== items.length)
      throw new DomainError("CONFLICT", "Some of these letters are being redriven meanwhile; run the dry run again");
  });
}

async function release(dlqTopicId: string, ids: string[]): Promise<void> {
  if (ids.length) await db.redrive.deleteMany({ where: { dlqTopicId, status: "sending", messageId: { in: ids } } });
}

async function audit(dlq: Queue, actor: Actor, batchId: string, ids: string[], picks: Map<string, RedrivePlanItem>): Promise<void> {
  const byTarget = new Map<string, string[]>();
  for (const id of ids) {
    const t = picks.get(id)!.targetTopic!;
    appendTo(byTarget, t, id);
  }
  const refs = await listTopicRefs({ clusterIds: [dlq.clusterId], names: [...byTarget.keys()] });
  await db.$transaction(async (tx) => {
    for (const [target, letters] of byTarget)
      await appendAudit(tx, actor, {
        action: "dead-letters.redrive",
        targetType: "queue",
        targetId: `${dlq.clusterId}/${encodeURIComponent(dlq.namespace)}/${target}`,
        team: refs.find((r) => r.name === target && r.namespace === dlq.namespace)?.ownerTeam,
        after: { from: dlq.name, batchId, letters },
      });
  });
}
