// A schema held against the policy (server/domain/policies): the event types it describes, their
// fields and names, and the subject's compatibility level. Used by registration (a rule set to "error"
// refuses it) and by the check that CI pipelines and the console call before registering.
import { schemaViolations, type Violation } from "@/server/domain/policies";
import { cachedParse, storedKey } from "./parsed-cache";
import { getVersion } from "./query-registry";
import { subjectOwners } from "./subject-owner";
import { listSubjectSummaries } from "./subject-summaries";
import { parseSchema, type ParsedSchema } from "./schema-formats";
import { resolveReferences } from "./query-registry";
import { prepareSchema } from "./register-schema";
import { effectiveConfig } from "./registry-config";
import { schemaShape } from "./schema-shape";
import type { SchemaType } from "./compat-types";

/** The rules a proposed schema breaks (errors and warnings), without registering it. */
export async function checkSchemaPolicy(input: {
  subject: string;
  schemaType?: string;
  schema: string;
  references?: { name: string; subject: string; version: number }[];
  /** the level the subject will have (a new subject registered with one), else its effective level */
  level?: string;
}) {
  // Checked and parsed exactly as a registration would be (same errors, same cache).
  const { parsed } = await prepareSchema(input, false);
  const compatibility = input.level ?? (await effectiveConfig(input.subject)).level;
  const ownerTeam = (await subjectOwners([input.subject])).get(input.subject) ?? null;
  return schemaViolations({ subject: input.subject, events: schemaShape(parsed), compatibility, ownerTeam });
}

export type SubjectFindings = {
  subject: string;
  version: number;
  schemaId: number;
  type: SchemaType;
  level: string;
  ownerTeam: string | null;
  violations: Violation[];
};

/**
 * The latest live version of every value subject held against the policy (keys are not events, so
 * `-key` subjects are left out): what the scorecard reports. Parsed schemas come from the shared
 * cache, so a pass over an unchanged registry parses nothing again.
 */
export async function latestSubjectFindings(): Promise<SubjectFindings[]> {
  const { items } = await listSubjectSummaries({ offset: 0, limit: Number.MAX_SAFE_INTEGER });
  const values = items.filter((s) => !s.subject.endsWith("-key"));
  const owners = await subjectOwners(values.map((s) => s.subject));
  const out: SubjectFindings[] = [];
  for (const s of values) {
    const stored = await getVersion(s.subject, String(s.latestVersion));
    let parsed: ParsedSchema;
    try {
      parsed = await cachedParse(storedKey(stored.id), async () =>
        parseSchema(stored.type, { schema: stored.schema, references: await resolveReferences(stored.references) }),
      );
    } catch {
      continue; // a stored schema that no longer parses (a reference deleted) is the registry's problem, not a policy finding
    }
    const violations = await schemaViolations({
      subject: s.subject,
      events: schemaShape(parsed),
      compatibility: s.level,
      ownerTeam: owners.get(s.subject) ?? null,
    });
    out.push({
      subject: s.subject,
      version: s.latestVersion,
      schemaId: s.id,
      type: s.type,
      level: s.level,
      ownerTeam: owners.get(s.subject) ?? null,
      violations,
    });
  }
  return out;
}
