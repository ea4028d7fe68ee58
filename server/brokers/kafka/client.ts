// kafkajs clients for one connection. Every kafkajs import of the project is under server/brokers/kafka/.
import { Kafka, logLevel, type Admin, type KafkaConfig, type SASLOptions } from "kafkajs";
import type { ClusterConnection } from "./types";

export function createKafka(conn: ClusterConnection, opts: { connectionTimeoutMs?: number; retries?: number } = {}): Kafka {
  const config: KafkaConfig = {
    clientId: conn.clientId,
    brokers: conn.bootstrapServers,
    ssl: conn.tls,
    connectionTimeout: opts.connectionTimeoutMs ?? 3_000,
    requestTimeout: 30_000,
    retry: { retries: opts.retries ?? 2, initialRetryTime: 200, maxRetryTime: 2_000 },
    logLevel: logLevel.NOTHING,
  };
  if (conn.sasl) config.sasl = { ...conn.sasl } as SASLOptions;
  return new Kafka(config);
}

export async function withAdmin<T>(conn: ClusterConnection, fn: (admin: Admin) => Promise<T>, opts?: { retries?: number }): Promise<T> {
  const admin = createKafka(conn, opts).admin();
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
