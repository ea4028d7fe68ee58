import { z } from "zod";
import { listDeadLetterQueues, readDeadLetters, redrive, RedriveInput } from "@/server/domain/dead-letters";
import { protectedProcedure, router } from "../trpc";

export const deadLettersRouter = router({
  list: protectedProcedure.query(() => listDeadLetterQueues()),
  get: protectedProcedure
    .input(z.object({ topicId: z.string().uuid() }))
    .query(({ ctx, input }) => readDeadLetters(ctx.actor, input.topicId)),
  redrive: protectedProcedure.input(RedriveInput).mutation(({ input, ctx }) => redrive(input, ctx.actor)),
});
