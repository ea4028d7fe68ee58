import { z } from "zod";
import { currentPolicy, parsePolicyText, PolicyDocument, policyToYaml, setPolicy } from "@/server/domain/policies";
import { protectedProcedure, router } from "../trpc";

export const policiesRouter = router({
  current: protectedProcedure.query(() => currentPolicy()),
  set: protectedProcedure.input(PolicyDocument).mutation(({ ctx, input }) => setPolicy(ctx.actor, input)),
  /** The policy in force as YAML, as the API serves it and a repository keeps it. */
  yaml: protectedProcedure.query(async () => {
    const policy = await currentPolicy();
    return { version: policy.version, text: policyToYaml(policy.document) };
  }),
  setYaml: protectedProcedure
    .input(z.object({ text: z.string().max(256 * 1024) }))
    .mutation(({ ctx, input }) => setPolicy(ctx.actor, parsePolicyText(input.text) as never)),
});
