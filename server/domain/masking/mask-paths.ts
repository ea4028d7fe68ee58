// Field paths of masking rules, and masking a decoded JSON value by them. Paths:
//   $.card.number      that field, from the top
//   $.items[*].price   a field of every element of an array
//   $.customer.*       every field of an object
//   *.email            a field of that name at any depth
// A masked field keeps its place; only its value changes (a whole object or list becomes one mask).
import { keyedDigest } from "@/server/lib/secrets";

export type MaskStyle = "redact" | "last4" | "hash";
type Token = { kind: "key"; name: string } | { kind: "anyKey" } | { kind: "anyIndex" } | { kind: "deep" };

export class MaskPathError extends Error {}

const NAME = /^[A-Za-z0-9_\-@$:]+$/;

export function parseMaskPath(path: string): Token[] {
  const text = path.trim();
  let rest: string;
  const tokens: Token[] = [];
  if (text.startsWith("$.")) rest = text.slice(2);
  else if (text.startsWith("*.")) {
    tokens.push({ kind: "deep" });
    rest = text.slice(2);
  } else throw new MaskPathError(`"${path}": a path starts with "$." (from the top) or "*." (at any depth)`);
  for (const part of rest.split(".")) {
    const m = /^([^[\]]*)((?:\[\*\])*)$/.exec(part);
    if (!m || (!m[1] && !m[2])) throw new MaskPathError(`"${path}": "${part}" is not a field name, "*" or name[*]`);
    if (m[1] === "*") tokens.push({ kind: "anyKey" });
    else if (m[1]) {
      if (!NAME.test(m[1])) throw new MaskPathError(`"${path}": "${m[1]}" is not a field name`);
      tokens.push({ kind: "key", name: m[1] });
    }
    for (let i = 0; i < m[2]!.length / 3; i++) tokens.push({ kind: "anyIndex" });
  }
  if (tokens.length > 32) throw new MaskPathError(`"${path}": at most 32 steps`);
  return tokens;
}

export function maskValue(value: unknown, style: MaskStyle): string {
  if (style === "hash") return `hash:${keyedDigest(JSON.stringify(value ?? null)).slice(0, 16)}`;
  if (style === "last4" && (typeof value === "string" || typeof value === "number")) {
    const s = String(value);
    return s.length > 4 ? `****${s.slice(-4)}` : "****";
  }
  return "****";
}

const isObject = (x: unknown): x is Record<string, unknown> => !!x && typeof x === "object" && !Array.isArray(x);
const mapValues = (o: Record<string, unknown>, f: (v: unknown) => unknown) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));

function walk(node: unknown, tokens: Token[], i: number, mask: (v: unknown) => unknown): unknown {
  if (i === tokens.length) return mask(node);
  const t = tokens[i]!;
  switch (t.kind) {
    case "deep": {
      const here = walk(node, tokens, i + 1, mask);
      if (Array.isArray(here)) return here.map((c) => walk(c, tokens, i, mask));
      if (isObject(here)) return mapValues(here, (c) => walk(c, tokens, i, mask));
      return here;
    }
    case "key":
      return isObject(node) && Object.hasOwn(node, t.name) ? { ...node, [t.name]: walk(node[t.name], tokens, i + 1, mask) } : node;
    case "anyKey":
      return isObject(node) ? mapValues(node, (c) => walk(c, tokens, i + 1, mask)) : node;
    case "anyIndex":
      return Array.isArray(node) ? node.map((c) => walk(c, tokens, i + 1, mask)) : node;
  }
}

/** A copy of `value` with every field the paths name masked in the style. */
export function maskByPaths(value: unknown, paths: Token[][], style: MaskStyle): unknown {
  let out = value;
  for (const tokens of paths) out = walk(out, tokens, 0, (v) => maskValue(v, style));
  return out;
}
