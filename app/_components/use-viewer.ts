"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/react";

/**
 * Who is looking, and what the page should offer them. Presentation only: it mirrors the server's
 * rule (viewers read; editors change what their teams own or what nobody owns; admins everything) so
 * that buttons that would be refused are not shown. The server decides every request itself.
 */
export function useViewer() {
  const trpc = useTRPC();
  const me = useQuery({ ...trpc.auth.me.queryOptions(), staleTime: 60_000 });
  const viewer = me.data ?? null;
  const isAdmin = viewer?.role === "admin";
  const canChange = (owner: string | null | undefined) =>
    isAdmin || (viewer?.role === "editor" && (!owner || viewer.teams.includes(owner)));
  return { viewer, isAdmin, canChange };
}
