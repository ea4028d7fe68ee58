"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { fmtAgo } from "@/app/_components/format";
import { Button } from "@/app/_components/ui/button";
import { ErrorNote, LoadingRows } from "@/app/_components/ui/states";
import { Table, Th } from "@/app/_components/ui/table";
import { useTRPC } from "@/app/_trpc/react";
import type { RouterOutputs } from "@/server/api/root";
import { UserForm } from "./user-form";

type User = RouterOutputs["identity"]["users"][number];

/** Admins only: people, their role and teams; changes take effect at once (sessions end on demotion). */
export function UsersPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const users = useQuery(trpc.identity.users.queryOptions());
  const [editing, setEditing] = useState<User | "new" | null>(null);
  const refresh = () => queryClient.invalidateQueries(trpc.identity.users.queryFilter());
  const update = useMutation(trpc.identity.updateUser.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.identity.deleteUser.mutationOptions({ onSuccess: refresh }));
  const reset = useMutation(trpc.identity.resetPassword.mutationOptions());
  const resetPassword = (u: User) => {
    const password = prompt(`New password for ${u.username} (at least 10 characters; they choose their own at next sign-in):`);
    if (password) reset.mutate({ id: u.id, password });
  };
  return (
    <section aria-labelledby="users-title" className="space-y-4">
      <div className="flex items-center justify-between">
        <h2 id="users-title" className="text-lg font-semibold">
          Users
        </h2>
        {!editing ? (
          <Button variant="primary" onClick={() => setEditing("new")}>
            New user
          </Button>
        ) : null}
      </div>
      {editing ? <UserForm user={editing === "new" ? null : editing} onDone={() => (setEditing(null), void refresh())} /> : null}
      <ErrorNote error={users.error ?? update.error ?? remove.error ?? reset.error} />
      {reset.isSuccess ? <p className="text-sm text-emerald-700">Password set; the user chooses a new one at next sign-in.</p> : null}
      {users.isPending ? (
        <LoadingRows label="Loading users" />
      ) : (
        <Table
          head={["User", "Role", "Teams", "Sign-in", "Last signed in", ""].map((h) => (
            <Th key={h}>{h}</Th>
          ))}
        >
          {(users.data ?? []).map((u) => (
            <tr key={u.id} className={u.disabled ? "text-slate-400" : ""}>
              <td className="px-4 py-2">
                <span className="font-medium">{u.username}</span>
                {u.displayName ? <span className="ml-2 text-slate-500">{u.displayName}</span> : null}
                {u.disabled ? <span className="ml-2 text-xs uppercase">disabled</span> : null}
              </td>
              <td className="px-4 py-2">{u.role}</td>
              <td className="px-4 py-2">{u.teams.join(", ") || "—"}</td>
              <td className="px-4 py-2 text-slate-500">{u.source === "oidc" ? "single sign-on" : "password"}</td>
              <td className="px-4 py-2 text-slate-500">{u.lastSignInAt ? fmtAgo(u.lastSignInAt) : "never"}</td>
              <td className="space-x-1 whitespace-nowrap px-4 py-2 text-right">
                <Button variant="ghost" onClick={() => setEditing(u)}>
                  Edit
                </Button>
                {u.source === "local" ? (
                  <Button variant="ghost" onClick={() => resetPassword(u)}>
                    Set password
                  </Button>
                ) : null}
                <Button variant="ghost" onClick={() => update.mutate({ id: u.id, disabled: !u.disabled })}>
                  {u.disabled ? "Enable" : "Disable"}
                </Button>
                <Button variant="ghost" onClick={() => confirm(`Delete ${u.username}?`) && remove.mutate({ id: u.id })}>
                  Delete
                </Button>
              </td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}
