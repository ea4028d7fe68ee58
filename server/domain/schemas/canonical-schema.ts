// The text we store and compare. Avro and JSON schemas become compact single-line JSON (what
// Confluent returns, and what makes whitespace-only edits the same schema); `normalize` goes
// further and sorts object keys, so that semantically equal schemas get the same id. Protobuf
// keeps its text (trimmed); normalized, comments and redundant whitespace go.
import { createHash } from "node:crypto";
import type { SchemaType } from "./compat-types";
import { stableKey } from "./json/json-model";

export type SchemaReferenceInput = { name: string; subject: string; version: number };

export function canonicalText(type: SchemaType, text: string, normalize: boolean): string {
  if (type === "PROTOBUF") {
    if (!normalize) return text.trim();
    return text
      .replace(/\/\*[\s\S]*?\*\//g, "")
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
