// Retention: once a minute, every store with history drops what is older than its configured time.
import type { Collector } from "../runtime/collector";
import { prepareSpanDays } from "@/server/domain/traces";
import { pruneOnce } from "./prune-once";

export function retentionCollector(): Collector {
  return {
    name: "retention",
    intervalMs: 60_000,
    tick: async () => {
      // Tomorrow's span tables exist before its first span, so ingest rarely has to create one.
      await prepareSpanDays(new Date());
      await pruneOnce();
    },
  };
}
