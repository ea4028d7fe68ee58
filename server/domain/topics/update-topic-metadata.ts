import { db } from "@/server/db";
import { DomainError } from "@/server/errors";
import { UpdateTopicMetadataInput } from "./topic-contracts";

/** Owner, description and tags are ours, not the broker's: a re-sync never overwrites them. */
export async function updateTopicMetadata(raw: UpdateTopicMetadataInput) {
  const parsed = UpdateTopicMetadataInput.safeParse(raw);
  if (!parsed.success) throw new DomainError("INVALID_INPUT", parsed.error.issues.map((i) => i.message).join("; "));
  const input = parsed.data;
  const { count } = await db.topic.updateMany({
    where: { id: input.id },
    data: { ownerTeam: input.ownerTeam, description: input.description, tags: input.tags },
  });
  if (count === 0) throw new DomainError("NOT_FOUND", "topic not found", { id: input.id });
  return { id: input.id, ownerTeam: input.ownerTeam, description: input.description, tags: input.tags };
}
