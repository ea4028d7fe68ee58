// Checks that run in front of every request (Next's proxy): the Host allow-list that defeats DNS
// rebinding, paths whose percent-encoding is broken, and the sign-in redirect for pages. Pure
// functions over the request's parts, so they are unit-tested without a server.
import { env } from "@/env";
import { SESSION_COOKIE } from "@/server/domain/identity";

const WILDCARD_HOSTS = new Set(["0.0.0.0", "::", "[::]"]);

/** Host names this installation answers to; null = any (listening on every address, none configured). */
export function allowedHosts(): Set<string> | null {
  const configured = (env.EVENTPLANE_ALLOWED_HOSTS ?? "")
    .split(",")
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  const publicHost = env.EVENTPLANE_PUBLIC_URL ? new URL(env.EVENTPLANE_PUBLIC_URL).hostname.toLowerCase() : null;
  if (WILDCARD_HOSTS.has(env.HOST) && !configured.length && !publicHost) return null;
  return new Set(["localhost", "127.0.0.1", "[::1]", env.HOST.toLowerCase(), ...(publicHost ? [publicHost] : []), ...configured]);
}

export function hostAllowed(hostHeader: string | null, allowed: Set<string> | null): boolean {
  if (allowed === null) return true;
  if (!hostHeader) return false;
  const host = hostHeader.toLowerCase().replace(/:\d+$/, "");
  return allowed.has(host);
}

export function pathDecodes(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

// Surfaces that answer for themselves (401 with their own error shape) and what anyone may load.
const OWN_AUTH = /^\/(api|v1|metrics|_next)(\/|$)/;
const OPEN_PAGES = new Set(["/sign-in", "/icon.svg", "/favicon.ico"]);

/** A page request without any credential goes to the sign-in page (a stale cookie is the layout's to judge). */
export function needsSignIn(pathname: string, headers: Headers): boolean {
  if (OWN_AUTH.test(pathname) || OPEN_PAGES.has(pathname)) return false;
  if (headers.get("authorization")) return false;
  return !(headers.get("cookie") ?? "").split(";").some((c) => c.trim().startsWith(`${SESSION_COOKIE}=`));
}
