// Parsed schemas, reused. Parsing is the costly part of a registry request (avsc compiles code per
// type; protobufjs and ajv build whole object graphs), and a parse depends only on its inputs:
// a stored schema by its id (ids are fingerprints, references are pinned when registered), a
// submitted one by a hash of its type, text and resolved references. Failed parses are not kept.
import { createHash } from "node:crypto";
import type { ParsedSchema, ResolvedReference } from "./schema-formats";

const MAX_ENTRIES = 5_000;
const cache = new Map<string, ParsedSchema>();

export function storedKey(id: number): string {
  return `id:${id}`;
}

export function submittedKey(type: string, schema: string, references: ResolvedReference[]): string {
  const hash = createHash("sha256").update(type).update("\0").update(schema);
  for (const r of references) hash.update("\0").update(r.name).update("\0").update(r.schema);
  return `text:${hash.digest("base64")}`;
}

export async function cachedParse(key: string, parse: () => ParsedSchema | Promise<ParsedSchema>): Promise<ParsedSchema> {
  const hit = cache.get(key);
  if (hit) {
    // Map keeps insertion order: re-inserting makes this the most recently used entry.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const parsed = await parse();
  cache.set(key, parsed);
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return parsed;
}
