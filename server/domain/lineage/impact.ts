// Impact analysis: what lies downstream of a schema subject, a topic or a service, with owners.
import { parseInput } from "@/server/errors";
import { z } from "zod";
import { topicOfSubject } from "@/server/domain/schemas";
import type { LineageGraph } from "./graph-types";
import { loadLineageGraph } from "./load-graph";
import { downstream } from "./select-subgraph";

export const ImpactInput = z.object({
  kind: z.enum(["subject", "topic", "service"]),
  name: z.string().trim().min(1).max(300),
  /** narrows a topic (or a subject's topics) to one cluster */
  clusterId: z.string().optional(),
  maxDepth: z.number().int().min(1).max(10).default(6),
});
export type ImpactInput = z.input<typeof ImpactInput>;

function impactIn(graph: LineageGraph, raw: ImpactInput) {
  const input = parseInput(ImpactInput, raw);
  const topicName = input.kind === "subject" ? topicOfSubject(input.name) : input.kind === "topic" ? input.name : null;
  const start = graph.nodes.filter((n) =>
    topicName !== null
      ? n.kind === "topic" && n.label === topicName && (!input.clusterId || n.clusterId === input.clusterId)
      : n.kind === "service" && n.label === input.name,
  );
  const rows = downstream(
    graph,
    start.map((n) => n.id),
    input.maxDepth,
  );
  return {
    start: start.map((n) => ({ id: n.id, kind: n.kind, label: n.label, clusterName: n.clusterName, team: n.team, ref: n.ref })),
    affected: rows.map((r) => ({
      id: r.node.id,
      kind: r.node.kind,
      label: r.node.label,
      clusterName: r.node.clusterName,
      ref: r.node.ref,
      depth: r.depth,
      via: r.via,
      owner: r.owner,
      health: r.node.health,
      lagStatus: r.node.lagStatus,
    })),
  };
}

// A subject maps to its topic by TopicNameStrategy ("<topic>-value"); other strategies name no topic.
export async function impactOf(raw: ImpactInput) {
  return impactIn(await loadLineageGraph(), raw);
}
