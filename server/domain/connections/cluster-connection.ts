import { DomainError } from "@/server/errors";
import type { ClusterConnection } from "@/server/brokers/kafka";
import type { NatsConnection } from "@/server/brokers/nats";
import type { RabbitConnection } from "@/server/brokers/rabbitmq";
import { decryptSecret } from "@/server/lib/secrets";

export const UNDECRYPTABLE =
  "its stored SASL password cannot be decrypted (was EVENTPLANE_SECRET_KEY changed?): edit the cluster and type the password again";

function decrypted(stored: string): string {
  try {
    return decryptSecret(stored);
  } catch {
    throw new DomainError("CLUSTER_UNREACHABLE", UNDECRYPTABLE);
  }
}

interface StoredCluster {
  kind?: string;
  options?: unknown;
  bootstrapServers: string[];
  clientId: string;
  tls: boolean;
  saslMechanism: string | null;
  saslUsername: string | null;
  saslPasswordEnc: string | null;
}

export function toConnection(c: StoredCluster, plainPassword?: string): ClusterConnection {
  const conn: ClusterConnection = { bootstrapServers: c.bootstrapServers, clientId: c.clientId, tls: c.tls };
  if (c.saslMechanism && c.saslMechanism !== "none") {
    conn.sasl = {
      mechanism: c.saslMechanism as NonNullable<ClusterConnection["sasl"]>["mechanism"],
      username: c.saslUsername ?? "",
      password: plainPassword ?? (c.saslPasswordEnc ? decrypted(c.saslPasswordEnc) : ""),
    };
  }
  return conn;
}

/** RabbitMQ: the management origin is the first address; AMQP is options.amqpUrl, or the same host on 5672 (5671 with TLS). */
export function toRabbitConnection(c: StoredCluster, plainPassword?: string): RabbitConnection {
  const managementUrl = c.bootstrapServers[0] ?? "";
  const options = (c.options ?? {}) as { amqpUrl?: string };
  return {
    managementUrl,
    amqpUrl: options.amqpUrl || defaultAmqpUrl(managementUrl),
    username: c.saslUsername ?? "guest",
    password: plainPassword ?? (c.saslPasswordEnc ? decrypted(c.saslPasswordEnc) : ""),
  };
}

export function defaultAmqpUrl(managementUrl: string): string {
  const u = new URL(managementUrl);
  return `${u.protocol === "https:" ? "amqps" : "amqp"}://${u.hostname.includes(":") ? `[${u.hostname}]` : u.hostname}:${u.protocol === "https:" ? 5671 : 5672}`;
}

/** NATS: servers as stored; the secret is the password, token, NKey seed or credentials file by method. */
export function toNatsConnection(c: StoredCluster, plainSecret?: string): NatsConnection {
  const secret = () => plainSecret ?? (c.saslPasswordEnc ? decrypted(c.saslPasswordEnc) : "");
  const method = c.saslMechanism ?? "none";
  const auth: NatsConnection["auth"] =
    method === "token"
      ? { method, token: secret() }
      : method === "plain"
        ? { method, user: c.saslUsername ?? "", pass: secret() }
        : method === "nkey"
          ? { method, seed: secret() }
          : method === "creds"
            ? { method, creds: secret() }
            : { method: "none" };
  return { servers: c.bootstrapServers, auth, tls: c.tls };
}

export type TargetConnection =
  | { kind: "kafka"; connection: ClusterConnection }
  | { kind: "rabbitmq"; connection: RabbitConnection }
  | { kind: "nats"; connection: NatsConnection };

/** The connection settings of a stored connection, by its kind. */
export function toTargetConnection(c: StoredCluster, plainPassword?: string): TargetConnection {
  if (c.kind === "rabbitmq") return { kind: "rabbitmq", connection: toRabbitConnection(c, plainPassword) };
  if (c.kind === "nats") return { kind: "nats", connection: toNatsConnection(c, plainPassword) };
  return { kind: "kafka", connection: toConnection(c, plainPassword) };
}
