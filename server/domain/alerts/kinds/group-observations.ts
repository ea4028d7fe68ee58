import type { GroupLag } from "@/server/domain/consumers";
import type { ObservationContext } from "./observation-context";
import type { Observation, RuleScope } from "./types";

/** One observation per group of the rule, from its lag. */
export async function observeGroups(
  rule: RuleScope,
  ctx: ObservationContext,
  measure: (lag: GroupLag, groupId: string) => Pick<Observation, "value" | "active" | "summary">,
): Promise<Observation[]> {
  return (await ctx.groupsWithLag(rule)).map(({ group, lag, cluster }) => ({
    subject: `${cluster}/${group.groupId}`,
    labels: { cluster, group: group.groupId },
    ...measure(lag, group.groupId),
  }));
}
