// The policy in force (the newest version) and its changes: admins only, audited, each a new version.
import { z } from "zod";
import { audited } from "@/server/domain/audit";
import { authorize, type Actor } from "@/server/domain/identity";
import { db, rawQuery, sharedRead } from "@/server/db";
import { DomainError } from "@/server/errors";
import { checkTopic, patternProblem, PolicyDocument, type TopicProposal, type Violation } from "./policy-document";
import { checkSchema, type SchemaProposal } from "./schema-rules";
import { applyOverrides, severityIn } from "./overrides";
import { liftedForOverrides } from "./lift-overrides";

type PolicyRow = { version: number; document: PolicyDocument; author: string; at: Date };

// A policy version never changes once written: the newest one read is kept, parsed, and every
// registration and topic change (which all read the policy in force) asks only for the newest
// version's number, a one-row index read, instead of the whole document through Prisma; concurrent
// requests share that read (one sent after each of them arrived: a policy saved before a request
// arrived is the one it meets).
let kept: PolicyRow | null = null;
const newestVersion = sharedRead(async () => {
  const [head] = await rawQuery<{ version: number }>(`SELECT "version" FROM "PolicyVersion" ORDER BY "version" DESC LIMIT 1`);
  return head ?? null;
});

export async function currentPolicy(): Promise<{
  version: number | null;
  document: PolicyDocument;
  author: string | null;
  at: Date | null;
}> {
  const head = await newestVersion();
  if (!head) return { version: null, document: PolicyDocument.parse({}), author: null, at: null };
  if (kept?.version !== head.version) {
    // Removed after the shared read (only a test's cleanup does that): the newest row now, read directly.
    const row =
      (await db.policyVersion.findUnique({ where: { version: head.version } })) ??
      (await db.policyVersion.findFirst({ orderBy: { version: "desc" } }));
    if (!row) return { version: null, document: PolicyDocument.parse({}), author: null, at: null };
    kept = { version: row.version, document: PolicyDocument.parse(row.document), author: row.author, at: row.at };
  }
  return kept;
}

export async function setPolicy(actor: Actor, raw: z.input<typeof PolicyDocument>) {
  authorize(actor, "admin", { what: "the policy" });
  const parsed = PolicyDocument.safeParse(raw);
  // Each problem names where it is in the document: the YAML editor's user needs the path.
  if (!parsed.success)
    throw new DomainError(
      "INVALID_INPUT",
      parsed.error.issues.map((i) => `${i.path.join(".") || "the document"}: ${i.message}`).join("; "),
    );
  const document = parsed.data;
  const patterns: Record<string, string | undefined> = {
    "topics.namePattern": document.topics.namePattern,
    "schemas.subjectNamePattern": document.schemas.subjectNamePattern?.pattern,
  };
  document.overrides.forEach((o, i) => (patterns[`overrides.${i}.names`] = o.names));
  for (const [where, pattern] of Object.entries(patterns)) {
    const bad = pattern ? patternProblem(pattern) : null;
    if (bad) throw new DomainError("INVALID_INPUT", `${where}: ${bad}`);
  }
  const before = await currentPolicy();
  return audited(
    actor,
    (tx) => tx.policyVersion.create({ data: { document, author: actor.name } }),
    (row) => ({ action: "policy.update", targetType: "policy", targetId: String(row.version), before: before.document, after: document }),
  );
}

/** Every rule a topic proposal breaks, after the overrides for its team and name. */
export async function topicViolations(proposal: TopicProposal): Promise<Violation[]> {
  const { document } = await currentPolicy();
  return applyOverrides(document.overrides, checkTopic(document, proposal), { team: proposal.ownerTeam, names: [proposal.name] });
}

/** Refuses a topic proposal that breaks a rule at "error" (every topic rule, unless an override says otherwise). */
export async function enforceTopicPolicy(proposal: TopicProposal): Promise<void> {
  const violations = await topicViolations(proposal);
  const errors = violations.filter((v) => v.severity === "error");
  if (errors.length) throw new PolicyRefusal(errors);
}

/** Every rule a schema proposal breaks, errors and warnings. */
export async function schemaViolations(proposal: SchemaProposal): Promise<Violation[]> {
  const { document, offRules } = liftedForOverrides((await currentPolicy()).document);
  const scope = { team: proposal.ownerTeam, names: [proposal.subject] };
  return checkSchema(document.schemas, proposal).flatMap((v) => {
    const severity = severityIn(document.overrides, v.rule, offRules.has(v.rule) ? "off" : v.severity, scope);
    return severity === "off" ? [] : [{ ...v, severity }];
  });
}

/** Refuses a schema proposal that breaks a rule set to "error"; answers the warnings otherwise. */
export async function enforceSchemaPolicy(proposal: SchemaProposal): Promise<Violation[]> {
  const violations = await schemaViolations(proposal);
  const errors = violations.filter((v) => v.severity === "error");
  if (errors.length) throw new PolicyRefusal(errors);
  return violations;
}

/** An action the policy refuses; the registry answers it in Confluent's terms, tRPC as INVALID_INPUT. */
export class PolicyRefusal extends DomainError {
  constructor(readonly violations: Violation[]) {
    super("INVALID_INPUT", refusal(violations), { violations });
    this.name = "PolicyRefusal";
  }
}

export function refusal(violations: Violation[]): string {
  return `Refused by the policy: ${violations.map((v) => `${v.rule} (${v.message})`).join("; ")}`;
}
