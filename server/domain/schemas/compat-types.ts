// The vocabulary shared by the three checkers and the registry.
export const SCHEMA_TYPES = ["AVRO", "JSON", "PROTOBUF"] as const;
export type SchemaType = (typeof SCHEMA_TYPES)[number];

export const COMPATIBILITY_LEVELS = [
  "NONE",
  "BACKWARD",
  "BACKWARD_TRANSITIVE",
  "FORWARD",
  "FORWARD_TRANSITIVE",
  "FULL",
  "FULL_TRANSITIVE",
] as const;
export type CompatibilityLevel = (typeof COMPATIBILITY_LEVELS)[number];

/** The subject name of the registry-wide configuration. */
export const GLOBAL = "";

export const MODES = ["READWRITE", "READONLY", "IMPORT", "FORWARD"] as const;
export type Mode = (typeof MODES)[number];

export type Direction = "BACKWARD" | "FORWARD";

/**
 * One reason a change is (in)compatible. `path` is a JSON pointer-like location in the schema
 * ("#/properties/foo", "/fields/1/type", "#/TestMessage/3"); `kind` is the checker's change kind.
 */
export type Incompatibility = { path: string; kind: string; message: string };

/** A change between two versions, labelled with what it does to each direction. */
export type LabelledChange = { path: string; kind: string; description: string; backward: boolean; forward: boolean };

export type Verdict = {
  compatible: boolean;
  messages: string[];
  reasons: (Incompatibility & { level: CompatibilityLevel; version?: number })[];
};
