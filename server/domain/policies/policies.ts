// The policy in force (the newest version) and its changes: admins only, audited, each a new version.
import { z } from "zod";
import { audited } from "@/server/domain/audit";
import { authorize, type Actor } from "@/server/domain/identity";
import { db } from "@/server/db";
import { DomainError, parseInput } from "@/server/errors";
import { checkTopic, patternProblem, PolicyDocument, type TopicProposal, type Violation } from "./policy-document";

export async function currentPolicy(): Promise<{
  version: number | null;
  document: PolicyDocument;
  author: string | null;
  at: Date | null;
}> {
  const row = await db.policyVersion.findFirst({ orderBy: { version: "desc" } });
  if (!row) return { version: null, document: PolicyDocument.parse({}), author: null, at: null };
  return { version: row.version, document: PolicyDocument.parse(row.document), author: row.author, at: row.at };
}

export async function setPolicy(actor: Actor, raw: z.input<typeof PolicyDocument>) {
  authorize(actor, "admin", { what: "the policy" });
  const document = parseInput(PolicyDocument, raw);
  const bad = document.topics.namePattern ? patternProblem(document.topics.namePattern) : null;
  if (bad) throw new DomainError("INVALID_INPUT", `topics.namePattern: ${bad}`);
  const before = await currentPolicy();
  return audited(
    actor,
    (tx) => tx.policyVersion.create({ data: { document, author: actor.name } }),
    (row) => ({ action: "policy.update", targetType: "policy", targetId: String(row.version), before: before.document, after: document }),
  );
}

/** Refuses a topic proposal that breaks the policy, naming each rule it breaks. */
export async function enforceTopicPolicy(proposal: TopicProposal): Promise<void> {
  const violations = checkTopic((await currentPolicy()).document, proposal);
  if (violations.length) throw new DomainError("INVALID_INPUT", refusal(violations), { violations });
}

export function refusal(violations: Violation[]): string {
  return `Refused by the policy: ${violations.map((v) => `${v.rule} (${v.message})`).join("; ")}`;
}
