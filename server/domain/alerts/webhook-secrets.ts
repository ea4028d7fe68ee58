// A webhook's URL and custom headers are secrets (a Slack URL is its own credential; headers carry
// Authorization): stored encrypted, shown as scheme://host and header names only, decrypted only to
// deliver.
import { db } from "@/server/db";
import { decryptSecret, encryptSecret } from "@/server/lib/secrets";

export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname === "/" && !u.search ? "/" : "/…"}`;
  } catch {
    return "(invalid URL)";
  }
}

export function sealed(url: string, headers: Record<string, string>) {
  const names = Object.keys(headers).sort();
  return {
    url: displayUrl(url),
    urlEnc: encryptSecret(url),
    headers: {},
    headersEnc: names.length ? encryptSecret(JSON.stringify(headers)) : null,
    headerNames: names,
  };
}

type Stored = { url: string; urlEnc: string | null; headers: unknown; headersEnc: string | null };

/** The real URL and headers, for delivery (and for keeping what an edit does not retype). */
export function opened(e: Stored): { url: string; headers: Record<string, string> } {
  return {
    url: e.urlEnc ? decryptSecret(e.urlEnc) : e.url,
    headers: e.headersEnc
      ? (JSON.parse(decryptSecret(e.headersEnc)) as Record<string, string>)
      : ((e.headers ?? {}) as Record<string, string>),
  };
}

/** Rows saved before secrets were encrypted: encrypted in place, once, by the worker at start. */
export async function sealLegacyEndpoints(): Promise<number> {
  const legacy = await db.webhookEndpoint.findMany({ where: { urlEnc: null } });
  for (const e of legacy) {
    const { url, headers } = opened(e);
    await db.webhookEndpoint.update({ where: { id: e.id }, data: sealed(url, headers) });
  }
  return legacy.length;
}
