// The side panel of one node: what the graph knows plus its schemas (topics) or declarations (services).
import { subjectsForTopics } from "@/server/domain/schemas";
import { DomainError } from "@/server/errors";
import { getService, listDeclaredEdges } from "./declarations";
import { loadLineageGraph } from "./load-graph";

export async function nodeDetail(id: string) {
  const graph = await loadLineageGraph();
  const node = graph.nodes.find((n) => n.id === id);
  if (!node) throw new DomainError("NOT_FOUND", `Nothing named ${id} in the lineage graph (any more)`);
  const label = (nid: string) => graph.nodes.find((n) => n.id === nid)?.label ?? nid;
  const edges = graph.edges
    .filter((e) => e.from === id || e.to === id)
    .map((e) => ({ ...e, fromLabel: label(e.from), toLabel: label(e.to) }));
  const subjects = node.kind === "topic" ? ((await subjectsForTopics([node.label])).get(node.label) ?? []) : [];
  const service = node.kind === "service" ? await getService(node.label) : null;
  const declarations = node.kind === "service" ? await listDeclaredEdges(node.label) : [];
  return { node, edges, subjects, service, declarations };
}
