import { appendAudit } from "@/server/domain/audit";
import { authorizeOwnerChange, type Actor } from "@/server/domain/identity";
import { db } from "@/server/db";
import { DomainError, parseInput } from "@/server/errors";
import { UpdateTopicMetadataInput } from "./topic-contracts";

/** Owner, description and tags are ours, not the broker's: a re-sync never overwrites them. */
export async function updateTopicMetadata(actor: Actor, raw: UpdateTopicMetadataInput) {
  const input = parseInput(UpdateTopicMetadataInput, raw);
  const before = await db.topic.findUnique({
    where: { id: input.id },
    select: { name: true, clusterId: true, ownerTeam: true, description: true, tags: true },
  });
  if (!before) throw new DomainError("NOT_FOUND", "topic not found", { id: input.id });
  authorizeOwnerChange(actor, `topic "${before.name}"`, before.ownerTeam, input.ownerTeam);
  const after = { ownerTeam: input.ownerTeam, description: input.description, tags: input.tags };
  await db.$transaction(async (tx) => {
    const { count } = await tx.topic.updateMany({ where: { id: input.id }, data: after });
    if (count === 0) throw new DomainError("NOT_FOUND", "topic not found", { id: input.id });
    await appendAudit(tx, actor, {
      action: "topic.update",
      targetType: "topic",
      targetId: input.id,
      team: input.ownerTeam ?? before.ownerTeam,
      before: { ownerTeam: before.ownerTeam, description: before.description, tags: before.tags },
      after,
    });
  });
  return { id: input.id, ...after };
}
