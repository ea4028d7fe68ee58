// Public API of the lineage context: the producer → topic → group → service graph from traffic and
// declarations, impact analysis, and AsyncAPI export/import.
export type { LineageGraph, LineageNode, LineageEdge, CanvasEdge, NodeKind, EdgeKind, Health, Drift } from "./graph-types";
export { assembleGraph, nodeId, type GraphInputs } from "./assemble-graph";
export { selectSubgraph, selectView, lineageView, downstream, GraphFilter } from "./select-subgraph";
export { loadLineageGraph, loadGraphInputs } from "./load-graph";
export { refreshObservedEdges } from "./refresh-observed";
export { layoutGraph, keptLayout, NODE_SIZE, type GraphLayout } from "./layout/layout-graph";
export type { Positions } from "./layout/extend-layout";
export { draftLayout } from "./layout/draft-layout";
export { shapeKey } from "./layout/shape-key";
export { prepareLayouts, viewLayout, loadLineageView, LayoutInput } from "./layout/view-layouts";
export { impactOf, ImpactInput } from "./impact";
export {
  declareEdge,
  removeDeclaredEdge,
  listDeclaredEdges,
  updateService,
  mapGroupToService,
  getService,
  declaredServices,
  DeclareEdgeInput,
  UpdateServiceInput,
  MapGroupInput,
} from "./declarations";
export { nodeDetail } from "./node-detail";
export { exportAsyncApi, asyncApiKey, ASYNCAPI_VERSION } from "./asyncapi/export-asyncapi";
export { importAsyncApi, type ImportResult } from "./asyncapi/import-asyncapi";
