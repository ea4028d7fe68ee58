// The only reader of process.env. Validated when imported: by next.config.js at build, by the
// launcher, the worker and the tests at boot. Empty strings count as unset.
import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";

const bool = z
  .enum(["0", "1", "true", "false"])
  .optional()
  .transform((v) => v === "1" || v === "true");

export const env = createEnv({
  server: {
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    /** A PostgreSQL ≥ 15 server. Unset: the launcher starts an embedded PostgreSQL. */
    DATABASE_URL: z.string().url().optional(),
    /** Where the embedded PostgreSQL, the secret key and other local state live. */
    EVENTPLANE_DATA_DIR: z.string().default("./.data"),
    EVENTPLANE_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
    /** 32 bytes, base64 or hex, that encrypt cluster secrets. Unset: generated once into the data dir. */
    EVENTPLANE_SECRET_KEY: z.string().optional(),
    /** Comma-separated bootstrap servers; registers (or updates) a cluster named "local" at startup. */
    KAFKA_BROKERS: z.string().optional(),
    KAFKA_CLIENT_ID: z.string().default("eventplane"),
    KAFKA_PORT: z.coerce.number().int().min(1).max(65535).default(9092),
    /** RabbitMQ's management API with credentials (http://user:pass@host:15672); registers a connection "local-rabbitmq" at startup. */
    RABBITMQ_URL: z.string().url().optional(),
    /** AMQP URL for reading and redriving; derived from RABBITMQ_URL (same host and credentials, port 5672) when unset. */
    RABBITMQ_AMQP_URL: z.string().url().optional(),
    RABBITMQ_PORT: z.coerce.number().int().min(1).max(65535).default(5672),
    RABBITMQ_MANAGEMENT_PORT: z.coerce.number().int().min(1).max(65535).default(15672),
    /** A NATS server with JetStream (nats://[token@|user:pass@]host:4222); registers a connection "local-nats" at startup. */
    NATS_URL: z.string().optional(),
    NATS_PORT: z.coerce.number().int().min(1).max(65535).default(4222),
    /** Where `npm run kafka:local` keeps the Kafka jars and its data (outside the repository). */
    EVENTPLANE_CACHE_DIR: z.string().optional(),
    HOST: z.string().default("127.0.0.1"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    CATALOG_SYNC_INTERVAL_MS: z.coerce.number().int().min(500).default(10_000),
    /** How long a worker's claim on a cluster lasts unrenewed: a killed worker's clusters move after it. Unset: max(30 s, 3 sync intervals). */
    CATALOG_LEASE_TTL_MS: z.coerce.number().int().min(1_000).optional(),
    /** Web processes `npm start` runs on the one port (node:cluster shares it between them). */
    EVENTPLANE_WEB_PROCESSES: z.coerce.number().int().min(1).max(64).default(1),
    /** Worker processes `npm start` runs (they share clusters by leases, alerts by locks). */
    EVENTPLANE_WORKERS: z.coerce.number().int().min(0).max(64).default(1),
    /** Upper bound for the collector's back-off after repeated failures. */
    COLLECTOR_MAX_BACKOFF_MS: z.coerce.number().int().min(500).default(60_000),
    /** Comma-separated name globs that make a topic a dead-letter queue (defaults: *.dlq, *-dlt, dlq-*, …). */
    DLQ_NAME_PATTERNS: z.string().optional(),
    /** How long log-end samples (the basis of time lag) are kept. */
    LAG_SAMPLE_RETENTION_HOURS: z.coerce.number().min(1).default(24),
    /** Largest request body the schema registry API accepts (bytes); larger ones get 413/42209. */
    SCHEMA_REGISTRY_MAX_BODY_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(2 * 1024 * 1024),
    /** Largest OTLP trace export accepted (bytes, before and after gunzip); larger ones get 413. */
    OTLP_MAX_BODY_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(8 * 1024 * 1024),
    /** How long spans are kept. */
    TRACE_RETENTION_HOURS: z.coerce.number().min(1).default(72),
    /** Address classes webhooks may target besides public ones: comma-separated loopback, private, link-local (SSRF guard). */
    WEBHOOK_ALLOW_TARGETS: z.string().optional(),
    /** How long one webhook request may take; a delivery's claim lasts 2× this plus 5 s, then another worker may retry it. */
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
    /** How often the worker evaluates alert rules. */
    ALERT_EVALUATION_INTERVAL_MS: z.coerce.number().int().min(500).default(10_000),
    /** how often the worker reads dead-letter queues whose end offsets moved, to find new exception classes */
    DLQ_SCAN_INTERVAL_MS: z.coerce.number().int().min(500).default(30_000),
    /** how often new spans and committed offsets are folded into the lineage graph */
    LINEAGE_REFRESH_INTERVAL_MS: z.coerce.number().int().min(500).default(5_000),
    /** How often the worker runs a scorecard pass (the pitfalls checks over the live system). */
    SCORECARD_INTERVAL_MS: z.coerce.number().int().min(500).default(300_000),
    /** How long a lagging partition's committed offset must stand still before its status is STOP (or STALL). */
    LAG_STOP_AFTER_MS: z.coerce.number().int().min(0).default(60_000),
    /** The address people reach Eventplane at, for links in notifications (default http://HOST:PORT). */
    EVENTPLANE_PUBLIC_URL: z.string().url().optional(),
    /** Opt-in self-tracing of the web and worker processes (OTLP/HTTP endpoint origin). */
    OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
    EVENTPLANE_SELF_TRACING: bool,
    /** Sets the password of the `admin` user at every start (created if missing). */
    EVENTPLANE_ADMIN_PASSWORD: z.string().min(10).optional(),
    /** Creates or updates an admin API token named `bootstrap` whose secret is this value. */
    EVENTPLANE_BOOTSTRAP_TOKEN: z.string().min(20).optional(),
    /** What callers without credentials may do: comma-separated scopes (read, write, registry:read, registry:write, otlp:write, metrics:read). */
    EVENTPLANE_ANONYMOUS: z.string().optional(),
    /** How long a browser stays signed in without activity. */
    EVENTPLANE_SESSION_HOURS: z.coerce
      .number()
      .min(0.1)
      .max(24 * 30)
      .default(12),
    /** Host names the web process answers to (DNS-rebinding guard), comma-separated; HOST, localhost, 127.0.0.1 and the public URL's host always are. */
    EVENTPLANE_ALLOWED_HOSTS: z.string().optional(),
    /** Addresses of reverse proxies whose X-Forwarded-* headers are believed (comma-separated); others' are dropped. */
    EVENTPLANE_TRUSTED_PROXIES: z.string().optional(),
    /** PEM certificate and key: the web process listens with TLS. */
    EVENTPLANE_TLS_CERT: z.string().optional(),
    EVENTPLANE_TLS_KEY: z.string().optional(),
    /** OpenID Connect single sign-on: the issuer URL (discovery), client id and secret. */
    OIDC_ISSUER: z.string().url().optional(),
    OIDC_CLIENT_ID: z.string().optional(),
    OIDC_CLIENT_SECRET: z.string().optional(),
    OIDC_SCOPES: z.string().default("openid profile email"),
    OIDC_USERNAME_CLAIM: z.string().default("preferred_username"),
    OIDC_GROUPS_CLAIM: z.string().default("groups"),
    /** group=role pairs, comma-separated (e.g. platform-admins=admin,developers=editor); the highest role wins. */
    OIDC_ROLE_MAP: z.string().optional(),
    /** group=team pairs, comma-separated (e.g. grp-payments=payments); a group named team:<name> is team <name>. */
    OIDC_TEAM_MAP: z.string().optional(),
    /** The role of an OpenID Connect user whose groups map to none (none = no access). */
    OIDC_DEFAULT_ROLE: z.enum(["none", "viewer", "editor", "admin"]).default("viewer"),
    /** How long alert events and delivered (or failed) notifications with their attempts are kept. */
    ALERT_HISTORY_RETENTION_DAYS: z.coerce.number().min(1).default(30),
    /** How long audit entries are kept. */
    AUDIT_RETENTION_DAYS: z.coerce.number().min(1).default(400),
  },
  runtimeEnv: process.env,
  emptyStringAsUndefined: true,
});
