// Producing into a topic from the console or the API: one message (a new one, or an existing one
// re-produced after editing), or many from a JSONL file with a dry run first. A value (and key) may
// be encoded with a subject's schema in Confluent framing; without a subject it is sent as the text
// typed. Only the topic's owner team's editors (or anyone's for an unowned topic) may produce, every
// send is audited (where it landed, sizes and schema ids; not the payloads), and a batch is sent only
// when every line of it is valid.
import { z } from "zod";
import { appendAudit } from "@/server/domain/audit";
import { clusterConnection } from "@/server/domain/connections";
import { authorize, type Actor } from "@/server/domain/identity";
import { encodeWithSubject } from "@/server/domain/schemas";
import { db } from "@/server/db";
import { DomainError, parseInput } from "@/server/errors";
import type { Landed, OutgoingRecord } from "@/server/brokers";
import type { TopicRef } from "@/server/domain/topics";
import { findTopic, type TopicAddress } from "@/server/domain/topics";

export const MessageToProduce = z.object({
  key: z.string().max(100_000).nullable().optional(),
  /** JSON text when a subject encodes it; otherwise the bytes to send, as UTF-8 text */
  value: z.string().max(1_000_000).nullable(),
  valueSubject: z.string().max(300).optional(),
  keySubject: z.string().max(300).optional(),
  /** Protobuf: which message of the subject's file (default: its first) */
  valueMessage: z.string().max(300).optional(),
  headers: z
    .array(z.object({ name: z.string().min(1).max(256), value: z.string().max(100_000) }))
    .max(100)
    .default([]),
  partition: z.number().int().min(0).max(100_000).optional(),
});
export type MessageToProduce = z.input<typeof MessageToProduce>;

export const ProduceBatch = z.object({
  messages: z.array(MessageToProduce).min(1, "nothing to produce").max(10_000, "at most 10,000 messages at a time"),
  dryRun: z.boolean().default(true),
});

type Prepared = { record: OutgoingRecord; schemaIds: number[] };

async function encodePart(text: string | null | undefined, subject: string | undefined, what: string, message?: string) {
  if (text === null || text === undefined) return { bytes: null, schemaId: null };
  if (!subject) return { bytes: Buffer.from(text, "utf8"), schemaId: null };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new DomainError("INVALID_INPUT", `The ${what} is not JSON (${(e as Error).message}); a schema encodes JSON`);
  }
  const encoded = await encodeWithSubject(subject, parsed, { message });
  return { bytes: encoded.bytes, schemaId: encoded.schemaId };
}

async function prepare(m: z.output<typeof MessageToProduce>, partitions: number): Promise<Prepared> {
  if (m.partition !== undefined && m.partition >= partitions)
    throw new DomainError("INVALID_INPUT", `The topic has partitions 0 to ${partitions - 1}, not ${m.partition}`);
  const [key, value] = [await encodePart(m.key, m.keySubject, "key"), await encodePart(m.value, m.valueSubject, "value", m.valueMessage)];
  return {
    record: {
      key: key.bytes,
      value: value.bytes,
      headers: Object.fromEntries(m.headers.map((h) => [h.name, h.value])),
      partition: m.partition,
    },
    schemaIds: [key.schemaId, value.schemaId].filter((x): x is number => x !== null),
  };
}

async function producible(actor: Actor, address: TopicAddress) {
  const topic = await findTopic(address);
  authorize(actor, "records:produce", { what: `topic "${topic.name}"`, owner: topic.ownerTeam });
  if (topic.internal) throw new DomainError("FORBIDDEN", `${topic.name} is internal to Kafka: Eventplane does not produce into it`);
  if (topic.kind !== "topic") throw new DomainError("INVALID_INPUT", "Producing from Eventplane is for Kafka topics");
  return { topic, cluster: await clusterConnection(topic.clusterId) };
}

export async function produceMessages(actor: Actor, address: TopicAddress, raw: z.input<typeof ProduceBatch>) {
  const input = parseInput(ProduceBatch, raw);
  const { topic, cluster } = await producible(actor, address);
  const prepared: Prepared[] = [];
  const problems: { line: number; error: string }[] = [];
  for (const [i, m] of input.messages.entries()) {
    try {
      prepared.push(await prepare(m, topic.partitionCount));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      problems.push({ line: i + 1, error: error.message });
    }
  }
  const summary = { messages: input.messages.length, valid: prepared.length, problems: problems.slice(0, 100) };
  if (input.dryRun || problems.length) return { ...summary, dryRun: input.dryRun, sent: 0, landed: [] as Landed[] };
  return { ...summary, dryRun: false, sent: prepared.length, landed: await send(actor, topic, cluster, prepared) };
}

/** One message: where it landed, or why it was refused. */
export async function produceMessage(actor: Actor, address: TopicAddress, message: MessageToProduce) {
  const { topic, cluster } = await producible(actor, address);
  const prepared = await prepare(parseInput(MessageToProduce, message), topic.partitionCount);
  const [landed] = await send(actor, topic, cluster, [prepared]);
  return { partition: landed?.partition ?? null, offset: landed?.offset ?? null };
}

async function send(
  actor: Actor,
  topic: TopicRef,
  cluster: Awaited<ReturnType<typeof clusterConnection>>,
  prepared: Prepared[],
): Promise<Landed[]> {
  const landed = await cluster.broker
    .produce(
      topic,
      prepared.map((p) => p.record),
      1_000,
    )
    .catch((e: Error) => {
      throw new DomainError("CLUSTER_UNREACHABLE", `Could not produce into ${topic.name} on ${cluster.name}: ${e.message}`);
    });
  await db.$transaction((tx) =>
    appendAudit(tx, actor, {
      action: "records.produce",
      targetType: "topic",
      targetId: `${topic.clusterId}/${topic.name}`,
      team: topic.ownerTeam,
      after: {
        messages: prepared.length,
        bytes: prepared.reduce((n, p) => n + (p.record.value?.length ?? 0) + (p.record.key?.length ?? 0), 0),
        schemaIds: [...new Set(prepared.flatMap((p) => p.schemaIds))],
        landed: (landed ?? []).slice(0, 20),
      },
    }),
  );
  return landed ?? [];
}
