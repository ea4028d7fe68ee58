// JetStream redrive: a message a consumer gave up on is still in its stream; redriving republishes
// it (read by its sequence) to the subject it was first published on, so the stream stores it again
// at a new sequence and its consumers deliver it afresh. Every consumer whose filter takes that
// subject receives it again, not only the one that gave up: the dry run says so.
//
// The republished message carries Nats-Msg-Id "eventplane-redrive:<stream>:<sequence>": within the
// stream's duplicate window the server itself drops a second copy, beside our claim per sequence.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { appendAudit } from "@/server/domain/audit";
import { authorize, type Actor } from "@/server/domain/identity";
import { clusterConnection } from "@/server/domain/connections";
import { listTopicRefs } from "@/server/domain/topics";
import { db } from "@/server/db";
import { DomainError, parseInput } from "@/server/errors";
import type { OutgoingRecord } from "@/server/brokers";
import { previousClaim, redriveHeaders, targetRefusal, type RedrivePlanItem, type RedriveResult } from "./redrive-common";
import { appendTo } from "@/server/lib/append-to";

export const JetStreamRedriveInput = z.object({
  eventIds: z
    .array(z.string().regex(/^\d{1,18}$/, "not a dead-letter id"))
    .min(1, "select at least one dead letter")
    .max(1_000),
  dryRun: z.boolean().default(true),
});

/** JetStream's own headers describe the first publish (its id, expectations, rollups): not repeated. */
const serverHeader = (name: string) => /^nats-/i.test(name);

export async function redriveJetStream(raw: z.input<typeof JetStreamRedriveInput>, actor: Actor): Promise<RedriveResult> {
  const input = parseInput(JetStreamRedriveInput, raw);
  const events = await db.deadLetterEvent.findMany({ where: { id: { in: input.eventIds.map(BigInt) } }, orderBy: { id: "asc" } });
  if (!events.length) throw new DomainError("NOT_FOUND", "none of these dead letters is recorded");
  const streams = new Map<string, typeof events>();
  for (const e of events) appendTo(streams, `${e.clusterId}\u001f${e.stream}`, e);

  const result: RedriveResult = { dryRun: input.dryRun, plan: [], sent: 0 };
  for (const group of streams.values()) {
    const { plan, sent } = await redriveStream(group, input.dryRun, actor);
    result.plan.push(...plan);
    result.sent += sent;
  }
  return result;
}

async function redriveStream(
  events: { id: bigint; clusterId: string; stream: string; consumer: string; streamSeq: bigint }[],
  dryRun: boolean,
  actor: Actor,
): Promise<{ plan: RedrivePlanItem[]; sent: number }> {
  const { clusterId, stream: name } = events[0]!;
  const cluster = await clusterConnection(clusterId);
  const stream = (await listTopicRefs({ clusterIds: [clusterId], names: [name] })).find((t) => t.kind === "stream");
  if (!stream) throw new DomainError("NOT_FOUND", `stream "${name}" is not in the catalog of ${cluster.name}`);
  authorize(actor, "records:read", { what: `stream "${name}"`, owner: stream.ownerTeam });
  const refused = targetRefusal(actor, { ...stream, deadLetter: false }, name, { noun: "stream", connection: cluster.name });
  const claims = new Map(
    (await db.redrive.findMany({ where: { dlqTopicId: stream.id, messageId: "" } })).map((c) => [String(c.offset), c]),
  );

  // One plan item per message: two consumers giving up on the same sequence is still one message.
  const bySeq = new Map<string, typeof events>();
  for (const e of events) appendTo(bySeq, String(e.streamSeq), e);
  const plan: (RedrivePlanItem & { out?: OutgoingRecord; subject?: string })[] = [];
  for (const [seq, same] of bySeq) {
    const base = { partition: 0, offset: seq, id: String(same[0]!.id), targetTopic: null as string | null };
    const previous = claims.get(seq);
    if (previous) {
      plan.push({ ...base, targetTopic: previous.targetTopic, skipped: previousClaim(previous) });
      continue;
    }
    if (refused) {
      plan.push({ ...base, skipped: refused });
      continue;
    }
    const read = await cluster.broker.readRecord(stream, 0, seq).catch((e: Error) => {
      throw new DomainError("CLUSTER_UNREACHABLE", `Could not read ${name} from ${cluster.name}: ${e.message}`);
    });
    if (read.status !== "ok") {
      plan.push({ ...base, skipped: `sequence ${seq} is no longer in the stream (its retention removed it)` });
      continue;
    }
    const subject = read.record.key!.toString("utf8");
    const mark = { id: `${name}/${seq}`, batchId: "", actor: actor.name, at: "" };
    plan.push({
      ...base,
      targetTopic: subject,
      skipped: null,
      note: `every consumer of ${name} whose filter takes ${subject} receives it again (gave up: ${same.map((e) => e.consumer).join(", ")})`,
      subject,
      out: { key: null, value: read.record.value, headers: redriveHeaders(read.record.headers, mark, serverHeader) },
    });
  }
  const summary = plan.map(({ out: _o, subject: _s, ...p }) => p);
  const go = plan.filter((p) => p.out);
  if (dryRun || !go.length) return { plan: summary, sent: 0 };

  await db.$transaction(async (tx) => {
    const claimed = await tx.redrive.createMany({
      data: go.map((p) => ({ dlqTopicId: stream.id, partition: 0, offset: BigInt(p.offset), targetTopic: p.subject!, actor: actor.name })),
      skipDuplicates: true,
    });
    // Throwing rolls this call's claims back: a concurrent redrive of the same message holds it.
    if (claimed.count !== go.length)
      throw new DomainError("CONFLICT", "Some of these dead letters were redriven meanwhile; run the dry run again");
  });
  const claimsOf = (seqs: string[]) => ({ dlqTopicId: stream.id, messageId: "", status: "sending", offset: { in: seqs.map(BigInt) } });
  const batchId = randomUUID();
  const at = new Date().toISOString();
  const done: string[] = [];
  let failure: Error | null = null;
  for (const p of go) {
    const headers: OutgoingRecord["headers"] = {
      ...p.out!.headers,
      "x-redrive-batch": batchId,
      "x-redrive-at": at,
      "Nats-Msg-Id": `eventplane-redrive:${name}:${p.offset}`,
    };
    try {
      await cluster.broker.produce({ namespace: "", name: p.subject! }, [{ ...p.out!, headers }]);
      done.push(p.offset);
    } catch (error) {
      failure = error as Error;
      break;
    }
  }
  // What the stream acknowledged is sent; what it did not may be sent again later.
  await db.redrive.deleteMany({ where: claimsOf(go.map((p) => p.offset).filter((s) => !done.includes(s))) });
  if (done.length)
    await db.$transaction(async (tx) => {
      await tx.redrive.updateMany({ where: claimsOf(done), data: { status: "sent" } });
      await appendAudit(tx, actor, {
        action: "dead-letters.redrive",
        targetType: "stream",
        targetId: `${clusterId}/${name}`,
        team: stream.ownerTeam,
        after: { from: name, batchId, sequences: done },
      });
    });
  if (failure)
    throw new DomainError(
      "CLUSTER_UNREACHABLE",
      `Could not republish into ${name} after ${done.length} message(s): ${failure.message}; the rest were not marked as redriven`,
    );
  return { plan: summary, sent: done.length };
}
