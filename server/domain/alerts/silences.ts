// Silences: label matchers (all must be equal) that mute notifications until they expire. Muted
// alerts are still evaluated and recorded; only their notifications are held back.
import { z } from "zod";
import { db } from "@/server/db";
import { DomainError } from "@/server/errors";

export const SilenceInput = z.object({
  matchers: z.record(z.string().min(1), z.string()).refine((m) => Object.keys(m).length > 0, "a silence needs at least one matcher"),
  endsAt: z.coerce.date(),
  comment: z.string().max(1000).default(""),
});

export async function createSilence(input: z.input<typeof SilenceInput>, createdBy = "ui") {
  const r = SilenceInput.safeParse(input);
  if (!r.success) throw new DomainError("INVALID_INPUT", r.error.issues.map((i) => i.message).join("; "));
  if (r.data.endsAt <= new Date()) throw new DomainError("INVALID_INPUT", "a silence must end in the future");
  return db.silence.create({ data: { ...r.data, createdBy } });
}

export async function expireSilence(id: string) {
  await db.silence.update({ where: { id }, data: { endsAt: new Date() } });
}

export async function activeSilences(now = new Date()) {
  return db.silence.findMany({ where: { startsAt: { lte: now }, endsAt: { gt: now } }, orderBy: { endsAt: "asc" } });
}

export function isSilenced(labels: Record<string, string>, silences: { matchers: unknown }[]): boolean {
  return silences.some((s) => Object.entries(s.matchers as Record<string, string>).every(([k, v]) => labels[k] === v));
}
