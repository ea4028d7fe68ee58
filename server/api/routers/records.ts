import { z } from "zod";
import { MessageToProduce, ProduceBatch, produceMessage, produceMessages } from "@/server/domain/records";
import { protectedProcedure, router } from "../trpc";

const Topic = z.object({ topicId: z.string().uuid() });

export const recordsRouter = router({
  /** One message into a Kafka topic (a value typed as JSON may be encoded with a subject's schema). */
  produce: protectedProcedure
    .input(Topic.extend({ message: MessageToProduce }))
    .mutation(({ input, ctx }) => produceMessage(ctx.actor, { topicId: input.topicId }, input.message)),
  /** Many messages (a JSONL file's lines): a dry run validates and encodes every one, sending none. */
  produceBatch: protectedProcedure
    .input(Topic.merge(ProduceBatch))
    .mutation(({ input, ctx }) => produceMessages(ctx.actor, { topicId: input.topicId }, { messages: input.messages, dryRun: input.dryRun })),
});
