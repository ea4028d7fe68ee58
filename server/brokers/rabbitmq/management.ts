// The management HTTP API: authenticated GETs with a time limit, and paging for the long lists.
import type { RabbitConnection } from "./types";

export class ManagementError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
  }
}

const auth = (c: RabbitConnection) => `Basic ${Buffer.from(`${c.username}:${c.password}`).toString("base64")}`;

export async function getJson<T>(conn: RabbitConnection, path: string, timeoutMs = 15_000): Promise<T> {
  const url = `${conn.managementUrl.replace(/\/+$/, "")}/api${path}`;
  let res: Response;
  try {
    res = await fetch(url, { headers: { authorization: auth(conn), accept: "application/json" }, signal: AbortSignal.timeout(timeoutMs) });
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    throw new ManagementError(`cannot reach ${conn.managementUrl}: ${cause?.code ?? cause?.message ?? (e as Error).message}`, null);
  }
  if (res.status === 401) throw new ManagementError(`authentication failed: ${conn.managementUrl} refused user "${conn.username}"`, 401);
  if (!res.ok) throw new ManagementError(`${conn.managementUrl} answered ${res.status} to GET /api${path}`, res.status);
  return (await res.json()) as T;
}

/** Every item of a paged list (RabbitMQ pages at most 500 items; `columns` cuts each item down). */
export async function getAll<T>(conn: RabbitConnection, path: string, columns: string[]): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; ; page++) {
    const sep = path.includes("?") ? "&" : "?";
    const r = await getJson<{ items: T[]; page_count: number }>(
      conn,
      `${path}${sep}page=${page}&page_size=500&columns=${encodeURIComponent(columns.join(","))}`,
    );
    out.push(...r.items);
    if (page >= r.page_count) return out;
  }
}
