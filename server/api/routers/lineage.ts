import { z } from "zod";
import {
  declareEdge,
  DeclareEdgeInput,
  GraphFilter,
  impactOf,
  ImpactInput,
  loadLineageView,
  mapGroupToService,
  MapGroupInput,
  nodeDetail,
  removeDeclaredEdge,
  LayoutInput,
  viewLayout,
  updateService,
  UpdateServiceInput,
} from "@/server/domain/lineage";
import { protectedProcedure, router } from "../trpc";

export const lineageRouter = router({
  graph: protectedProcedure.input(GraphFilter).query(({ input }) => loadLineageView(input)),
  layout: protectedProcedure.input(LayoutInput).query(({ input }) => viewLayout(input)),
  node: protectedProcedure.input(z.object({ id: z.string().min(1).max(600) })).query(({ input }) => nodeDetail(input.id)),
  impact: protectedProcedure.input(ImpactInput).query(({ input }) => impactOf(input)),
  declare: protectedProcedure.input(DeclareEdgeInput).mutation(({ ctx, input }) => declareEdge(ctx.actor, input)),
  undeclare: protectedProcedure
    .input(z.object({ id: z.string().uuid() }))
    .mutation(({ ctx, input }) => removeDeclaredEdge(ctx.actor, input.id)),
  updateService: protectedProcedure.input(UpdateServiceInput).mutation(({ ctx, input }) => updateService(ctx.actor, input)),
  mapGroup: protectedProcedure.input(MapGroupInput).mutation(({ ctx, input }) => mapGroupToService(ctx.actor, input)),
});
