// A caller from outside over real HTTP: tRPC through @trpc/client with a cookie or token of its own,
// and plain requests to the REST surfaces.
import { createTRPCClient, httpLink } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "@/server/api/root";

export function trpcClient(base: string, headers: Record<string, string> = {}) {
  return createTRPCClient<AppRouter>({ links: [httpLink({ url: `${base}/api/trpc`, transformer: superjson, headers: () => headers })] });
}

/** Signs in through tRPC auth.signIn and returns the session cookie (or the refusal's status). */
export async function signInOverHttp(base: string, username: string, password: string): Promise<{ status: number; cookie: string | null }> {
  const res = await fetch(`${base}/api/trpc/auth.signIn`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({ json: { username, password } }),
  });
  const cookie = res.headers.get("set-cookie")?.split(";")[0] ?? null;
  return { status: res.status, cookie };
}
