// The policy's rules for schemas: the envelope fields every event carries, event types named as facts,
// a minimum compatibility level, a subject name pattern. Each rule has a severity: "error" refuses the
// registration (console and Confluent REST alike), "warning" is reported by the check and the scorecard,
// "off" is not checked. A fresh install warns on the envelope, on command-style names and on subjects
// at NONE.
import { z } from "zod";
import { safeRegExp } from "@/server/lib/safe-regex";
import { commandStyle } from "./event-names";
import { comparable, FieldPath } from "./field-paths";

export const Severity = z.enum(["off", "warning", "error"]);
export type Severity = z.output<typeof Severity>;

export const LEVELS = ["NONE", "BACKWARD", "BACKWARD_TRANSITIVE", "FORWARD", "FORWARD_TRANSITIVE", "FULL", "FULL_TRANSITIVE"] as const;
export const DEFAULT_ENVELOPE = ["event_id", "timestamp", "version", "aggregate_id", "correlation_id"];

export const SchemaRules = z
  .object({
    envelope: z
      .object({
        severity: Severity.default("warning"),
        fields: z
          .array(FieldPath)
          .max(50)
          .default(() => [...DEFAULT_ENVELOPE]),
      })
      .strict()
      .prefault({}),
    eventNames: z
      .object({ severity: Severity.default("warning") })
      .strict()
      .prefault({}),
    /** a subject at NONE takes any change: every consumer finds out in production */
    compatibilityNone: z
      .object({ severity: Severity.default("warning") })
      .strict()
      .prefault({}),
    minCompatibility: z
      .object({ level: z.enum(LEVELS), severity: Severity.default("error") })
      .strict()
      .optional(),
    subjectNamePattern: z
      .object({ pattern: z.string().max(500), severity: Severity.default("error") })
      .strict()
      .optional(),
  })
  .strict();
export type SchemaRules = z.output<typeof SchemaRules>;

/** One event type a schema describes (the schemas context computes it from the parsed schema). */
export type EventShape = {
  /** the event type's name without its namespace or package, or null when the schema names none */
  name: string | null;
  /** where the name is written in the schema ("name", "title", "message OrderPlaced") */
  namePath: string;
  /** field paths, dotted, up to three levels ("metadata.event_id") */
  fields: string[];
};
export type SchemaProposal = {
  subject: string;
  events: EventShape[];
  compatibility: string;
  /** the subject's owner team, for the policy's per-team overrides */
  ownerTeam?: string | null;
};
export type SchemaViolation = { rule: string; severity: "error" | "warning"; message: string; path: string };

function directions(level: string) {
  return {
    backward: level.startsWith("BACKWARD") || level.startsWith("FULL"),
    forward: level.startsWith("FORWARD") || level.startsWith("FULL"),
    transitive: level.endsWith("_TRANSITIVE"),
  };
}

/** Does `level` give every guarantee `minimum` asks for? (FULL covers BACKWARD; transitive covers plain.) */
export function meetsLevel(level: string, minimum: string): boolean {
  const has = directions(level);
  const wants = directions(minimum);
  return (!wants.backward || has.backward) && (!wants.forward || has.forward) && (!wants.transitive || has.transitive);
}

export function checkSchema(rules: SchemaRules, p: SchemaProposal): SchemaViolation[] {
  const out: SchemaViolation[] = [];
  const add = (rule: string, severity: Severity, message: string, path: string) => {
    if (severity !== "off") out.push({ rule, severity, message, path });
  };
  if (rules.subjectNamePattern && !safeRegExp(`^(?:${rules.subjectNamePattern.pattern})$`).test(p.subject))
    add(
      "schemas.subjectNamePattern",
      rules.subjectNamePattern.severity,
      `the subject "${p.subject}" does not match ${rules.subjectNamePattern.pattern}`,
      "subject",
    );
  if (p.compatibility === "NONE")
    add(
      "schemas.compatibilityNone",
      rules.compatibilityNone.severity,
      `the subject's compatibility is NONE: any change is accepted, breaking ones too`,
      "compatibility",
    );
  if (rules.minCompatibility && !meetsLevel(p.compatibility, rules.minCompatibility.level))
    add(
      "schemas.minCompatibility",
      rules.minCompatibility.severity,
      `the subject's compatibility is ${p.compatibility}; the policy asks for at least ${rules.minCompatibility.level}`,
      "compatibility",
    );
  for (const event of p.events) {
    const label = event.name ? `${event.name}` : "the event";
    const has = new Set(event.fields.map(comparable));
    const missing = rules.envelope.fields.filter((f) => !has.has(comparable(f)));
    for (const field of missing)
      add("schemas.envelope", rules.envelope.severity, `${label} has no envelope field "${field}"`, `${event.name ?? "$"}.${field}`);
    const command = event.name ? commandStyle(event.name) : null;
    if (command) add("schemas.eventNames", rules.eventNames.severity, command, event.namePath);
  }
  return out;
}
