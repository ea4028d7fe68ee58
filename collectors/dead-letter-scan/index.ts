// Dead-letter queues: note each exception class the first time a queue holds it (rules fire on new
// ones), and probe a few other topics' newest records for dead-letter headers.
import { env } from "@/env";
import { probeDeadLetterHeaders, scanDeadLetterClasses } from "@/server/domain/dead-letters";
import type { Collector } from "../runtime/collector";

export function deadLetterScan(): Collector {
  return {
    name: "dead-letters",
    intervalMs: env.DLQ_SCAN_INTERVAL_MS,
    async tick() {
      const r = await scanDeadLetterClasses();
      for (const c of r.newClasses) console.log(`[dead-letters] new exception class in ${c.topic}: ${c.exceptionClass}`);
      const probe = await probeDeadLetterHeaders();
      for (const t of probe.found) console.log(`[dead-letters] ${t} carries dead-letter headers: marked as a DLQ`);
      for (const e of [...r.errors, ...probe.errors]) console.warn(`[dead-letters] could not read ${e}`);
    },
  };
}
