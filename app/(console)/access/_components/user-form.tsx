"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "@/app/_components/ui/button";
import { FormCard } from "@/app/_components/ui/form-card";
import { fieldClass } from "@/app/_components/ui/form";
import { ErrorNote } from "@/app/_components/ui/states";
import { useTRPC } from "@/app/_trpc/react";
import type { RouterOutputs } from "@/server/api/root";

type User = RouterOutputs["identity"]["users"][number];
const ROLES = ["viewer", "editor", "admin"] as const;

export function UserForm({ user, onDone }: { user: User | null; onDone: () => void }) {
  const trpc = useTRPC();
  const [username, setUsername] = useState(user?.username ?? "");
  const [displayName, setDisplayName] = useState(user?.displayName ?? "");
  const [role, setRole] = useState<(typeof ROLES)[number]>(user?.role ?? "viewer");
  const [teams, setTeams] = useState(user?.teams.join(", ") ?? "");
  const [password, setPassword] = useState("");
  const create = useMutation(trpc.identity.createUser.mutationOptions({ onSuccess: onDone }));
  const update = useMutation(trpc.identity.updateUser.mutationOptions({ onSuccess: onDone }));
  const teamList = teams
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (user) update.mutate({ id: user.id, displayName, role, teams: teamList });
    else create.mutate({ username, displayName, role, teams: teamList, password });
  };
  return (
    <FormCard
      onSubmit={submit}
      label={user ? `Edit user ${user.username}` : "New user"}
      title={user ? `Edit ${user.username}` : "New user"}
    >
      <div className="grid gap-4 md:grid-cols-2">
        <label className="text-sm">
          Username
          <input
            className={fieldClass}
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            disabled={!!user}
            required
            autoFocus
          />
        </label>
        <label className="text-sm">
          Display name
          <input className={fieldClass} value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
        </label>
        <label className="text-sm">
          Role
          <select className={fieldClass} value={role} onChange={(e) => setRole(e.target.value as typeof role)}>
            {ROLES.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          Teams (comma separated)
          <input className={fieldClass} value={teams} onChange={(e) => setTeams(e.target.value)} placeholder="payments, platform" />
        </label>
        {!user ? (
          <label className="text-sm">
            First password (they choose their own at first sign-in)
            <input
              className={fieldClass}
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              required
              minLength={10}
            />
          </label>
        ) : null}
      </div>
      <div className="mt-4 space-y-3">
        <ErrorNote error={create.error ?? update.error} />
        <div className="flex gap-2">
          <Button type="submit" variant="primary" disabled={create.isPending || update.isPending}>
            {user ? "Save" : "Create user"}
          </Button>
          <Button onClick={onDone}>Cancel</Button>
        </div>
      </div>
    </FormCard>
  );
}
