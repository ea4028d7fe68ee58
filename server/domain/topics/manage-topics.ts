// Topics made, changed and deleted from Eventplane (Kafka), under the policy admins set: a refused
// change names the rule that refused it. Creating needs the right to own the topic for its team (an
// editor for their own teams, or unowned ones while the policy does not require an owner); changing
// and deleting need the right to change the topic. Every change is audited.
import { z } from "zod";
import { appendAudit, audited } from "@/server/domain/audit";
import { clusterConnection, listClusterRefs } from "@/server/domain/connections";
import { authorize, type Actor } from "@/server/domain/identity";
import { enforceTopicPolicy, topicViolations, type Violation } from "@/server/domain/policies";
import { db } from "@/server/db";
import { DomainError, parseInput } from "@/server/errors";
import { getTopicRef } from "./topic-refs";

// Kafka's own rule for names: letters, digits, '.', '_' and '-', at most 249 characters.
const TopicName = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._-]{1,249}$/, "a topic name is 1 to 249 letters, digits, '.', '_' or '-'")
  .refine((n) => n !== "." && n !== "..", "a topic cannot be named . or ..");
const ConfigName = z.string().regex(/^[a-z0-9.]{1,100}$/, "not a topic config name");
const ConfigValue = z.string().max(10_000);

export const CreateTopicInput = z.object({
  clusterId: z.string().uuid(),
  name: TopicName,
  partitions: z.number().int().min(1).max(10_000),
  replicationFactor: z.number().int().min(1).max(10),
  configs: z.record(ConfigName, ConfigValue).default({}),
  ownerTeam: z.string().trim().max(100).nullable().optional(),
});

export const TopicPolicyCheckInput = z.object({
  /** the connection's name, as the REST API names clusters */
  cluster: z.string().min(1).max(200),
  name: TopicName,
  partitions: z.number().int().min(1).max(10_000).optional(),
  replicationFactor: z.number().int().min(1).max(10).optional(),
  configs: z.record(ConfigName, ConfigValue).default({}),
  ownerTeam: z.string().trim().max(100).nullable().optional(),
});

/** The rules a proposed topic would break, without creating it (what CI pipelines ask before a deploy). */
export async function checkTopicPolicy(raw: z.input<typeof TopicPolicyCheckInput>): Promise<Violation[]> {
  const input = parseInput(TopicPolicyCheckInput, raw);
  if (!(await listClusterRefs()).some((c) => c.name === input.cluster))
    throw new DomainError("NOT_FOUND", `No connection is named "${input.cluster}"`);
  return topicViolations(input);
}

export const ChangeConfigsInput = z.object({
  topicId: z.string().uuid(),
  /** names to set (new values) */
  set: z.record(ConfigName, ConfigValue).default({}),
  /** names to return to the broker's default */
  reset: z.array(ConfigName).max(200).default([]),
  dryRun: z.boolean().default(true),
});

async function kafkaTopicAdmin(clusterId: string) {
  const cluster = await clusterConnection(clusterId);
  if (!cluster.broker.topicAdmin)
    throw new DomainError("INVALID_INPUT", `Eventplane manages Kafka topics only; this connection is ${cluster.broker.kind}`);
  return { cluster, admin: cluster.broker.topicAdmin };
}

const unreachable = (name: string) => (e: Error) => {
  throw new DomainError("CLUSTER_UNREACHABLE", `${name} answered: ${e.message}`);
};

export async function createTopic(actor: Actor, raw: z.input<typeof CreateTopicInput>) {
  const input = parseInput(CreateTopicInput, raw);
  const ownerTeam = input.ownerTeam || null;
  authorize(actor, "write", { what: `a topic for ${ownerTeam ? `team ${ownerTeam}` : "no team"}`, owner: ownerTeam });
  if (ownerTeam && actor.role !== "admin" && !actor.teams.includes(ownerTeam))
    throw new DomainError("FORBIDDEN", `${actor.name} may create topics for their own teams only, not ${ownerTeam}`);
  await enforceTopicPolicy({ ...input, ownerTeam });
  const { cluster, admin } = await kafkaTopicAdmin(input.clusterId);
  await admin
    .create({ name: input.name, partitions: input.partitions, replicationFactor: input.replicationFactor, configs: input.configs })
    .catch(unreachable(cluster.name));
  // In the catalog at once, with its owner; the next sync fills in partitions and offsets.
  return audited(
    actor,
    (tx) =>
      tx.topic.upsert({
        where: { clusterId_namespace_name: { clusterId: input.clusterId, namespace: "", name: input.name } },
        create: {
          clusterId: input.clusterId,
          // Every key of the where in create too: Prisma then upserts with INSERT … ON CONFLICT, which
          // waits for the catalog sync inserting the same new topic, instead of read-then-insert.
          namespace: "",
          name: input.name,
          partitionCount: input.partitions,
          replicationFactor: input.replicationFactor,
          lastSeenAt: new Date(),
          ownerTeam,
        },
        update: {
          deletedAt: null,
          partitionCount: input.partitions,
          replicationFactor: input.replicationFactor,
          ownerTeam,
          lastSeenAt: new Date(),
        },
      }),
    (t) => ({ action: "topic.create", targetType: "topic", targetId: t.id, team: ownerTeam, after: { cluster: cluster.name, ...input } }),
  );
}

