"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTRPC } from "@/app/_trpc/react";
import type { RouterOutputs } from "@/server/api/root";

type Viewer = NonNullable<RouterOutputs["auth"]["me"]>;

/** Who is signed in, with what role and teams, and the way out. */
export function UserMenu({ viewer }: { viewer: Viewer }) {
  const trpc = useTRPC();
  const router = useRouter();
  const signOut = useMutation(trpc.auth.signOut.mutationOptions({ onSuccess: () => router.replace("/sign-in") }));
  return (
    <div className="mt-auto border-t border-slate-800 px-5 pt-3 text-xs text-slate-400" data-testid="user-menu">
      <p className="truncate font-medium text-slate-200" title={viewer.name}>
        {viewer.name}
      </p>
      <p className="mt-0.5">
        <span className="rounded bg-slate-800 px-1.5 py-0.5 font-medium uppercase tracking-wide text-slate-300">{viewer.role}</span>
        {viewer.teams.length ? <span className="ml-1.5">{viewer.teams.join(", ")}</span> : null}
      </p>
      {viewer.kind === "user" ? (
        <div className="mt-2 flex gap-3">
          <a href="/access#password" className="hover:text-white">
            Password
          </a>
          <button type="button" onClick={() => signOut.mutate()} className="hover:text-white" disabled={signOut.isPending}>
            Sign out
          </button>
        </div>
      ) : null}
    </div>
  );
}
