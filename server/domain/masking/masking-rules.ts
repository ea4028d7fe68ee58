// Masking rules, set by admins (audited), and the masker a read uses: every payload an actor of a
// masked role receives goes through it first, so the unmasked value never leaves the server for
// them. A value that is not structured (text that is not JSON, bytes that did not decode) cannot
// have fields told apart: under a rule it is masked whole. Keys are masked by the same paths when
// they are structured; a plain key (an id, most often) stays as it is.
import { z } from "zod";
import { audited } from "@/server/domain/audit";
import { authorize, ROLES, type Actor } from "@/server/domain/identity";
import type { DecodedPayload } from "@/server/domain/schemas";
import { db } from "@/server/db";
import { DomainError, parseInput } from "@/server/errors";
import { globMatcher } from "@/server/lib/safe-regex";
import { MaskPathError, maskByPaths, parseMaskPath, type MaskStyle } from "./mask-paths";

export const MaskingRuleInput = z.object({
  name: z.string().trim().min(1).max(120),
  topicPattern: z.string().trim().min(1).max(300).default("*"),
  paths: z.array(z.string().trim().min(3).max(300)).min(1, "name at least one field path").max(50),
  maskFor: z.array(z.enum(ROLES)).min(1, "name the roles that see masked values"),
  style: z.enum(["redact", "last4", "hash"]).default("redact"),
});

function checkPaths(paths: string[]) {
  for (const p of paths) {
    try {
      parseMaskPath(p);
    } catch (e) {
      if (e instanceof MaskPathError) throw new DomainError("INVALID_INPUT", e.message);
      throw e;
    }
  }
}

export async function listMaskingRules() {
  return db.maskingRule.findMany({ orderBy: { name: "asc" } });
}

export async function createMaskingRule(actor: Actor, raw: z.input<typeof MaskingRuleInput>) {
  authorize(actor, "admin", { what: "masking rules" });
  const input = parseInput(MaskingRuleInput, raw);
  checkPaths(input.paths);
  if (await db.maskingRule.findUnique({ where: { name: input.name } }))
    throw new DomainError("CONFLICT", `A masking rule is already named "${input.name}"`);
  return audited(
    actor,
    (tx) => tx.maskingRule.create({ data: { ...input, createdBy: actor.name } }),
    (rule) => ({ action: "masking.create", targetType: "masking-rule", targetId: rule.id, after: input }),
  );
}

export async function updateMaskingRule(actor: Actor, id: string, raw: z.input<typeof MaskingRuleInput>) {
  authorize(actor, "admin", { what: "masking rules" });
  const input = parseInput(MaskingRuleInput, raw);
  checkPaths(input.paths);
  const before = await db.maskingRule.findUnique({ where: { id } });
  if (!before) throw new DomainError("NOT_FOUND", "No such masking rule");
  return audited(
    actor,
    (tx) => tx.maskingRule.update({ where: { id }, data: input }),
    () => ({ action: "masking.update", targetType: "masking-rule", targetId: id, before, after: input }),
  );
}

export async function deleteMaskingRule(actor: Actor, id: string) {
  authorize(actor, "admin", { what: "masking rules" });
  const before = await db.maskingRule.findUnique({ where: { id } });
  if (!before) throw new DomainError("NOT_FOUND", "No such masking rule");
  await audited(
    actor,
    (tx) => tx.maskingRule.delete({ where: { id } }),
    () => ({ action: "masking.delete", targetType: "masking-rule", targetId: id, before }),
  );
}

export type PayloadMasker = ((p: DecodedPayload, part?: "key" | "value") => DecodedPayload) & { active: boolean };

const WHOLE = "**** (masked: this payload has no fields to tell apart)";

/** What this actor may receive of payloads from `topic`: the identity when no rule covers them. */
export async function payloadMasker(actor: Pick<Actor, "role">, topic: string): Promise<PayloadMasker> {
  const rules = (await listMaskingRules()).filter((r) => r.maskFor.includes(actor.role) && globMatcher(r.topicPattern)(topic));
  if (!rules.length) return Object.assign((p: DecodedPayload) => p, { active: false });
  const compiled = rules.map((r) => ({ paths: r.paths.map(parseMaskPath), style: r.style as MaskStyle }));
  const mask = (json: unknown) => compiled.reduce((v, r) => maskByPaths(v, r.paths, r.style), json);
  const masker = (p: DecodedPayload, part: "key" | "value" = "value"): DecodedPayload => {
    switch (p.kind) {
      case "empty":
        return p;
      case "schema":
        return { ...p, json: mask(p.json) };
      case "text": {
        if (/^\s*[[{]/.test(p.text)) {
          try {
            return { kind: "text", text: JSON.stringify(mask(JSON.parse(p.text))) };
          } catch {
            // not JSON after all: masked whole below
          }
        }
        return part === "key" ? p : { kind: "text", text: WHOLE };
      }
      default:
        return part === "key" ? p : { kind: "text", text: WHOLE };
    }
  };
  return Object.assign(masker, { active: true });
}
