import { SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import { authenticate, type Actor, type AuthResult, type RequestFacts } from "@/server/domain/identity";
import { DomainError, type DomainErrorCode } from "@/server/errors";
import { unstorableText } from "@/server/lib/storable-text";

export interface Context {
  /** Set by server-side callers (tests, React Server Components after their own check). */
  actor?: Actor;
  /** The HTTP request, authenticated on first use by a protected procedure. */
  request?: RequestFacts;
  /** Response headers (Set-Cookie of sign-in and sign-out). */
  resHeaders?: Headers;
  /** One authentication per request and scope, however many calls a batch holds. */
  auth?: Map<string, Promise<AuthResult>>;
  /** The session of a cookie-authenticated caller (changing the password keeps this one). */
  sessionId?: string | null;
}

export const createContext = async (opts: { req: Request; resHeaders: Headers }): Promise<Context> => ({
  request: opts.req,
  resHeaders: opts.resHeaders,
  auth: new Map(),
});

// The one table that maps domain errors to tRPC codes.
const TRPC_CODE: Record<DomainErrorCode, TRPCError["code"]> = {
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  INVALID_INPUT: "BAD_REQUEST",
  CLUSTER_UNREACHABLE: "PRECONDITION_FAILED",
  UNAUTHENTICATED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
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

// No input anywhere may carry text PostgreSQL cannot store (NUL, unpaired surrogates): refused here,
// once, instead of failing inside a write.
const storableInput = t.middleware(async ({ getRawInput, next }) => {
  const problem = unstorableText(await getRawInput());
  if (problem) throw new TRPCError({ code: "BAD_REQUEST", message: `The input holds ${problem}, which cannot be stored` });
  return next();
});

const HTTP_TO_TRPC = { 401: "UNAUTHORIZED", 403: "FORBIDDEN", 429: "TOO_MANY_REQUESTS" } as const;

// Every procedure but sign-in needs an actor: a session, a token with the read (queries) or write
// (mutations) scope, or what EVENTPLANE_ANONYMOUS allows. What the actor may do is the domain's call.
const authenticated = t.middleware(async ({ ctx, type, path, next }) => {
  if (ctx.actor) return next({ ctx: { ...ctx, actor: ctx.actor } });
  if (!ctx.request) throw new TRPCError({ code: "UNAUTHORIZED", message: "no request to authenticate" });
  const scope = type === "mutation" ? "write" : "read";
  const cache = ctx.auth ?? new Map<string, Promise<AuthResult>>();
  let pending = cache.get(scope);
  if (!pending) cache.set(scope, (pending = authenticate(ctx.request, scope)));
  const result = await pending;
  if (!result.ok) throw new TRPCError({ code: HTTP_TO_TRPC[result.status], message: result.message });
  if (result.mustChangePassword && !path.startsWith("auth."))
    throw new TRPCError({ code: "FORBIDDEN", message: "Choose a new password first (Account → Change password)" });
  return next({ ctx: { ...ctx, actor: result.actor, sessionId: result.sessionId } });
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
/** Sign-in and the health check only. */
export const publicProcedure = t.procedure.use(traced).use(domainErrors).use(storableInput);
export const protectedProcedure = publicProcedure.use(authenticated);
