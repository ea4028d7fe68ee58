import { z } from "zod";
import { createMaskingRule, deleteMaskingRule, listMaskingRules, MaskingRuleInput, updateMaskingRule } from "@/server/domain/masking";
import { protectedProcedure, router } from "../trpc";

export const maskingRouter = router({
  list: protectedProcedure.query(() => listMaskingRules()),
  create: protectedProcedure.input(MaskingRuleInput).mutation(({ input, ctx }) => createMaskingRule(ctx.actor, input)),
  update: protectedProcedure
    .input(z.object({ id: z.string().uuid(), rule: MaskingRuleInput }))
    .mutation(({ input, ctx }) => updateMaskingRule(ctx.actor, input.id, input.rule)),
  delete: protectedProcedure
    .input(z.object({ id: z.string().uuid() }))
    .mutation(({ input, ctx }) => deleteMaskingRule(ctx.actor, input.id)),
});
