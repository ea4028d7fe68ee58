// Deterministic mutations of valid requests (seeded, so a failure is replayed with its seed).
export type Rng = () => number;

export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(r: Rng, items: readonly T[]): T => items[Math.floor(r() * items.length)]!;

const STRANGE_STRINGS = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "%",
  "%ZZ",
  "../../etc/passwd",
  "'; DROP TABLE \"Schema\"; --",
  "${jndi:ldap://x}",
  "\ud800",
  "😀".repeat(50),
  "x".repeat(70_000),
  "<script>alert(1)</script>",
  "-1",
  "1e309",
  "NaN",
  "__proto__",
  "constructor",
  "*?".repeat(30) + "!",
  "^(a+)+$",
];

const STRANGE_VALUES: unknown[] = [
  null,
  true,
  0,
  -1,
  2 ** 53 + 1,
  1e308,
  -0,
  [],
  {},
  JSON.parse(`${"[".repeat(40)}${"]".repeat(40)}`),
  { __proto__: { polluted: true } },
  { $ref: "file:///etc/passwd" },
  ...STRANGE_STRINGS,
];

export function strangeValue(r: Rng): unknown {
  return pick(r, STRANGE_VALUES);
}

/** A JSON value with one part replaced, removed or added somewhere inside it. */
export function mutateJson(r: Rng, value: unknown, depth = 0): unknown {
  if (depth > 6 || r() < 0.25) return strangeValue(r);
  if (Array.isArray(value)) {
    if (!value.length || r() < 0.2) return [...value, strangeValue(r)];
    const i = Math.floor(r() * value.length);
    return value.map((v, j) => (j === i ? mutateJson(r, v, depth + 1) : v));
  }
  if (value && typeof value === "object") {
    const keys = Object.keys(value);
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    const roll = r();
    if (!keys.length || roll < 0.15) copy[pick(r, ["schema", "schemaType", "references", "id", "version", "name", "kind", "json", pick(r, STRANGE_STRINGS)])] = strangeValue(r);
    else if (roll < 0.3) delete copy[pick(r, keys)];
    else {
      const k = pick(r, keys);
      copy[k] = mutateJson(r, copy[k], depth + 1);
    }
    return copy;
  }
  if (typeof value === "string" && r() < 0.5) {
    const i = Math.floor(r() * (value.length + 1));
    return value.slice(0, i) + pick(r, STRANGE_STRINGS).slice(0, 200) + value.slice(i);
  }
  return strangeValue(r);
}

/** Bytes flipped, cut or repeated. */
export function mutateBytes(r: Rng, bytes: Uint8Array): Uint8Array {
  const out = Uint8Array.from(bytes);
  const roll = r();
  if (roll < 0.3) return out.subarray(0, Math.floor(r() * out.length));
  if (roll < 0.4) return new Uint8Array([...out, ...out]);
  for (let n = 1 + Math.floor(r() * 4); n > 0 && out.length; n--) out[Math.floor(r() * out.length)] = Math.floor(r() * 256);
  return out;
}

export function mutatePath(r: Rng, path: string): string {
  const parts = path.split("/");
  const i = 1 + Math.floor(r() * Math.max(1, parts.length - 1));
  parts[i] = pick(r, ["%", "%2F", "%00", "..", "%ZZ", encodeURIComponent(pick(r, STRANGE_STRINGS).slice(0, 300).toWellFormed()), "-1", "99999999999999999999", ""]);
  return parts.join("/");
}

export const CONTENT_TYPES = [
  "application/json",
  "application/vnd.schemaregistry.v1+json",
  "application/x-protobuf",
  "application/yaml",
  "text/plain",
  "multipart/form-data; boundary=x",
  "application/x-www-form-urlencoded",
  "",
];
