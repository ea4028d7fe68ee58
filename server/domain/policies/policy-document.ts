// The policy document: rules admins set that every path (console, API) enforces. Topic rules (a name
// pattern, partition, replication and retention bounds, an owner required) always refuse; schema
// rules (schema-rules.ts) have a severity each. A refused action names the rule ("topics.partitions.max").
import { z } from "zod";
import { safeRegExp, UnsafePatternError } from "@/server/lib/safe-regex";
import { CheckRules } from "./check-rules";
import { Override } from "./overrides";
import { SchemaRules } from "./schema-rules";

const Bounds = z
  .object({ min: z.number().int().min(0).optional(), max: z.number().int().min(0).optional() })
  .strict()
  .refine((b) => b.min === undefined || b.max === undefined || b.min <= b.max, "min is above max");

export const TopicRules = z
  .object({
    /** a regular expression (RE2) the whole topic name must match */
    namePattern: z.string().max(500).optional(),
    partitions: Bounds.optional(),
    replicationFactor: Bounds.optional(),
    /** retention.ms bounds; -1 (keep for ever) is above any max */
    retentionMs: Bounds.optional(),
    ownerRequired: z.boolean().optional(),
  })
  .strict();

export const PolicyDocument = z
  .object({
    topics: TopicRules.default({}),
    schemas: SchemaRules.prefault({}),
    checks: CheckRules.prefault({}),
    overrides: z.array(Override).max(200).default([]),
  })
  .strict();
export type PolicyDocument = z.output<typeof PolicyDocument>;

/** A broken rule: "error" refuses the action, "warning" is reported; `path` says where in the proposal. */
export type Violation = { rule: string; severity: "error" | "warning"; message: string; path: string };

/** A topic as proposed (created or changed): what the rules look at. */
export type TopicProposal = {
  name: string;
  partitions?: number;
  replicationFactor?: number;
  configs?: Record<string, string | null>;
  ownerTeam?: string | null;
};

export function patternProblem(pattern: string): string | null {
  try {
    safeRegExp(`^(?:${pattern})$`);
    return null;
  } catch (e) {
    return e instanceof UnsafePatternError ? e.message : String(e);
  }
}

export function checkTopic(doc: PolicyDocument, t: TopicProposal): Violation[] {
  const rules = doc.topics;
  const out: Violation[] = [];
  if (rules.namePattern && !safeRegExp(`^(?:${rules.namePattern})$`).test(t.name))
    out.push({
      rule: "topics.namePattern",
      severity: "error",
      message: `the name "${t.name}" does not match ${rules.namePattern}`,
      path: "name",
    });
  const bound = (
    what: string,
    key: "partitions" | "replicationFactor" | "retentionMs",
    value: number | undefined,
    shown = String(value),
    path: string = key,
  ) => {
    const b = rules[key];
    if (value === undefined || !b) return;
    const infinite = key === "retentionMs" && value < 0;
    if (b.min !== undefined && !infinite && value < b.min)
      out.push({ rule: `topics.${key}.min`, severity: "error", message: `${what} ${shown} is below the minimum ${b.min}`, path });
    if (b.max !== undefined && (infinite || value > b.max))
      out.push({ rule: `topics.${key}.max`, severity: "error", message: `${what} ${shown} is above the maximum ${b.max}`, path });
  };
  bound("partitions", "partitions", t.partitions);
  bound("replication factor", "replicationFactor", t.replicationFactor);
  const retention = t.configs?.["retention.ms"];
  if (retention !== undefined && retention !== null)
    bound("retention.ms", "retentionMs", Number(retention), retention === "-1" ? "-1 (for ever)" : retention, "configs.retention.ms");
  if (rules.ownerRequired && t.ownerTeam !== undefined && !t.ownerTeam)
    out.push({ rule: "topics.ownerRequired", severity: "error", message: "a topic needs an owner team", path: "ownerTeam" });
  return out;
}
