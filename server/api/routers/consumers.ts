import { z } from "zod";
import { getGroup, groupLagHistory, listGroups, ListGroupsInput, resetOffsets, ResetOffsetsInput } from "@/server/domain/consumers";
import { protectedProcedure, router } from "../trpc";

export const consumersRouter = router({
  list: protectedProcedure.input(ListGroupsInput).query(({ input }) => listGroups(input)),
  get: protectedProcedure.input(z.object({ id: z.string().uuid() })).query(({ input }) => getGroup(input.id)),
  history: protectedProcedure
    .input(
      z.object({
        id: z.string().uuid(),
        minutes: z
          .number()
          .int()
          .min(5)
          .max(7 * 24 * 60),
      }),
    )
    .query(({ input }) => groupLagHistory(input.id, input.minutes)),
  /** Kafka: move a group's committed offsets on a topic (a dry run unless dryRun is false). */
  resetOffsets: protectedProcedure.input(ResetOffsetsInput).mutation(({ input, ctx }) => resetOffsets(input, ctx.actor)),
});
