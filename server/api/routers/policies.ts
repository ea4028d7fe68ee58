import { currentPolicy, PolicyDocument, setPolicy } from "@/server/domain/policies";
import { protectedProcedure, router } from "../trpc";

export const policiesRouter = router({
  current: protectedProcedure.query(() => currentPolicy()),
  set: protectedProcedure.input(PolicyDocument).mutation(({ ctx, input }) => setPolicy(ctx.actor, input)),
});
