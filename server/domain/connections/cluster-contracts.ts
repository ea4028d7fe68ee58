import { z } from "zod";

const HOST = /^(\[[0-9a-fA-F:]+\]|[a-zA-Z0-9]([a-zA-Z0-9.-]{0,251}[a-zA-Z0-9])?)$/;

/** "h1:9092, h2:9092" → ["h1:9092", "h2:9092"]; a clear message names the first bad entry. */
export const BootstrapServers = z
  .string()
  .trim()
  .min(1, "at least one bootstrap server (host:port) is required")
  .max(2_000, "bootstrap servers: at most 2,000 characters")
  .transform((raw, ctx) => {
    const entries = raw.split(/[\s,]+/).filter(Boolean);
    for (const entry of entries) {
      const at = entry.lastIndexOf(":");
      const host = entry.slice(0, at);
      const port = Number(entry.slice(at + 1));
      if (at <= 0 || !HOST.test(host) || !Number.isInteger(port) || port < 1 || port > 65535) {
        ctx.addIssue({ code: "custom", message: `"${entry}" is not host:port (for example broker-1:9092)` });
        return z.NEVER;
      }
    }
    return [...new Set(entries)];
  });

/** How a connection authenticates: Kafka SASL mechanisms, user and password ("plain", RabbitMQ's
 *  only one), and NATS's token, NKey seed or credentials file. */
export const SaslMechanism = z.enum(["none", "plain", "scram-sha-256", "scram-sha-512", "token", "nkey", "creds"]);
const KAFKA_AUTH = ["none", "plain", "scram-sha-256", "scram-sha-512"];
const NATS_AUTH = ["none", "token", "plain", "nkey", "creds"];

/** "nats://h1:4222, h2:4222" → ["nats://h1:4222", "nats://h2:4222"] (tls:// kept). */
export const NatsServers = z
  .string()
  .trim()
  .min(1, "at least one NATS server (nats://host:4222) is required")
  .max(2_000)
  .transform((raw, ctx) => {
    const out: string[] = [];
    for (const entry of raw.split(/[\s,]+/).filter(Boolean)) {
      const url = /^[a-z]+:\/\//.test(entry) ? entry : `nats://${entry}`;
      let u: URL | null = null;
      try {
        u = new URL(url);
      } catch {
        u = null;
      }
      if (!u || !["nats:", "tls:"].includes(u.protocol) || !u.hostname || u.username || u.password || (u.pathname && u.pathname !== "/")) {
        ctx.addIssue({ code: "custom", message: `"${entry}" is not a NATS server (nats://host:4222; credentials go in their own fields)` });
        return z.NEVER;
      }
      out.push(`${u.protocol}//${u.host}`);
    }
    return [...new Set(out)];
  });

export const ConnectionKind = z.enum(["kafka", "rabbitmq", "nats"]);
export type ConnectionKind = z.infer<typeof ConnectionKind>;

/** A RabbitMQ management API origin: http(s)://host:port, no credentials (they have their own fields). */
export const ManagementUrl = z
  .string()
  .trim()
  .max(2_000)
  .transform((raw, ctx) => {
    let u: URL;
    try {
      u = new URL(raw);
    } catch {
      ctx.addIssue({ code: "custom", message: `"${raw}" is not a URL (for example http://rabbitmq:15672)` });
      return z.NEVER;
    }
    if (!["http:", "https:"].includes(u.protocol) || u.username || u.password || (u.pathname !== "/" && u.pathname !== "")) {
      ctx.addIssue({
        code: "custom",
        message: `"${raw}": the management API is http(s)://host:port, with user and password in their own fields`,
      });
      return z.NEVER;
    }
    return u.origin;
  });

const AmqpUrl = z
  .string()
  .trim()
  .max(2_000)
  .refine(
    (raw) => /^amqps?:\/\/[^/@:\s]+(:\d+)?\/?$/.test(raw),
    "AMQP URL: amqp(s)://host:port, with user and password in their own fields",
  );

const ClusterFields = z.object({
  name: z
    .string()
    .trim()
    .min(1, "a name is required")
    .max(64, "name: at most 64 characters")
    .regex(/^[a-zA-Z0-9._-]+$/, "name: letters, digits, '.', '_' and '-' only"),
  kind: ConnectionKind.default("kafka"),
  /** Kafka: bootstrap servers; RabbitMQ: the management API's URL */
  bootstrapServers: z.string().max(2_000),
  clientId: z.string().trim().min(1).max(128).default("eventplane"),
  tls: z.boolean().default(false),
  saslMechanism: SaslMechanism.default("none"),
  saslUsername: z.string().max(256).optional(),
  /** On edit, empty or absent keeps the stored password. */
  saslPassword: z.string().max(4_096).optional(),
  /** RabbitMQ: AMQP for reading and redriving; unset = the management host on 5672 (5671 with TLS) */
  amqpUrl: z.string().max(2_000).optional(),
});

