// A compatibility level decides which earlier versions the candidate is checked against and in
// which direction: BACKWARD (the candidate reads old data), FORWARD (old readers read new data),
// FULL (both); the _TRANSITIVE levels check every earlier version, the others only the latest.
import type { CompatibilityLevel, Incompatibility, Verdict } from "./compat-types";
import { backwardIncompatibilities, parseSchema, type ParsedSchema, type SchemaSource } from "./schema-formats";
import type { SchemaType } from "./compat-types";
import { JsonSchemaError } from "./json/json-model";
import { RegistryError } from "./registry-errors";

export type PreviousVersion = { version?: number; parsed: ParsedSchema };

export function directionsOf(level: CompatibilityLevel): { backward: boolean; forward: boolean; transitive: boolean } {
  return {
    backward: level.startsWith("BACKWARD") || level.startsWith("FULL"),
    forward: level.startsWith("FORWARD") || level.startsWith("FULL"),
    transitive: level.endsWith("_TRANSITIVE"),
  };
}

/** `previous` is oldest first. */
export function checkParsed(level: CompatibilityLevel, previous: PreviousVersion[], candidate: ParsedSchema): Verdict {
  try {
    return compare(level, previous, candidate);
  } catch (error) {
    // JSON Schema $refs resolve lazily, during the comparison: one that leads nowhere is the
    // schema's fault (42201), not the registry's (500).
    if (error instanceof JsonSchemaError) throw new RegistryError("INVALID_SCHEMA", `Invalid schema: ${error.message}`);
    throw error;
  }
}

function compare(level: CompatibilityLevel, previous: PreviousVersion[], candidate: ParsedSchema): Verdict {
  if (level === "NONE" || previous.length === 0) return { compatible: true, messages: [], reasons: [] };
  const { backward, forward, transitive } = directionsOf(level);
  const against = transitive ? [...previous].reverse() : previous.slice(-1);
  const reasons: Verdict["reasons"] = [];
  for (const old of against) {
    const found: Incompatibility[] = [
      ...(backward ? backwardIncompatibilities(old.parsed, candidate) : []),
      ...(forward ? backwardIncompatibilities(candidate, old.parsed).map((i) => ({ ...i, kind: i.kind })) : []),
    ];
    for (const reason of found) reasons.push({ ...reason, level, ...(old.version !== undefined ? { version: old.version } : {}) });
  }
  return { compatible: reasons.length === 0, messages: reasons.map(messageOf), reasons };
}

function messageOf(reason: Verdict["reasons"][number]): string {
  const where = reason.version !== undefined ? `, oldSchemaVersion: ${reason.version}` : "";
  return `{errorType: "${reason.kind}", description: "${reason.message}", location: "${reason.path}"${where}, compatibility: "${reason.level}"}`;
}

/** Convenience for callers holding schema text: parses, then checks. */
export function checkCompatibility(
  type: SchemaType,
  level: CompatibilityLevel,
  previous: SchemaSource[],
  candidate: SchemaSource,
): Verdict {
  return checkParsed(
    level,
    previous.map((p, i) => ({ version: i + 1, parsed: parseSchema(type, p) })),
    parseSchema(type, candidate),
  );
}
