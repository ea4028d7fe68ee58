// Webhook targets are checked before saving and again before every delivery (DNS may change in
// between): a URL that resolves to a loopback, private, link-local or otherwise internal address is
// refused unless WEBHOOK_ALLOW_TARGETS allows that class. Otherwise anyone who may create a webhook
// could make the server call its own network (SSRF).
import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

export type AddressClass = "loopback" | "private" | "link-local" | "public";

const classes: [AddressClass, BlockList][] = (() => {
  const loopback = new BlockList();
  loopback.addSubnet("127.0.0.0", 8, "ipv4");
  loopback.addAddress("::1", "ipv6");
  const priv = new BlockList();
  for (const [net, bits] of [
    ["10.0.0.0", 8],
    ["172.16.0.0", 12],
    ["192.168.0.0", 16],
    ["100.64.0.0", 10],
    ["0.0.0.0", 8],
  ] as const)
    priv.addSubnet(net, bits, "ipv4");
  priv.addSubnet("fc00::", 7, "ipv6");
  priv.addAddress("::", "ipv6");
  const link = new BlockList();
  link.addSubnet("169.254.0.0", 16, "ipv4");
  link.addSubnet("fe80::", 10, "ipv6");
  return [
    ["loopback", loopback],
    ["private", priv],
    ["link-local", link],
  ];
})();

export function classify(address: string): AddressClass {
  const family = isIP(address) === 6 ? "ipv6" : "ipv4";
  // IPv4-mapped IPv6 (::ffff:127.0.0.1) is the IPv4 address in disguise.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  for (const [name, list] of classes) if (list.check(mapped ?? address, mapped ? "ipv4" : family)) return name;
  return "public";
}

export class TargetRefused extends Error {}

/** Resolves the URL's host; throws TargetRefused for a scheme other than http(s) or an address class not allowed. */
export async function checkTarget(rawUrl: string, allowed: ReadonlySet<AddressClass>): Promise<void> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new TargetRefused(`"${rawUrl}" is not a URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new TargetRefused(`only http and https webhooks are allowed, not ${url.protocol}`);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  } catch (error) {
    throw new TargetRefused(`cannot resolve ${host}: ${(error as Error).message}`);
  }
  for (const address of addresses) {
    const c = classify(address);
    if (c !== "public" && !allowed.has(c)) {
      throw new TargetRefused(`${host} resolves to ${address}, a ${c} address; set WEBHOOK_ALLOW_TARGETS=${c} to allow it`);
    }
  }
}

export function parseAllowed(value: string | undefined): Set<AddressClass> {
  const out = new Set<AddressClass>();
  for (const v of (value ?? "").split(",").map((s) => s.trim().toLowerCase())) {
    if (v === "loopback" || v === "private" || v === "link-local") out.add(v);
  }
  return out;
}
