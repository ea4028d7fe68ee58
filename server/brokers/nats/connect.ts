// NATS connections for one settings object, closed after each use (the worker reads every few seconds;
// a person waits for a test).
import { connect, credsAuthenticator, nkeyAuthenticator, type NatsConnection as Nc } from "@nats-io/transport-node";
import type { NatsConnection } from "./types";

/** Servers, TLS and credentials of a connection, as the client takes them. */
export function connectOptions(conn: NatsConnection) {
  const a = conn.auth;
  return {
    servers: conn.servers,
    ...(conn.tls ? { tls: {} } : {}),
    ...(a.method === "token" ? { token: a.token } : {}),
    ...(a.method === "plain" ? { user: a.user, pass: a.pass } : {}),
    ...(a.method === "nkey" ? { authenticator: nkeyAuthenticator(new TextEncoder().encode(a.seed)) } : {}),
    ...(a.method === "creds" ? { authenticator: credsAuthenticator(new TextEncoder().encode(a.creds)) } : {}),
  };
}

export async function withNats<T>(conn: NatsConnection, fn: (nc: Nc) => Promise<T>, opts: { timeoutMs?: number } = {}): Promise<T> {
  const nc = await connect({ ...connectOptions(conn), name: "eventplane", timeout: opts.timeoutMs ?? 5_000, maxReconnectAttempts: 0 });
  try {
    return await fn(nc);
  } finally {
    await nc.close().catch(() => undefined);
  }
}
