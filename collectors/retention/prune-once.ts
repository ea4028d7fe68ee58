// The worker's retention pass: every store with history keeps it for its configured time, then lets
// it go. `now` comes from the caller, so a test can run a pass at any moment.
import { env } from "@/env";
import { pruneAlertHistory } from "@/server/domain/alerts";
import { pruneAudit } from "@/server/domain/audit";
import { pruneDeadLetterEvents } from "@/server/domain/dead-letters";
import { pruneEndSamples, pruneLagSamples } from "@/server/domain/consumers";
import { pruneSessions } from "@/server/domain/identity";
import { pruneSpans } from "@/server/domain/traces";

const ago = (now: Date, ms: number) => new Date(now.getTime() - ms);

export async function pruneOnce(now = new Date()) {
  const lagCutoff = ago(now, env.LAG_SAMPLE_RETENTION_HOURS * 3_600_000);
  return {
    endSamples: await pruneEndSamples(lagCutoff),
    lagSamples: await pruneLagSamples(lagCutoff),
    spans: await pruneSpans(ago(now, env.TRACE_RETENTION_HOURS * 3_600_000), now),
    alertHistory: await pruneAlertHistory(ago(now, env.ALERT_HISTORY_RETENTION_DAYS * 86_400_000)),
    // JetStream dead letters are pointers into streams: kept as long as alert history.
    deadLetterEvents: await pruneDeadLetterEvents(ago(now, env.ALERT_HISTORY_RETENTION_DAYS * 86_400_000)),
    sessions: await pruneSessions(now),
    audit: await pruneAudit(ago(now, env.AUDIT_RETENTION_DAYS * 86_400_000)),
  };
}
