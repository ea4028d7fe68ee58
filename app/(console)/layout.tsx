import Link from "next/link";
import type { ReactNode } from "react";
import { Nav } from "../_components/nav";

export default function ConsoleLayout({ children }: { children: ReactNode }) {
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
        <p className="mt-auto px-5 text-xs text-slate-500">v0.1 · Kafka</p>
      </aside>
      <main className="min-w-0 flex-1 px-8 py-6">{children}</main>
    </div>
  );
}