async function changeable(actor: Actor, topicId: string) {
  const topic = await getTopicRef(topicId);
  authorize(actor, "write", { what: `topic "${topic.name}"`, owner: topic.ownerTeam });
  if (topic.internal) throw new DomainError("FORBIDDEN", `${topic.name} is internal to Kafka: Eventplane does not change it`);
  if (topic.deletedAt) throw new DomainError("NOT_FOUND", `${topic.name} was deleted`);
  return { topic, ...(await kafkaTopicAdmin(topic.clusterId)) };
}

export async function deleteTopic(actor: Actor, input: { topicId: string; confirmName: string }) {
  const { topic, cluster, admin } = await changeable(actor, input.topicId);
  if (input.confirmName !== topic.name) throw new DomainError("INVALID_INPUT", `Type the topic's name, ${topic.name}, to delete it`);
  await admin.remove(topic.name).catch(unreachable(cluster.name));
  await audited(
    actor,
    (tx) => tx.topic.update({ where: { id: topic.id }, data: { deletedAt: new Date() } }),
    () => ({
      action: "topic.delete",
      targetType: "topic",
      targetId: topic.id,
      team: topic.ownerTeam,
      before: { cluster: cluster.name, name: topic.name, partitions: topic.partitionCount },
    }),
  );
}

export async function addPartitions(actor: Actor, input: { topicId: string; partitions: number }) {
  const { topic, cluster, admin } = await changeable(actor, input.topicId);
  if (!Number.isInteger(input.partitions) || input.partitions <= topic.partitionCount)
    throw new DomainError(
      "INVALID_INPUT",
      `${topic.name} has ${topic.partitionCount} partitions: Kafka only adds partitions, so ask for more`,
    );
  await enforceTopicPolicy({ name: topic.name, partitions: input.partitions });
  await admin.addPartitions(topic.name, input.partitions).catch(unreachable(cluster.name));
  await audited(
    actor,
    (tx) => tx.topic.update({ where: { id: topic.id }, data: { partitionCount: input.partitions } }),
    () => ({
      action: "topic.partitions",
      targetType: "topic",
      targetId: topic.id,
      team: topic.ownerTeam,
      before: { partitions: topic.partitionCount },
      after: { partitions: input.partitions },
    }),
  );
  return { from: topic.partitionCount, to: input.partitions };
}

/** A config change: its diff first (dry run), applied when asked. */
export async function changeTopicConfigs(actor: Actor, raw: z.input<typeof ChangeConfigsInput>) {
  const input = parseInput(ChangeConfigsInput, raw);
  const { topic, cluster, admin } = await changeable(actor, input.topicId);
  const before = await admin.overrides(topic.name).catch(unreachable(cluster.name));
  const after: Record<string, string> = { ...before, ...input.set };
  for (const name of input.reset) delete after[name];
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const diff = names.filter((n) => before[n] !== after[n]).map((n) => ({ name: n, from: before[n] ?? null, to: after[n] ?? null }));
  const changed = Object.fromEntries(diff.map((d) => [d.name, d.to]));
  if (!diff.length) return { dryRun: input.dryRun, applied: false, diff };
  await enforceTopicPolicy({ name: topic.name, configs: changed });
  if (input.dryRun) return { dryRun: true, applied: false, diff };
  await admin.replaceOverrides(topic.name, after).catch(unreachable(cluster.name));
  await db.$transaction((tx) =>
    appendAudit(tx, actor, {
      action: "topic.configs",
      targetType: "topic",
      targetId: topic.id,
      team: topic.ownerTeam,
      before: { configs: before },
      after: { configs: after },
    }),
  );
  return { dryRun: false, applied: true, diff };
}
