// Clusters are the installation's: only admins add, change, test or remove them, each change audited
// (the audit redacts the encrypted password).
import { appendAudit } from "@/server/domain/audit";
import { authorize, type Actor } from "@/server/domain/identity";
import { db, Prisma } from "@/server/db";
import { DomainError, parseInput } from "@/server/errors";
import { encryptSecret } from "@/server/lib/secrets";
import { ClusterInput, UpdateClusterInput, type ParsedClusterInput } from "./cluster-contracts";
import { toTargetConnection } from "./cluster-connection";
import { BROKER_ADAPTERS } from "@/server/brokers";

function saslColumns(input: ParsedClusterInput, keepEncrypted: string | null) {
  if (input.saslMechanism === "none") return { saslMechanism: null, saslUsername: null, saslPasswordEnc: null };
  const password = input.saslPassword ? encryptSecret(input.saslPassword) : keepEncrypted;
  return { saslMechanism: input.saslMechanism, saslUsername: input.saslUsername?.trim() ?? null, saslPasswordEnc: password };
}

/** The stored shape of a connection's kind-specific settings. */
const kindColumns = (input: ParsedClusterInput) => ({
  kind: input.kind,
  options: input.kind === "rabbitmq" && input.amqpUrl ? { amqpUrl: input.amqpUrl } : {},
});

/** The stored row of a connection as entered; `secret`: the encrypted password to keep when none was typed. */
const columns = (input: ParsedClusterInput, secret: string | null) => ({
  name: input.name,
  bootstrapServers: input.bootstrapServers,
  clientId: input.clientId,
  tls: input.tls,
  ...kindColumns(input),
  ...saslColumns(input, secret),
});

function testSettings(input: ParsedClusterInput, storedEncrypted: string | null) {
  const target = toTargetConnection(
    { ...input, ...kindColumns(input), ...saslColumns(input, storedEncrypted) },
    input.saslPassword || undefined,
  );
  if (target.kind === "rabbitmq") return BROKER_ADAPTERS.rabbitmq.test(target.connection);
  if (target.kind === "nats") return BROKER_ADAPTERS.nats.test(target.connection);
  return BROKER_ADAPTERS.kafka.test(target.connection);
}

async function ensureReachable(input: ParsedClusterInput, storedEncrypted: string | null) {
  const result = await testSettings(input, storedEncrypted);
  if (!result.ok) throw new DomainError("CLUSTER_UNREACHABLE", result.error ?? "cluster unreachable");
}

export const ADMIN = { what: "clusters" };

/**
 * A stored SASL password is only ever sent where it was sent before: to the same bootstrap servers,
 * with the same mechanism and user, and still over TLS if it was. Any other change needs it typed
 * again; otherwise whoever may edit a cluster could point it at their own address and receive it.
 */
function reusableSecret(
  stored: {
    bootstrapServers: string[];
    saslMechanism: string | null;
    saslUsername: string | null;
    tls: boolean;
    saslPasswordEnc: string | null;
  } | null,
  input: ParsedClusterInput,
): string | null {
  if (!stored?.saslPasswordEnc || input.saslPassword) return null;
  const same =
    [...stored.bootstrapServers].sort().join(",") === [...input.bootstrapServers].sort().join(",") &&
    stored.saslMechanism === input.saslMechanism &&
    (stored.saslUsername ?? "") === (input.saslUsername?.trim() ?? "") &&
    (!stored.tls || input.tls);
  if (!same && input.saslMechanism !== "none")
    throw new DomainError(
      "INVALID_INPUT",
      "saslPassword: type the password again: the stored one is only sent to the same servers, mechanism and user, over TLS if it was",
    );
  return same ? stored.saslPasswordEnc : null;
}

export const auditView = (c: {
  name: string;
  kind?: string;
  bootstrapServers: string[];
  clientId: string;
  tls: boolean;
  saslMechanism: string | null;
  saslUsername: string | null;
}) => ({
  name: c.name,
  kind: c.kind ?? "kafka",
  bootstrapServers: c.bootstrapServers,
  clientId: c.clientId,
  tls: c.tls,
  saslMechanism: c.saslMechanism,
  saslUsername: c.saslUsername,
});

function rethrowUnique(e: unknown, name: string): never {
  if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
    throw new DomainError("CONFLICT", `a cluster named "${name}" already exists`);
  }
  throw e;
}

/** Saves a cluster only after it answered: nothing is stored for an address that does not work. */
export async function addCluster(actor: Actor, raw: ClusterInput): Promise<{ id: string }> {
  authorize(actor, "admin", ADMIN);
  const input = parseInput(ClusterInput, raw);
  await ensureReachable(input, null);
  try {
    const row = await db.$transaction(async (tx) => {
      const created = await tx.cluster.create({ data: columns(input, null) });
      await appendAudit(tx, actor, { action: "cluster.create", targetType: "cluster", targetId: created.id, after: auditView(created) });
      return created;
    });
    return { id: row.id };
  } catch (e) {
    rethrowUnique(e, input.name);
  }
}

export async function updateCluster(actor: Actor, raw: UpdateClusterInput): Promise<{ id: string }> {
  authorize(actor, "admin", ADMIN);
  const input = parseInput(UpdateClusterInput, raw);
  const existing = await db.cluster.findUnique({ where: { id: input.id } });
  if (!existing) throw new DomainError("NOT_FOUND", "cluster not found", { id: input.id });
  const keep = reusableSecret(existing, input);
  await ensureReachable(input, keep);
  try {
    await db.$transaction(async (tx) => {
      const after = await tx.cluster.update({ where: { id: input.id }, data: columns(input, keep) });
      await appendAudit(tx, actor, {
        action: "cluster.update",
        targetType: "cluster",
        targetId: input.id,
        before: auditView(existing),
        after: { ...auditView(after), passwordChanged: Boolean(input.saslPassword) },
      });
    });
  } catch (e) {
    rethrowUnique(e, input.name);
  }
  return { id: input.id };
}

/** Removes the cluster and everything synced from it (topics, groups); declared metadata goes too. */
export async function removeCluster(actor: Actor, id: string): Promise<void> {
  authorize(actor, "admin", ADMIN);
  const existing = await db.cluster.findUnique({ where: { id } });
  if (!existing) throw new DomainError("NOT_FOUND", "cluster not found", { id });
  await db.$transaction(async (tx) => {
    await tx.cluster.deleteMany({ where: { id } });
    await appendAudit(tx, actor, { action: "cluster.delete", targetType: "cluster", targetId: id, before: auditView(existing) });
  });
}

/** "Test connection" in the form: uses the stored password when editing and none was typed. */
export async function testClusterSettings(actor: Actor, raw: ClusterInput & { id?: string }) {
  authorize(actor, "admin", ADMIN);
  const input = parseInput(ClusterInput, raw);
  const stored =
    typeof raw.id === "string" && /^[0-9a-f-]{36}$/.test(raw.id) ? await db.cluster.findUnique({ where: { id: raw.id } }) : null;
  return testSettings(input, reusableSecret(stored, input));
}
