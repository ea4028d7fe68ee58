import { z } from "zod";
import {
  JetStreamRedriveInput,
  listDeadLetterQueues,
  listJetStreamDeadLetters,
  readDeadLetters,
  redrive,
  redriveJetStream,
  RedriveInput,
} from "@/server/domain/dead-letters";
import { protectedProcedure, router } from "../trpc";

export const deadLettersRouter = router({
  list: protectedProcedure.query(() => listDeadLetterQueues()),
  /** Messages JetStream gave up on (max deliveries, terminated): pointers into their streams. */
  jetstream: protectedProcedure.query(() => listJetStreamDeadLetters({ limit: 200 })),
  get: protectedProcedure
    .input(z.object({ topicId: z.string().uuid() }))
    .query(({ ctx, input }) => readDeadLetters(ctx.actor, input.topicId)),
  redrive: protectedProcedure.input(RedriveInput).mutation(({ input, ctx }) => redrive(input, ctx.actor)),
  /** Republish JetStream dead letters from their stream (dry run first). */
  redriveJetStream: protectedProcedure.input(JetStreamRedriveInput).mutation(({ input, ctx }) => redriveJetStream(input, ctx.actor)),
});
