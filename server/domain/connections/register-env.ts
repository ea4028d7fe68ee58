// Connections named by the environment at startup (KAFKA_BROKERS, RABBITMQ_URL): registered or
// updated without a connection test (the broker may start after us; the collector reports it
// unreachable until it is up), audited as the system's changes.
import { appendAudit } from "@/server/domain/audit";
import { authorize, type Actor } from "@/server/domain/identity";
import { db } from "@/server/db";
import { DomainError } from "@/server/errors";
import { decryptSecret, encryptSecret } from "@/server/lib/secrets";
import { BootstrapServers, ManagementUrl, NatsServers } from "./cluster-contracts";
import { ADMIN, auditView } from "./manage-clusters";

const safeDecrypt = (s: string) => {
  try {
    return decryptSecret(s);
  } catch {
    return null;
  }
};

type EnvConnection = {
  kind: string;
  bootstrapServers: string[];
  options: { amqpUrl?: string };
  /** unset: kept as it is (KAFKA_BROKERS says nothing about TLS) */
  tls?: boolean;
  clientId?: string;
  source: "env";
  saslMechanism: string | null;
  saslUsername: string | null;
  saslPasswordEnc: string | null;
};

/** Creates or updates the named connection from the environment, audited as one change. */
async function upsertEnvConnection(actor: Actor, name: string, before: Parameters<typeof auditView>[0] | null, data: EnvConnection) {
  const row = await db.$transaction(async (tx) => {
    const after = await tx.cluster.upsert({ where: { name }, create: { name, ...data }, update: data });
    await appendAudit(tx, actor, {
      action: before ? "cluster.update" : "cluster.create",
      targetType: "cluster",
      targetId: after.id,
      before: before && auditView(before),
      after: auditView(after),
    });
    return after;
  });
  return { id: row.id };
}

/** KAFKA_BROKERS at startup: registers or updates the cluster named "local", without a connection test
 *  (the broker may start after us; the collector reports it unreachable until it is up). */
export async function registerEnvCluster(actor: Actor, brokers: string, clientId: string): Promise<{ id: string }> {
  authorize(actor, "admin", ADMIN);
  const parsed = BootstrapServers.safeParse(brokers);
  if (!parsed.success) throw new DomainError("INVALID_INPUT", `KAFKA_BROKERS: ${parsed.error.issues[0]?.message}`);
  const before = await db.cluster.findUnique({ where: { name: "local" } });
  if (before && before.source === "env" && before.clientId === clientId && before.bootstrapServers.join(",") === parsed.data.join(","))
    return { id: before.id };
  // KAFKA_BROKERS has no credentials: a stored password is not sent to the addresses it names.
  return upsertEnvConnection(actor, "local", before, {
    kind: "kafka",
    bootstrapServers: parsed.data,
    options: {},
    clientId,
    source: "env",
    saslMechanism: null,
    saslUsername: null,
    saslPasswordEnc: null,
  });
}

/** RABBITMQ_URL (the management API with credentials) at startup: the connection "local-rabbitmq". */
export async function registerEnvRabbit(actor: Actor, url: string, amqpUrl?: string): Promise<{ id: string }> {
  authorize(actor, "admin", ADMIN);
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new DomainError("INVALID_INPUT", "RABBITMQ_URL is not a URL (http://user:password@host:15672)");
  }
  const username = decodeURIComponent(u.username) || "guest";
  const password = u.username ? decodeURIComponent(u.password) : "guest";
  const origin = ManagementUrl.safeParse(u.origin);
  if (!origin.success) throw new DomainError("INVALID_INPUT", `RABBITMQ_URL: ${origin.error.issues[0]?.message}`);
  const name = "local-rabbitmq";
  const before = await db.cluster.findUnique({ where: { name } });
  const options = amqpUrl ? { amqpUrl: amqpUrl.replace(/\/\/[^@/]*@/, "//") } : {};
  if (
    before?.source === "env" &&
    before.kind === "rabbitmq" &&
    before.bootstrapServers.join() === origin.data &&
    before.saslUsername === username &&
    JSON.stringify(before.options) === JSON.stringify(options) &&
    before.saslPasswordEnc &&
    safeDecrypt(before.saslPasswordEnc) === password
  )
    return { id: before.id };
  const data: EnvConnection = {
    kind: "rabbitmq",
    bootstrapServers: [origin.data],
    options,
    tls: origin.data.startsWith("https:"),
    source: "env",
    saslMechanism: "plain",
    saslUsername: username,
    saslPasswordEnc: encryptSecret(password),
  };
  return upsertEnvConnection(actor, name, before, data);
}

/** NATS_URL at startup (nats://[token@ | user:password@]host:port[, …]): the connection "local-nats". */
export async function registerEnvNats(actor: Actor, url: string): Promise<{ id: string }> {
  authorize(actor, "admin", ADMIN);
  const first = url.split(",")[0]!.trim();
  let u: URL;
  try {
    u = new URL(/^[a-z]+:\/\//.test(first) ? first : `nats://${first}`);
  } catch {
    throw new DomainError("INVALID_INPUT", "NATS_URL is not a URL (nats://host:4222)");
  }
  const servers = NatsServers.safeParse(url.replace(/\/\/[^@/,]*@/g, "//"));
  if (!servers.success) throw new DomainError("INVALID_INPUT", `NATS_URL: ${servers.error.issues[0]?.message}`);
  const user = decodeURIComponent(u.username);
  const pass = decodeURIComponent(u.password);
  const auth = !user
    ? { saslMechanism: null, saslUsername: null, secret: null }
    : pass
      ? { saslMechanism: "plain", saslUsername: user, secret: pass }
      : { saslMechanism: "token", saslUsername: null, secret: user };
  const name = "local-nats";
  const before = await db.cluster.findUnique({ where: { name } });
  if (
    before?.source === "env" &&
    before.kind === "nats" &&
    before.bootstrapServers.join() === servers.data.join() &&
    before.saslMechanism === auth.saslMechanism &&
    before.saslUsername === auth.saslUsername &&
    (before.saslPasswordEnc ? safeDecrypt(before.saslPasswordEnc) : null) === auth.secret
  )
    return { id: before.id };
  const data: EnvConnection = {
    kind: "nats",
    bootstrapServers: servers.data,
    options: {},
    tls: servers.data.some((s) => s.startsWith("tls:")),
    source: "env",
    saslMechanism: auth.saslMechanism,
    saslUsername: auth.saslUsername,
    saslPasswordEnc: auth.secret === null ? null : encryptSecret(auth.secret),
  };
  return upsertEnvConnection(actor, name, before, data);
}
