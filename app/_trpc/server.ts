// Server Components ask tRPC through this caller, with the request's own cookie or token: the
// same authentication as the browser's calls.
import "server-only";
import { headers } from "next/headers";
import { createCaller } from "@/server/api/root";

async function serverCaller() {
  const h = new Headers(await headers());
  return createCaller({ request: { method: "GET", url: "http://eventplane.internal/", headers: h }, auth: new Map() });
}

/** Who is looking at the page, or null when nobody is signed in. */
export async function currentViewer() {
  return (await serverCaller()).auth.me();
}

export async function signInMethods() {
  return (await serverCaller()).auth.methods();
}

/** The lineage view a page address asks for, computed while the page renders; null if it cannot be read now. */
export async function lineageFirstView(filter: Parameters<Awaited<ReturnType<typeof serverCaller>>["lineage"]["graph"]>[0]) {
  try {
    return await (await serverCaller()).lineage.graph(filter);
  } catch {
    return null; // signed out, or a bad address: the page asks again and shows what it is told
  }
}
