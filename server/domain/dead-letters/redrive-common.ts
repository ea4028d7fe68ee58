// What every redrive shares, whatever the broker: which targets a letter may go back to, what its
// headers become, and how an earlier claim on the same letter is worded.
import { z } from "zod";
import { can, type Actor } from "@/server/domain/identity";
import type { TopicRef } from "@/server/domain/topics";
import { normalizeDeadLetterHeaders } from "./normalize-headers";

export const RedriveInput = z.object({
  topicId: z.string().uuid(),
  records: z
    .array(
      z.object({
        partition: z.number().int().min(0),
        offset: z.string().regex(/^\d+$/),
        /** RabbitMQ: the letter's identity as the page read it */
        id: z
          .string()
          .regex(/^[0-9a-f]{32}(\.\d{1,6})?$/, "not a letter identity")
          .optional(),
      }),
    )
    .min(1, "select at least one record")
    .max(1_000),
  dryRun: z.boolean().default(true),
});

export type RedrivePlanItem = {
  partition: number;
  offset: string;
  /** RabbitMQ: the letter's identity (a queue has no stable positions); JetStream: the dead-letter event */
  id?: string;
  targetTopic: string | null;
  skipped: string | null;
  /** something the person should know before sending (who else receives it) */
  note?: string;
};

export type RedriveResult = { dryRun: boolean; plan: RedrivePlanItem[]; sent: number };

/** Why a letter may not go back to `name` (a DLQ's headers are written by whoever can write to the
 *  DLQ, so the target must be a catalogued, non-internal, non-DLQ destination the actor may produce
 *  into), or null when it may. */
export function targetRefusal(
  actor: Actor,
  target: Pick<TopicRef, "internal" | "deadLetter" | "ownerTeam"> | undefined,
  name: string,
  where: { noun: string; connection: string },
): string | null {
  if (!target) return `its original ${where.noun} "${name}" is not a ${where.noun} of ${where.connection}`;
  if (target.internal || target.deadLetter)
    return `its original ${where.noun} "${name}" is ${target.internal ? "internal" : "a dead-letter queue"}`;
  if (!can(actor, "records:produce", target.ownerTeam))
    return `${actor.name} may not produce into "${name}" (owner: ${target.ownerTeam ?? "nobody"})`;
  return null;
}

export type RedriveMark = { id: string; batchId: string; actor: string; at: string };

/** The letter's headers without its failure headers (and any `drop`ped), marked as redriven. */
export function redriveHeaders(
  headers: Record<string, Buffer[]>,
  mark: RedriveMark,
  drop: (name: string) => boolean = () => false,
): Record<string, Buffer | string> {
  const failure = new Set(normalizeDeadLetterHeaders(headers).errorHeaders);
  const out: Record<string, Buffer | string> = {};
  for (const [name, values] of Object.entries(headers)) if (!failure.has(name) && !drop(name) && values[0]) out[name] = values[0];
  out["x-redrive-id"] = mark.id;
  out["x-redrive-batch"] = mark.batchId;
  out["x-redrive-by"] = mark.actor;
  out["x-redrive-at"] = mark.at;
  return out;
}

/** An earlier claim on the same letter, in words: sent, or stopped before the broker confirmed it. */
export function previousClaim(c: { status: string; actor: string; at: Date; targetTopic: string }): string {
  return c.status === "sending"
    ? `a redrive by ${c.actor} at ${c.at.toISOString()} stopped before the broker confirmed it; check ${c.targetTopic} for x-redrive-id before sending it again`
    : c.status === "sent"
      ? `already redriven ${c.at.toISOString()} by ${c.actor}`
      : `moved back to ${c.targetTopic} ${c.at.toISOString()} by ${c.actor}`;
}
