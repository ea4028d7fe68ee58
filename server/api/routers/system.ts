import { listAlerts } from "@/server/domain/alerts";
import { worstGroups } from "@/server/domain/consumers";
import { listAudit } from "@/server/domain/schemas";
import { listClusters, listDeadLetterQueues, systemHealth } from "@/server/domain/topics";
import { spanIngestRate } from "@/server/domain/traces";
import { publicProcedure, router } from "../trpc";

export const systemRouter = router({
  health: publicProcedure.query(() => systemHealth()),
  /** The overview page in one round trip: each part comes from its own domain. */
  overview: publicProcedure.query(async () => {
    const [clusters, alerts, groups, dlqs, schemaChanges, spans] = await Promise.all([
      listClusters(),
      listAlerts(),
      worstGroups(),
      listDeadLetterQueues(),
      listAudit(undefined, 8),
      spanIngestRate(),
    ]);
    return {
      clusters,
      firing: alerts.active.filter((a) => a.state === "firing"),
      pending: alerts.active.filter((a) => a.state === "pending").length,
      groups,
      // Growing first: inflow now, then depth.
      deadLetters: dlqs
        .filter((d) => d.depth > 0 || (d.inflowPerMin ?? 0) > 0)
        .sort((a, b) => (b.inflowPerMin ?? 0) - (a.inflowPerMin ?? 0) || b.depth - a.depth)
        .slice(0, 6),
      schemaChanges,
      spans,
    };
  }),
});
