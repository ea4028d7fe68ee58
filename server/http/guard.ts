// Every HTTP surface but /api/health runs behind this: it authenticates the request for the scope the
// surface needs and hands the handler an actor, or answers 401/403/429 in the surface's own error shape.
import { authenticate, type Actor, type Scope } from "@/server/domain/identity";
import { unstorableText } from "@/server/lib/storable-text";

export type Refusal = { status: 400 | 401 | 403 | 429; message: string; retryAfterSeconds?: number };

/** A query parameter no PostgreSQL column could hold (NUL, unpaired surrogates) names nothing: 400. */
function unstorableQuery(request: Request): string | null {
  for (const [k, v] of new URL(request.url).searchParams) {
    const problem = unstorableText(k) ?? unstorableText(v);
    if (problem) return `The query parameter ${JSON.stringify(k.toWellFormed())} holds ${problem}`;
  }
  return null;
}

const plain = (r: Refusal) => Response.json({ error: r.message }, { status: r.status });

export function guarded(
  scopeOf: Scope | ((request: Request) => Scope),
  handler: (request: Request, actor: Actor) => Promise<Response> | Response,
  refuse: (r: Refusal, request: Request) => Response = plain,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const scope = typeof scopeOf === "function" ? scopeOf(request) : scopeOf;
    const badQuery = unstorableQuery(request);
    if (badQuery) return refuse({ status: 400, message: badQuery }, request);
    const auth = await authenticate(request, scope);
    if (auth.ok) return handler(request, auth.actor);
    const response = refuse(auth, request);
    if (auth.status === 401) response.headers.set("www-authenticate", 'Bearer realm="eventplane", Basic realm="eventplane"');
    if (auth.retryAfterSeconds) response.headers.set("retry-after", String(auth.retryAfterSeconds));
    return response;
  };
}
