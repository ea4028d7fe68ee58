// Retention: once a minute, every store with history drops what is older than its configured time.
import type { Collector } from "../runtime/collector";
import { pruneOnce } from "./prune-once";

export function retentionCollector(): Collector {
  return { name: "retention", intervalMs: 60_000, tick: async () => void (await pruneOnce()) };
}
