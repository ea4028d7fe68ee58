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

// Serializers register the same text again and again: its canonical form is kept (it is a pure function).
const canonicalForms = new Map<string, string>();

export function canonicalText(type: SchemaType, text: string, normalize: boolean): string {
  const key = `${type}\u0000${normalize ? 1 : 0}\u0000${text}`;
  const known = canonicalForms.get(key);
  if (known !== undefined) return known;
  const canonical = computeCanonical(type, text, normalize);
  if (text.length > 65_536) return canonical; // the memo stays small; big schemas are rarely re-sent
  if (canonicalForms.size >= 2_000) canonicalForms.delete(canonicalForms.keys().next().value!);
  canonicalForms.set(key, canonical);
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

export function fingerprint(type: SchemaType, canonical: string, references: SchemaReferenceInput[]): string {
  return createHash("sha256")
    .update(JSON.stringify([type, canonical, references.map((r) => [r.name, r.subject, r.version])]))
    .digest("hex");
}
