import { z } from "zod";
import { auditFacets, ListAuditInput } from "@/server/domain/audit";
import { readAuditLog, readHistory } from "@/server/domain/identity";
import { protectedProcedure, router } from "../trpc";

export const auditRouter = router({
  list: protectedProcedure.input(ListAuditInput).query(({ ctx, input }) => readAuditLog(ctx.actor, input)),
  history: protectedProcedure
    .input(
      z.object({
        targetType: z.string().max(50),
        targetId: z.string().max(600),
        cursor: z
          .string()
          .regex(/^\d{1,19}$/)
          .optional(),
      }),
    )
    .query(({ input }) => readHistory(input)),
  facets: protectedProcedure.query(() => auditFacets()),
});
