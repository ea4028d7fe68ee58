import { db } from "@/server/db";

/** Exception classes first seen in a queue since `since` (not those recorded as a queue's baseline). */
export async function newExceptionClasses(since: Date) {
  return db.deadLetterClass.findMany({
    where: { baseline: false, firstSeenAt: { gte: since } },
    select: { topicId: true, exceptionClass: true, partition: true, offset: true, example: true, firstSeenAt: true },
  });
}
