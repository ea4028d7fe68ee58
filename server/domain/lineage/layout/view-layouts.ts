// Layouts of lineage views: the one a page asks for, and the ones the worker makes ahead — the whole
// graph, its collapsed views and each cluster's, whenever their shape changed — so the first browser
// to open them finds the layout made.
import { z } from "zod";
import { loadLineageGraph, loadLineageShape } from "../load-graph";
import { GraphFilter, lineageView, selectSubgraph, selectView } from "../select-subgraph";
import { extendedLayout, keptLayout, layoutGraph, layoutSoon, type GraphLayout } from "./layout-graph";
import { shapeKey } from "./shape-key";

export const LayoutInput = GraphFilter.extend({ key: z.string().min(1).max(100) });

/**
 * The layout of the view with this shape key (as lineage.graph gave it): kept from before, else an
 * earlier layout of nearly the same nodes extended with the new ones, else made now for the view as it
 * is now (a draft meanwhile, when ELK takes long). When the graph changed in between, the answer's
 * key is the new shape's, and the page places the nodes it has from it.
 */
export async function viewLayout(input: z.input<typeof LayoutInput>): Promise<GraphLayout> {
  const { key, ...filter } = LayoutInput.parse(input);
  const asked = await keptLayout(key);
  if (asked) return asked;
  const view = selectView(await loadLineageGraph(), filter);
  const current = shapeKey(view);
  return (current !== key ? await keptLayout(current) : null) ?? extendedLayout(view, current) ?? layoutSoon(view);
}

/**
 * What the lineage page shows (lineageView) with its layout when one was made before (or one of nearly
 * the same nodes can be extended), so the shape is drawn from one answer; otherwise the page asks
 * lineage.layout for it.
 */
export async function loadLineageView(filter: GraphFilter) {
  const view = lineageView(await loadLineageGraph(), filter);
  return { ...view, layout: (await keptLayout(view.layoutKey)) ?? extendedLayout(view, view.layoutKey) };
}

export async function prepareLayouts(): Promise<GraphLayout[]> {
  // The worker's pass every 15 s: only the shape matters to a layout.
  const graph = await loadLineageShape();
  const clusters = [...new Set(graph.nodes.flatMap((n) => (n.clusterId ? [n.clusterId] : [])))].sort();
  const made: GraphLayout[] = [];
  const views = [
    graph,
    selectView(graph, { collapse: "team" }),
    selectView(graph, { collapse: "cluster" }),
    ...clusters.map((clusterId) => selectSubgraph(graph, { clusterId })),
  ];
  for (const view of views) {
    if (!view.nodes.length) continue;
    // One at a time: the ELK thread takes one job at a time anyway, and the worker has other loops.
    const l = await layoutGraph(view);
    if (l.source === "computed") made.push(l);
  }
  return made;
}
