// GET /api/auth/oidc/start?next=/path → the identity provider; GET /api/auth/oidc/callback → a session
// and back to `next`. The flow's verifier, state and nonce travel in a short-lived cookie sealed with
// the installation's secret key (AES-GCM: neither readable nor forgeable by the browser).
import { env } from "@/env";
import { finishOidcSignIn, readCookie, sourceIpOf, startOidcSignIn, type OidcSettings, type OidcTransient } from "@/server/domain/identity";
import { DomainError } from "@/server/errors";
import { decryptSecret, encryptSecret } from "@/server/lib/secrets";
import { sessionCookie } from "./cookies";

const FLOW_COOKIE = "eventplane_oidc";
const CALLBACK = "/api/auth/oidc/callback";

/** Only a local path: anything else would make sign-in an open redirect. */
export function localPath(next: string | null): string {
  return next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : "/";
}

const redirect = (location: string, cookies: string[] = []) => {
  const headers = new Headers({ location, "cache-control": "no-store" });
  for (const c of cookies) headers.append("set-cookie", c);
  return new Response(null, { status: 303, headers });
};

export function oidcHandlers(settings: () => OidcSettings | null, publicOrigin: () => string | undefined = () => env.EVENTPLANE_PUBLIC_URL) {
  const origin = (request: Request) => (publicOrigin() ?? new URL(request.url).origin).replace(/\/$/, "");
  const secure = (request: Request) => origin(request).startsWith("https:");
  const flowCookie = (request: Request, value: string, maxAge: number) =>
    `${FLOW_COOKIE}=${value}; Path=/api/auth/oidc; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure(request) ? "; Secure" : ""}`;
  const failed = (request: Request, message: string) =>
    redirect(`${origin(request)}/sign-in?error=${encodeURIComponent(message)}`, [flowCookie(request, "", 0)]);

  async function start(request: Request): Promise<Response> {
    const s = settings();
    if (!s) return Response.json({ error: "Single sign-on is not configured (OIDC_ISSUER, OIDC_CLIENT_ID)" }, { status: 404 });
    try {
      const next = localPath(new URL(request.url).searchParams.get("next"));
      const { url, transient } = await startOidcSignIn(s, origin(request) + CALLBACK, next);
      return redirect(url, [flowCookie(request, encodeURIComponent(encryptSecret(JSON.stringify(transient))), 600)]);
    } catch (e) {
      if (e instanceof DomainError) return failed(request, e.message);
      throw e;
    }
  }

  async function callback(request: Request): Promise<Response> {
    const s = settings();
    if (!s) return Response.json({ error: "Single sign-on is not configured" }, { status: 404 });
    const url = new URL(request.url);
    const providerError = url.searchParams.get("error");
    if (providerError) return failed(request, `The identity provider refused: ${url.searchParams.get("error_description") ?? providerError}`);
    let transient: OidcTransient;
    try {
      transient = JSON.parse(decryptSecret(readCookie(request.headers, FLOW_COOKIE) ?? "")) as OidcTransient;
    } catch {
      return failed(request, "The sign-in took too long or started in another browser; try again");
    }
    try {
      const session = await finishOidcSignIn(s, new URL(CALLBACK + url.search, origin(request)), transient, {
        sourceIp: sourceIpOf(request.headers),
        userAgent: request.headers.get("user-agent"),
        requestId: request.headers.get("x-request-id"),
      });
      const facts = { method: "GET", url: origin(request), headers: request.headers };
      return redirect(origin(request) + localPath(session.next), [flowCookie(request, "", 0), sessionCookie(facts, session.secret, session.expiresAt)]);
    } catch (e) {
      if (e instanceof DomainError) return failed(request, e.message);
      throw e;
    }
  }

  return { start, callback };
}
