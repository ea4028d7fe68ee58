// The text we store and compare. Avro and JSON schemas become compact single-line JSON (what
// Confluent returns, and what makes whitespace-only edits the same schema); `normalize` goes
// further and sorts object keys, so that semantically equal schemas get the same id. Protobuf
// keeps its text (trimmed); normalized, comments and redundant whitespace go.
import { createHash } from "node:crypto";
import type { SchemaType } from "./compat-types";
import { stableKey } from "./json/json-model";

export type SchemaReferenceInput = { name: string; subject: string; version: number };

/** Block comments out, in one pass: indexOf, not a lazy regex that rescans the rest of the text after
 *  every unclosed "/*" (quadratic on a hostile schema). An unclosed one is kept, as before. */
function withoutBlockComments(text: string): string {
  let out = "";
  let at = 0;
  for (;;) {
    const open = text.indexOf("/*", at);
    const close = open < 0 ? -1 : text.indexOf("*/", open + 2);
    if (close < 0) return out + text.slice(at);
    out += text.slice(at, open);
    at = close + 2;
  }
}

/** A small memo of pure results keyed by a text (one map per kind, so the key is the text itself: no
 *  concatenated key to build and hash on every request). Big texts are rarely re-sent and not kept. */
class TextMemo {
  private readonly kinds = new Map<string, Map<string, string>>();
  private size = 0;
  get(kind: string, text: string): string | undefined {
    return this.kinds.get(kind)?.get(text);
  }
  set(kind: string, text: string, value: string): void {
    if (text.length > 65_536) return;
    if (this.size >= 2_000) {
      this.kinds.clear();
      this.size = 0;
    }
    let map = this.kinds.get(kind);
    if (!map) this.kinds.set(kind, (map = new Map()));
    if (!map.has(text)) this.size++;
    map.set(text, value);
  }
}

// Serializers register the same text again and again: its canonical form is kept (it is a pure function).
const canonicalForms = new TextMemo();

export function canonicalText(type: SchemaType, text: string, normalize: boolean): string {
  const kind = normalize ? `${type}:normalized` : type;
  const known = canonicalForms.get(kind, text);
  if (known !== undefined) return known;
  const canonical = computeCanonical(type, text, normalize);
  canonicalForms.set(kind, text, canonical);
  return canonical;
}

function computeCanonical(type: SchemaType, text: string, normalize: boolean): string {
  if (type === "PROTOBUF") {
    if (!normalize) return text.trim();
    return withoutBlockComments(text)
      .replace(/\/\/[^\n]*/g, "")
      .split("\n")
      .map((line) => line.trim().replace(/\s+/g, " "))
      .filter(Boolean)
      .join("\n");
  }
  const parsed = JSON.parse(text) as unknown;
  return normalize ? stableKey(parsed) : JSON.stringify(parsed);
}

// The same canonical texts come back with every re-registration, lookup and check: their hashes are kept
// too (only for schemas without references, which are nearly all and need no key of their own).
const fingerprints = new TextMemo();

export function fingerprint(type: SchemaType, canonical: string, references: SchemaReferenceInput[]): string {
  const known = references.length ? undefined : fingerprints.get(type, canonical);
  if (known !== undefined) return known;
  const hash = createHash("sha256")
    .update(JSON.stringify([type, canonical, references.map((r) => [r.name, r.subject, r.version])]))
    .digest("hex");
  if (!references.length) fingerprints.set(type, canonical, hash);
  return hash;
}
