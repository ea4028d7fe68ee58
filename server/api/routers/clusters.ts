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
} from "@/server/domain/topics";
import { publicProcedure, router } from "../trpc";

// Inputs are validated again inside the domain (it is also called by the worker and tests); here the
// raw shape is accepted so the domain's messages reach the form unchanged.
const RawClusterInput = z.custom<ClusterInput>((v) => typeof v === "object" && v !== null);
const RawUpdateInput = z.custom<UpdateClusterInput>((v) => typeof v === "object" && v !== null);
const Id = z.object({ id: z.string().uuid() });

export const clustersRouter = router({
  list: publicProcedure.output(z.array(ClusterView)).query(() => listClusters()),
  get: publicProcedure
    .input(Id)
    .output(ClusterView)
    .query(({ input }) => getClusterView(input.id)),
  add: publicProcedure
    .input(RawClusterInput)
    .output(Id)
    .mutation(({ input }) => addCluster(input)),
  update: publicProcedure
    .input(RawUpdateInput)
    .output(Id)
    .mutation(({ input }) => updateCluster(input)),
  remove: publicProcedure.input(Id).mutation(({ input }) => removeCluster(input.id)),
  test: publicProcedure
    .input(z.custom<ClusterInput & { id?: string }>((v) => typeof v === "object" && v !== null))
    .output(ConnectionTestResult)
    .mutation(({ input }) => testClusterSettings(input)),
});
