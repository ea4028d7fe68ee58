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
