import { z } from "zod";
import {
  declareEdge,
  DeclareEdgeInput,
  GraphFilter,
  impactOf,
  ImpactInput,
  loadLineageGraph,
  mapGroupToService,
  MapGroupInput,
  nodeDetail,
  removeDeclaredEdge,
  lineageView,
  updateService,
  UpdateServiceInput,
} from "@/server/domain/lineage";
import { publicProcedure, router } from "../trpc";

export const lineageRouter = router({
  graph: publicProcedure.input(GraphFilter).query(async ({ input }) => lineageView(await loadLineageGraph(), input)),
  node: publicProcedure.input(z.object({ id: z.string().min(1).max(600) })).query(({ input }) => nodeDetail(input.id)),
  impact: publicProcedure.input(ImpactInput).query(({ input }) => impactOf(input)),
  declare: publicProcedure.input(DeclareEdgeInput).mutation(({ input }) => declareEdge(input)),
  undeclare: publicProcedure.input(z.object({ id: z.string().uuid() })).mutation(({ input }) => removeDeclaredEdge(input.id)),
  updateService: publicProcedure.input(UpdateServiceInput).mutation(({ input }) => updateService(input)),
  mapGroup: publicProcedure.input(MapGroupInput).mutation(({ input }) => mapGroupToService(input)),
});
