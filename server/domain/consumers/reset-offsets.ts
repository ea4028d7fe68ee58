// Moving a Kafka consumer group's committed offsets on one topic, as kafka-consumer-groups.sh
// --reset-offsets does: to the earliest or latest offset, to the first record at a time, to an offset,
// or shifted by N; every partition of the topic or chosen ones. New offsets are clamped to what the
// log holds (as the tool does). A dry run answers the table (current → new, lag before → after);
// applying it is refused, with the reason, while the group has running members (Kafka's rule), and
// needs the right to change the topic (its owner team's editors, or anyone's for an unowned topic).
import { z } from "zod";
import { appendAudit } from "@/server/domain/audit";
import { clusterConnection } from "@/server/domain/connections";
import { authorize, type Actor } from "@/server/domain/identity";
import { findTopic, type TopicRef } from "@/server/domain/topics";
import { db } from "@/server/db";
import { DomainError, parseInput } from "@/server/errors";

/** What a caller sends about the move itself (the REST API's body). */
export const ResetOffsetsRequest = z.object({
  topic: z.string().min(1).max(1_000),
  to: z.enum(["earliest", "latest", "timestamp", "offset", "shift"]),
  /** timestamp: ISO 8601; offset: a whole number; shift: a whole number, negative goes back */
  value: z.union([z.string().max(100), z.number()]).optional(),
  partitions: z.array(z.number().int().min(0).max(100_000)).max(10_000).optional(),
  dryRun: z.boolean().default(true),
});

export const ResetOffsetsInput = ResetOffsetsRequest.extend({
  /** the UI names the cluster by id, the REST API by name */
  clusterId: z.string().uuid().optional(),
  cluster: z.string().max(200).optional(),
  group: z.string().min(1).max(1_000),
}).refine((v) => v.clusterId || v.cluster, "Name the cluster");

export type ResetRow = { partition: number; current: string | null; next: string; lagBefore: string | null; lagAfter: string };

export interface ResetPlan {
  group: string;
  topic: string;
  state: string;
  members: number;
  dryRun: boolean;
  applied: boolean;
  /** why applying it would be refused (running members), or null */
  refusal: string | null;
  partitions: ResetRow[];
}

async function topicOf(input: z.output<typeof ResetOffsetsInput>): Promise<TopicRef> {
  return findTopic(input.clusterId ? { clusterId: input.clusterId, topic: input.topic } : { cluster: input.cluster!, topic: input.topic });
}

function wholeNumber(value: string | number | undefined, what: string): bigint {
  const text = String(value ?? "").trim();
  if (!/^-?\d{1,19}$/.test(text)) throw new DomainError("INVALID_INPUT", `${what} is a whole number`);
  return BigInt(text);
}

export async function resetOffsets(raw: z.input<typeof ResetOffsetsInput>, actor: Actor): Promise<ResetPlan> {
  const input = parseInput(ResetOffsetsInput, raw);
  const topic = await topicOf(input);
  authorize(actor, "write", { what: `the offsets of group "${input.group}" on topic "${topic.name}"`, owner: topic.ownerTeam });
  const cluster = await clusterConnection(topic.clusterId);
  const ops = cluster.broker.groupOffsets;
  if (!ops) throw new DomainError("INVALID_INPUT", `${cluster.broker.kind} has no committed consumer offsets to reset`);
  const reach = <T>(p: Promise<T>) =>
    p.catch((e: Error) => {
      throw new DomainError("CLUSTER_UNREACHABLE", `Could not reach ${cluster.name}: ${e.message}`);
    });
  const position = await reach(ops.read(input.group, topic.name));
  const chosen = input.partitions ? new Set(input.partitions) : null;
  const missing = input.partitions?.filter((p) => !position.partitions.some((x) => x.partition === p)) ?? [];
  if (missing.length) throw new DomainError("INVALID_INPUT", `${topic.name} has no partition ${missing.join(", ")}`);
  const parts = position.partitions.filter((p) => !chosen || chosen.has(p.partition));

  let target: (p: (typeof parts)[number]) => bigint;
  if (input.to === "earliest") target = (p) => p.low;
  else if (input.to === "latest") target = (p) => p.high;
  else if (input.to === "offset") {
    const n = wholeNumber(input.value, "The offset");
    target = () => n;
  } else if (input.to === "shift") {
    const n = wholeNumber(input.value, "The shift");
    const without = parts.filter((p) => p.committed === null).map((p) => p.partition);
    if (without.length)
      throw new DomainError("INVALID_INPUT", `Cannot shift partition ${without.join(", ")}: the group has no committed offset there`);
    target = (p) => p.committed! + n;
  } else {
    const at = Date.parse(String(input.value ?? ""));
    if (Number.isNaN(at)) throw new DomainError("INVALID_INPUT", "The time is ISO 8601, e.g. 2026-11-30T10:00:00Z");
    const found = await reach(ops.atTime(topic.name, at));
    target = (p) => found.get(p.partition) ?? p.high;
  }
  const rows: ResetRow[] = parts.map((p) => {
    const wanted = target(p);
    // Like the tool: below the log start is the log start, past the end is the end.
    const next = wanted < p.low ? p.low : wanted > p.high ? p.high : wanted;
    return {
      partition: p.partition,
      current: p.committed === null ? null : p.committed.toString(),
      next: next.toString(),
      lagBefore: p.committed === null ? null : (p.high - p.committed).toString(),
      lagAfter: (p.high - next).toString(),
    };
  });
  const refusal = position.members
    ? `Group "${input.group}" has ${position.members} running member(s) (state ${position.state}): Kafka moves the offsets of a group with no running consumers only; stop them first`
    : null;
  const plan = { group: input.group, topic: topic.name, state: position.state, members: position.members, refusal, partitions: rows };
  if (input.dryRun) return { ...plan, dryRun: true, applied: false };
  if (refusal) throw new DomainError("CONFLICT", refusal);

  await reach(
    ops.commit(
      input.group,
      topic.name,
      rows.map((r) => ({ partition: r.partition, offset: BigInt(r.next) })),
    ),
  );
  await db.$transaction((tx) =>
    appendAudit(tx, actor, {
      action: "consumers.reset-offsets",
      targetType: "consumer-group",
      targetId: `${topic.clusterId}/${input.group}`,
      team: topic.ownerTeam,
      before: { topic: topic.name, offsets: Object.fromEntries(rows.map((r) => [r.partition, r.current])) },
      after: {
        topic: topic.name,
        to: input.to,
        value: input.value ?? null,
        offsets: Object.fromEntries(rows.map((r) => [r.partition, r.next])),
      },
    }),
  );
  return { ...plan, dryRun: false, applied: true };
}
