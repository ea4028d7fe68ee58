import { redirect } from "next/navigation";
import { currentViewer, signInMethods } from "../_trpc/server";
import { SignInForm } from "./sign-in-form";

export const metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

/** Only a local path: an absolute or protocol-relative `next` would make this an open redirect. */
function safeNext(next: string | string[] | undefined): string {
  const value = Array.isArray(next) ? next[0] : next;
  return value && value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\") ? value : "/";
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const next = safeNext(params.next);
  const [viewer, methods] = await Promise.all([currentViewer(), signInMethods()]);
  if (viewer && !viewer.mustChangePassword) redirect(next);
  const error = typeof params.error === "string" ? params.error : null;
  return (
    <main className="grid min-h-screen place-items-center bg-slate-100 px-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center justify-center gap-2 text-xl font-semibold tracking-tight">
          <span aria-hidden className="grid h-8 w-8 place-items-center rounded-md bg-indigo-500 text-sm font-bold text-white">
            e
          </span>
          Eventplane
        </div>
        <SignInForm next={next} oidc={methods.oidc} mustChange={viewer?.mustChangePassword ?? false} initialError={error} />
      </div>
    </main>
  );
}
