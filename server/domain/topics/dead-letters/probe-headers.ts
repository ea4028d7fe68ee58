// A topic is a dead-letter queue by its name or by the headers of its records. Names are checked at
// every sync; headers need a read, so the worker probes a few topics per pass (the newest record of
// each partition), each at most once a day, and marks those whose records carry dead-letter headers.
import { db } from "@/server/db";
import { readTail } from "@/server/kafka";
import { toConnection } from "../cluster-connection";
import { normalizeDeadLetterHeaders } from "./normalize-headers";

const REPROBE_AFTER_MS = 24 * 3_600_000;

export async function probeDeadLetterHeaders(opts: { limit?: number; now?: Date; topicIds?: string[] } = {}) {
  const now = opts.now ?? new Date();
  const topics = await db.topic.findMany({
    where: {
      deletedAt: null,
      internal: false,
      deadLetter: false,
      deadLetterByHeaders: false,
      messageCount: { gt: 0 },
      cluster: { status: "OK" },
      OR: [{ headersProbedAt: null }, { headersProbedAt: { lt: new Date(now.getTime() - REPROBE_AFTER_MS) } }],
      ...(opts.topicIds ? { id: { in: opts.topicIds } } : {}),
    },
    orderBy: [{ headersProbedAt: { sort: "asc", nulls: "first" } }, { name: "asc" }],
    take: opts.limit ?? 10,
    include: { cluster: true },
  });
  const found: string[] = [];
  const errors: string[] = [];
  for (const t of topics) {
    let isDeadLetter = false;
    try {
      const records = await readTail(toConnection(t.cluster), t.name, 1);
      isDeadLetter = records.some((r) => normalizeDeadLetterHeaders(r.headers).family !== null);
    } catch (error) {
      errors.push(`${t.cluster.name}/${t.name}: ${(error as Error).message}`);
    }
    await db.topic.update({
      where: { id: t.id },
      data: { headersProbedAt: now, ...(isDeadLetter ? { deadLetter: true, deadLetterByHeaders: true } : {}) },
    });
    if (isDeadLetter) found.push(`${t.cluster.name}/${t.name}`);
  }
  return { probed: topics.length, found, errors };
}
