// A topic is a dead-letter queue by its name or by the headers of its records. Names are checked at
// every sync; headers need a read, so the worker probes a few topics per pass (the newest record of
// each partition), each at most once a day, and marks those whose records carry dead-letter headers.
import { clusterConnection, listClusterRefs } from "@/server/domain/connections";
import { recordHeaderProbe, topicsToProbe } from "@/server/domain/topics";
import { isDeadLetterRecord } from "./is-dead-letter";

const REPROBE_AFTER_MS = 24 * 3_600_000;

export async function probeDeadLetterHeaders(opts: { limit?: number; now?: Date; topicIds?: string[] } = {}) {
  const now = opts.now ?? new Date();
  const reachable = (await listClusterRefs()).filter((c) => c.status === "OK");
  const topics = await topicsToProbe({
    clusterIds: reachable.map((c) => c.id),
    probedBefore: new Date(now.getTime() - REPROBE_AFTER_MS),
    limit: opts.limit ?? 10,
    ids: opts.topicIds,
  });
  const found: string[] = [];
  const errors: string[] = [];
  for (const t of topics) {
    let isDeadLetter = false;
    const clusterName = reachable.find((c) => c.id === t.clusterId)?.name ?? t.clusterId;
    try {
      const { broker } = await clusterConnection(t.clusterId);
      const records = await broker.readTail(t, 1);
      isDeadLetter = records.some((r) => isDeadLetterRecord(r.headers));
    } catch (error) {
      errors.push(`${clusterName}/${t.name}: ${(error as Error).message}`);
    }
    await recordHeaderProbe(t.id, now, isDeadLetter);
    if (isDeadLetter) found.push(`${clusterName}/${t.name}`);
  }
  return { probed: topics.length, found, errors };
}
