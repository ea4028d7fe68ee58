import { z } from "zod";
import {
  deleteSavedFilter,
  listSavedFilters,
  MessageToProduce,
  ProduceBatch,
  produceMessage,
  produceMessages,
  SavedFilterInput,
  saveFilter,
} from "@/server/domain/records";
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
    .mutation(({ input, ctx }) =>
      produceMessages(ctx.actor, { topicId: input.topicId }, { messages: input.messages, dryRun: input.dryRun }),
    ),
  /** Saved CEL filters: the caller's own and those shared with their teams. */
  filters: protectedProcedure.query(({ ctx }) => listSavedFilters(ctx.actor)),
  saveFilter: protectedProcedure.input(SavedFilterInput).mutation(({ input, ctx }) => saveFilter(ctx.actor, input)),
  deleteFilter: protectedProcedure
    .input(z.object({ id: z.string().uuid() }))
    .mutation(({ input, ctx }) => deleteSavedFilter(ctx.actor, input.id)),
});
