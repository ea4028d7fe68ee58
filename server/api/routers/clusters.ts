import { z } from "zod";
import {
  addCluster,
  ClusterView,
  ConnectionTestResult,
  getClusterView,
  listClusters,
  removeCluster,
  testClusterSettings,
  updateCluster,
  type ClusterInput,
  type UpdateClusterInput,
} from "@/server/domain/connections";
import { protectedProcedure, router } from "../trpc";

// Inputs are validated again inside the domain (it is also called by the worker and tests); here the
// raw shape is accepted so the domain's messages reach the form unchanged.
const RawClusterInput = z.custom<ClusterInput>((v) => typeof v === "object" && v !== null);
const RawUpdateInput = z.custom<UpdateClusterInput>((v) => typeof v === "object" && v !== null);
const Id = z.object({ id: z.string().uuid() });

export const clustersRouter = router({
  list: protectedProcedure.output(z.array(ClusterView)).query(() => listClusters()),
  get: protectedProcedure
    .input(Id)
    .output(ClusterView)
    .query(({ input }) => getClusterView(input.id)),
  add: protectedProcedure
    .input(RawClusterInput)
    .output(Id)
    .mutation(({ ctx, input }) => addCluster(ctx.actor, input)),
  update: protectedProcedure
    .input(RawUpdateInput)
    .output(Id)
    .mutation(({ ctx, input }) => updateCluster(ctx.actor, input)),
  remove: protectedProcedure.input(Id).mutation(({ ctx, input }) => removeCluster(ctx.actor, input.id)),
  test: protectedProcedure
    .input(z.custom<ClusterInput & { id?: string }>((v) => typeof v === "object" && v !== null))
    .output(ConnectionTestResult)
    .mutation(({ ctx, input }) => testClusterSettings(ctx.actor, input)),
});
