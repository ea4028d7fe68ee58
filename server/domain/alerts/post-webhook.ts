// One webhook POST over node:http(s) whose DNS lookup is the guard: the addresses a host name resolves
// to are checked in the lookup the connection itself uses, so a name cannot pass a check and then
// resolve elsewhere for the request (DNS rebinding). IP literals are checked before connecting.
// Redirects are not followed (a 3xx is an answer like any other).
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import { classify, TargetRefused, type AddressClass } from "./target-guard";

export type WebhookAnswer = { status: number; text: string };

function refusal(host: string, address: string, allowed: ReadonlySet<AddressClass>): TargetRefused | null {
  const c = classify(address);
  return c === "public" || allowed.has(c)
    ? null
    : new TargetRefused(`${host} resolves to ${address}, a ${c} address; set WEBHOOK_ALLOW_TARGETS=${c} to allow it`);
}

function guardedLookup(allowed: ReadonlySet<AddressClass>) {
  return (hostname: string, options: { all?: boolean; family?: number }, callback: (...args: unknown[]) => void) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error);
      for (const a of addresses) {
        const refused = refusal(hostname, a.address, allowed);
        if (refused) return callback(refused);
      }
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

export function postWebhook(
  rawUrl: string,
  headers: Record<string, string>,
  body: string,
  opts: { timeoutMs: number; allowed: ReadonlySet<AddressClass>; keepChars: number },
): Promise<WebhookAnswer> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return Promise.reject(new TargetRefused("the stored URL is not a URL"));
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    return Promise.reject(new TargetRefused(`only http and https webhooks are allowed, not ${url.protocol}`));
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const literal = isIP(host) ? refusal(host, host, opts.allowed) : null;
  if (literal) return Promise.reject(literal);
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: "POST",
        headers: { ...headers, "content-length": Buffer.byteLength(body) },
        lookup: guardedLookup(opts.allowed) as never,
        timeout: opts.timeoutMs,
      },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          if (text.length < opts.keepChars) text += chunk;
        });
        response.on("end", () => resolve({ status: response.statusCode ?? 0, text: text.slice(0, opts.keepChars) }));
        response.on("error", reject);
      },
    );
    request.on("timeout", () => request.destroy(new Error(`no answer within ${opts.timeoutMs} ms`)));
    request.on("error", reject);
    request.end(body);
  });
}
