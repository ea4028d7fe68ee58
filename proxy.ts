// Runs before every request: Host allow-list (DNS rebinding), broken percent-encoding (400, not a
// 500 from the router), and pages without credentials sent to the sign-in page.
import { NextResponse, type NextRequest } from "next/server";
import { allowedHosts, hostAllowed, needsSignIn, pathDecodes } from "@/server/http/web-guard";

const allowed = allowedHosts();

export function proxy(request: NextRequest) {
  if (!hostAllowed(request.headers.get("host"), allowed))
    return NextResponse.json({ error: "This host name is not one Eventplane answers to (EVENTPLANE_ALLOWED_HOSTS)" }, { status: 421 });
  const { pathname, search } = request.nextUrl;
  if (!pathDecodes(pathname)) {
    const message = "The path has malformed percent-encoding";
    // The registry's clients read Confluent's error shape.
    const body = pathname.startsWith("/api/schema-registry") ? { error_code: 400, message } : { error: message };
    return NextResponse.json(body, { status: 400 });
  }
  if (needsSignIn(pathname, request.headers)) {
    const to = new URL("/sign-in", request.url);
    if (pathname !== "/") to.searchParams.set("next", pathname + search);
    return NextResponse.redirect(to);
  }
  return NextResponse.next();
}

export const config = { matcher: ["/((?!_next/static|_next/image).*)"] };
