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

export const SaslMechanism = z.enum(["none", "plain", "scram-sha-256", "scram-sha-512"]);

const ClusterFields = z.object({
  name: z
    .string()
    .trim()
    .min(1, "a name is required")
    .max(64, "name: at most 64 characters")
    .regex(/^[a-zA-Z0-9._-]+$/, "name: letters, digits, '.', '_' and '-' only"),
  bootstrapServers: BootstrapServers,
  clientId: z.string().trim().min(1).max(128).default("eventplane"),
  tls: z.boolean().default(false),
  saslMechanism: SaslMechanism.default("none"),
  saslUsername: z.string().max(256).optional(),
  /** On edit, empty or absent keeps the stored password. */
  saslPassword: z.string().max(4_096).optional(),
});

function requireSaslUser(v: { saslMechanism: string; saslUsername?: string }, ctx: z.RefinementCtx) {
  if (v.saslMechanism !== "none" && !v.saslUsername?.trim()) {
    ctx.addIssue({ code: "custom", path: ["saslUsername"], message: "SASL needs a username" });
  }
}

export const ClusterInput = ClusterFields.superRefine(requireSaslUser);
export type ClusterInput = z.input<typeof ClusterInput>;
export type ParsedClusterInput = z.output<typeof ClusterInput>;

export const UpdateClusterInput = ClusterFields.extend({ id: z.string().uuid() }).superRefine(requireSaslUser);
export type UpdateClusterInput = z.input<typeof UpdateClusterInput>;

/** What the browser may see of a cluster: never the password, only whether one is stored. */
export const ClusterView = z.object({
  id: z.string(),
  name: z.string(),
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
