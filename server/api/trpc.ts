import { SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import { DomainError, type DomainErrorCode } from "@/server/errors";

export interface Context {
  /** Who acts; users and tokens come later, until then every UI call is "ui". */
  actor: string;
}

export const createContext = async (): Promise<Context> => ({ actor: "ui" });

// The one table that maps domain errors to tRPC codes.
const TRPC_CODE: Record<DomainErrorCode, TRPCError["code"]> = {
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  INVALID_INPUT: "BAD_REQUEST",
  CLUSTER_UNREACHABLE: "PRECONDITION_FAILED",
  FORBIDDEN: "FORBIDDEN",
};

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    if (error.cause instanceof ZodError) {
      const message = error.cause.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; ");
      return { ...shape, message };
    }
    // 5xx details stay in the server log.
    if (error.code === "INTERNAL_SERVER_ERROR") return { ...shape, message: "internal error", data: { ...shape.data, stack: undefined } };
    return shape;
  },
});

const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof DomainError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: TRPC_CODE[cause.code], message: cause.message, cause });
  }
  if (!result.ok && result.error.code === "INTERNAL_SERVER_ERROR") console.error("[trpc]", result.error.cause ?? result.error);
  return result;
});

// A span per procedure when self-tracing is on (EVENTPLANE_SELF_TRACING); a no-op tracer otherwise.
const tracer = trace.getTracer("eventplane-trpc");
const traced = t.middleware(({ path, type, next }) =>
  tracer.startActiveSpan(
    `trpc ${path}`,
    { kind: SpanKind.SERVER, attributes: { "rpc.system": "trpc", "rpc.method": path, "trpc.type": type } },
    async (span) => {
      try {
        const result = await next();
        if (!result.ok) span.setStatus({ code: SpanStatusCode.ERROR, message: result.error.message });
        return result;
      } finally {
        span.end();
      }
    },
  ),
);

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(traced).use(domainErrors);
