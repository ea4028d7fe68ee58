import Link from "next/link";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { currentViewer } from "../_trpc/server";
import { Nav } from "../_components/nav";
import { UserMenu } from "../_components/user-menu";

// Every console page needs a signed-in person (or a token); the server decides, each request.
export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const viewer = await currentViewer();
  if (!viewer) redirect("/sign-in");
  if (viewer.mustChangePassword) redirect("/sign-in?change=1");
  return (
    <div className="flex min-h-screen">
      <aside className="sticky top-0 flex h-screen w-56 shrink-0 flex-col bg-slate-900 py-4">
        <Link href="/" className="mb-6 flex items-center gap-2 px-5 text-lg font-semibold tracking-tight text-white">
          <span aria-hidden className="grid h-7 w-7 place-items-center rounded-md bg-indigo-500 text-sm font-bold">
            e
          </span>
          Eventplane
        </Link>
        <Nav />
        <UserMenu viewer={viewer} />
      </aside>
      <main className="min-w-0 flex-1 px-8 py-6">{children}</main>
    </div>
  );
}
