import { z } from "zod";
import { listDeadLetterQueues, readDeadLetters, redrive, RedriveInput } from "@/server/domain/topics";
import { publicProcedure, router } from "../trpc";

export const deadLettersRouter = router({
  list: publicProcedure.query(() => listDeadLetterQueues()),
  get: publicProcedure.input(z.object({ topicId: z.string().uuid() })).query(({ input }) => readDeadLetters(input.topicId)),
  redrive: publicProcedure.input(RedriveInput).mutation(({ input, ctx }) => redrive(input, ctx.actor)),
});