type Fields = z.output<typeof ClusterFields>;

/** Addresses and credentials checked by kind; bootstrapServers becomes the list that is stored. */
function byKind<T extends Fields>(v: T, ctx: z.RefinementCtx) {
  const issue = (path: string, r: { error?: z.ZodError }) => {
    ctx.addIssue({ code: "custom", path: [path], message: r.error?.issues[0]?.message ?? "invalid" });
    return z.NEVER;
  };
  if (v.kind === "rabbitmq") {
    const url = ManagementUrl.safeParse(v.bootstrapServers);
    if (!url.success) return issue("bootstrapServers", url);
    const amqp = v.amqpUrl?.trim() ? AmqpUrl.safeParse(v.amqpUrl) : null;
    if (amqp && !amqp.success) return issue("amqpUrl", amqp);
    if (!v.saslUsername?.trim()) {
      ctx.addIssue({ code: "custom", path: ["saslUsername"], message: "RabbitMQ needs a user (the management API and AMQP use it)" });
      return z.NEVER;
    }
    // The management API and AMQP both take user and password: "plain" in the stored mechanism.
    return { ...v, bootstrapServers: [url.data], saslMechanism: "plain" as const, tls: url.data.startsWith("https:"), amqpUrl: amqp?.data };
  }
  if (v.kind === "nats") {
    const servers = NatsServers.safeParse(v.bootstrapServers);
    if (!servers.success) return issue("bootstrapServers", servers);
    if (!NATS_AUTH.includes(v.saslMechanism)) {
      ctx.addIssue({ code: "custom", path: ["saslMechanism"], message: `NATS authenticates with ${NATS_AUTH.join(", ")}` });
      return z.NEVER;
    }
    if (v.saslMechanism === "plain" && !v.saslUsername?.trim()) {
      ctx.addIssue({ code: "custom", path: ["saslUsername"], message: "user and password need a user" });
      return z.NEVER;
    }
    return { ...v, bootstrapServers: servers.data, tls: v.tls || servers.data.some((s) => s.startsWith("tls:")), amqpUrl: undefined };
  }
  const servers = BootstrapServers.safeParse(v.bootstrapServers);
  if (!servers.success) return issue("bootstrapServers", servers);
  if (!KAFKA_AUTH.includes(v.saslMechanism)) {
    ctx.addIssue({ code: "custom", path: ["saslMechanism"], message: `Kafka authenticates with SASL ${KAFKA_AUTH.join(", ")}` });
    return z.NEVER;
  }
  if (v.saslMechanism !== "none" && !v.saslUsername?.trim()) {
    ctx.addIssue({ code: "custom", path: ["saslUsername"], message: "SASL needs a username" });
    return z.NEVER;
  }
  return { ...v, bootstrapServers: servers.data, amqpUrl: undefined };
}

export const ClusterInput = ClusterFields.transform(byKind);
export type ClusterInput = z.input<typeof ClusterInput>;
export type ParsedClusterInput = z.output<typeof ClusterInput>;

export const UpdateClusterInput = ClusterFields.extend({ id: z.string().uuid() }).transform(byKind);
export type UpdateClusterInput = z.input<typeof UpdateClusterInput>;

/** What the browser may see of a cluster: never the password, only whether one is stored. */
export const ClusterView = z.object({
  id: z.string(),
  name: z.string(),
  kind: ConnectionKind,
  amqpUrl: z.string().nullable(),
  bootstrapServers: z.array(z.string()),
  clientId: z.string(),
  tls: z.boolean(),
  saslMechanism: SaslMechanism,
  saslUsername: z.string().nullable(),
  hasPassword: z.boolean(),
  source: z.string(),
  status: z.enum(["UNKNOWN", "OK", "UNREACHABLE"]),
  lastError: z.string().nullable(),
  unreachableSince: z.date().nullable(),
  lastSyncAt: z.date().nullable(),
  lastSyncMs: z.number().nullable(),
  brokerCount: z.number(),
  topicCount: z.number(),
  groupCount: z.number(),
});
export type ClusterView = z.infer<typeof ClusterView>;

export const ConnectionTestResult = z.object({
  ok: z.boolean(),
  error: z.string().nullable(),
  brokers: z.array(z.object({ nodeId: z.number(), host: z.string(), port: z.number() })),
  controllerId: z.number().nullable(),
  elapsedMs: z.number(),
});
export type ConnectionTestResult = z.infer<typeof ConnectionTestResult>;
