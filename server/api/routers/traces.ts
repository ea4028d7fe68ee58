import { z } from "zod";
import { DomainError } from "@/server/errors";
import { getSpan, loadJourney, searchTraces, SearchTracesInput, traceFacets } from "@/server/domain/traces";
import { protectedProcedure, router } from "../trpc";

const TraceId = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[0-9a-f]{32}$/, "a trace id is 32 hex characters");
const SpanId = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[0-9a-f]{16}$/, "a span id is 16 hex characters");

export const tracesRouter = router({
  search: protectedProcedure.input(SearchTracesInput).query(({ input }) => searchTraces(input)),
  facets: protectedProcedure.query(() => traceFacets()),
  journey: protectedProcedure.input(z.object({ traceId: TraceId })).query(async ({ input }) => {
    const journey = await loadJourney(input.traceId);
    if (!journey)
      throw new DomainError(
        "NOT_FOUND",
        `Trace ${input.traceId} has no spans here (yet, or any more: spans are kept for TRACE_RETENTION_HOURS)`,
      );
    return journey;
  }),
  span: protectedProcedure.input(z.object({ traceId: TraceId, spanId: SpanId })).query(({ input }) => getSpan(input.traceId, input.spanId)),
});
