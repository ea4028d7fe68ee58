// The session cookie: HTTP-only (no script reads it), SameSite=Lax (no cross-site POST carries it),
// Secure whenever the request came over HTTPS.
import { SESSION_COOKIE, type RequestFacts } from "@/server/domain/identity";

export function sessionCookie(request: RequestFacts, value: string, expires: Date): string {
  const https = new URL(request.url).protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
  return [
    `${SESSION_COOKIE}=${encodeURIComponent(value)}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Expires=${expires.toUTCString()}`,
    ...(https ? ["Secure"] : []),
  ].join("; ");
}
