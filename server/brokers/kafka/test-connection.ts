import type { ConnectionCheck } from "../types";
import { describeBrokers } from "./catalog";
import { withAdmin } from "./client";
import type { ClusterConnection } from "./types";

export async function testKafka(conn: ClusterConnection): Promise<ConnectionCheck> {
  const started = Date.now();
  try {
    const info = await withAdmin(conn, describeBrokers, { retries: 0 });
    return { ok: true, error: null, brokers: info.brokers, controllerId: info.controllerId, elapsedMs: Date.now() - started };
  } catch (e) {
    return { ok: false, error: describeKafkaError(e, conn), brokers: [], controllerId: null, elapsedMs: Date.now() - started };
  }
}

export function describeKafkaError(e: unknown, conn: ClusterConnection): string {
  const err = e as { message?: string; name?: string; originalError?: { message?: string } };
  const detail = err.originalError?.message ?? err.message ?? String(e);
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|Connection timeout|ETIMEDOUT|EHOSTUNREACH|Failed to connect/i.test(detail)) {
    return `cannot reach ${conn.bootstrapServers.join(", ")}: ${detail}`;
  }
  if (/SASL|authentication/i.test(detail)) return `authentication failed: ${detail}`;
  return detail;
}
