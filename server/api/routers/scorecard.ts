import { z } from "zod";
import {
  AcknowledgeInput,
  acknowledgeFinding,
  FindingFilter,
  findingsFor,
  listFindings,
  runPassNow,
  scorecardSummary,
  withdrawAcknowledgement,
} from "@/server/domain/scorecard";
import { protectedProcedure, router } from "../trpc";

export const scorecardRouter = router({
  summary: protectedProcedure.query(() => scorecardSummary()),
  findings: protectedProcedure.input(FindingFilter).query(({ input }) => listFindings(input)),
  /** The open findings of one subject, topic, group or service, for its own page. */
  of: protectedProcedure
    .input(z.object({ targetType: z.enum(["subject", "topic", "group", "service"]), targetKey: z.string().max(1000) }))
    .query(({ input }) => findingsFor(input.targetType, input.targetKey)),
  acknowledge: protectedProcedure.input(AcknowledgeInput).mutation(({ ctx, input }) => acknowledgeFinding(ctx.actor, input)),
  withdraw: protectedProcedure
    .input(z.object({ id: z.string().uuid() }))
    .mutation(({ ctx, input }) => withdrawAcknowledgement(ctx.actor, input.id)),
  /** A pass now, rather than at the worker's next one (admins: it reads the whole estate). */
  runNow: protectedProcedure.mutation(({ ctx }) => runPassNow(ctx.actor)),
});
