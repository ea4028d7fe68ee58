// Which consumer groups some enabled alert rule watches (lag in messages or seconds, or status), by the
// same scope an evaluation uses: connection, broker kind, group id glob and owning team. A group no rule
// watches falls behind unnoticed: the scorecard names it.
import { db } from "@/server/db";
import { ObservationContext } from "./kinds";

const GROUP_KINDS = ["group_lag_offsets", "group_lag_seconds", "group_status"];

/** The ids (ConsumerGroup.id) of the groups at least one enabled group rule watches. */
export async function groupsWatchedByRules(): Promise<Set<string>> {
  const rules = await db.alertRule.findMany({ where: { enabled: true, kind: { in: GROUP_KINDS } } });
  // Lag is not read: only the rule's scope matters here, so the context's lag stays unused.
  const ctx = new ObservationContext({});
  const watched = new Set<string>();
  for (const rule of rules) for (const g of await ctx.groupsInScope(rule)) watched.add(g.id);
  return watched;
}
