import { activeAlerts } from "@/server/domain/alerts";
import { worstGroups } from "@/server/domain/consumers";
import { listAudit } from "@/server/domain/schemas";
import { busiestDeadLetterQueues } from "@/server/domain/dead-letters";
import { listClusters, systemHealth } from "@/server/domain/connections";
import { spanIngestRate } from "@/server/domain/traces";
import { protectedProcedure, router } from "../trpc";

export const systemRouter = router({
  health: protectedProcedure.query(() => systemHealth()),
  /** The overview page in one round trip: each part comes from its own domain. */
  overview: protectedProcedure.query(async () => {
    const [clusters, alerts, groups, deadLetters, schemaChanges, spans] = await Promise.all([
      listClusters(),
      activeAlerts(),
      worstGroups(),
      busiestDeadLetterQueues(6),
      listAudit(undefined, 8),
      spanIngestRate(),
    ]);
    return {
      clusters,
      firing: alerts.filter((a) => a.state === "firing"),
      pending: alerts.filter((a) => a.state === "pending").length,
      groups,
      deadLetters,
      schemaChanges,
      spans,
    };
  }),
});
