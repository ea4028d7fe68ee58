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
  // 0.0.0.0/8 and :: reach this host on Linux: they are loopback in all but name.
  loopback.addSubnet("0.0.0.0", 8, "ipv4");
  loopback.addAddress("::1", "ipv6");
  loopback.addAddress("::", "ipv6");
  const priv = new BlockList();
  for (const [net, bits] of [
    ["10.0.0.0", 8],
    ["172.16.0.0", 12],
    ["192.168.0.0", 16],
    ["100.64.0.0", 10],
    // special-purpose and reserved ranges: nothing public lives there
    ["192.0.0.0", 24],
    ["198.18.0.0", 15],
    ["224.0.0.0", 4],
    ["240.0.0.0", 4],
  ] as const)
    priv.addSubnet(net, bits, "ipv4");
  priv.addSubnet("fc00::", 7, "ipv6");
  priv.addSubnet("ff00::", 8, "ipv6");
  const link = new BlockList();
  link.addSubnet("169.254.0.0", 16, "ipv4");
  link.addSubnet("fe80::", 10, "ipv6");
  return [
    ["loopback", loopback],
    ["private", priv],
    ["link-local", link],
  ];
})();

/** The IPv4 address an IPv6 one carries: mapped (::ffff:a.b.c.d), NAT64 (64:ff9b::/96) or 6to4 (2002::/16). */
export function embeddedIpv4(address: string): string | null {
  if (isIP(address) !== 6) return null;
  const words = expandIpv6(address);
  const v4 = (hi: number, lo: number) => [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join(".");
  if (words.slice(0, 5).every((w) => w === 0) && words[5] === 0xffff) return v4(words[6]!, words[7]!);
  if (words[0] === 0x64 && words[1] === 0xff9b && words.slice(2, 6).every((w) => w === 0)) return v4(words[6]!, words[7]!);
  if (words[0] === 0x2002) return v4(words[1]!, words[2]!);
  return null;
}

function expandIpv6(address: string): number[] {
  let text = address.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (dotted) {
    const [a, b, c, d] = dotted.split(".").map(Number) as [number, number, number, number];
    text = text.slice(0, -dotted.length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split("::") as [string, string | undefined];
  const parse = (part: string) => (part ? part.split(":").map((h) => parseInt(h, 16)) : []);
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...Array(8 - left.length - right.length).fill(0), ...right];
}

export function classify(address: string): AddressClass {
  const v4 = embeddedIpv4(address);
  const family = v4 ? "ipv4" : isIP(address) === 6 ? "ipv6" : "ipv4";
  for (const [name, list] of classes) if (list.check(v4 ?? address, family)) return name;
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
