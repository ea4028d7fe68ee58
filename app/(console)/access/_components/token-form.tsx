"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "@/app/_components/ui/button";
import { FormCard } from "@/app/_components/ui/form-card";
import { fieldClass } from "@/app/_components/ui/form";
import { ErrorNote } from "@/app/_components/ui/states";
import { useTRPC } from "@/app/_trpc/react";

const SCOPES = [
  { id: "registry:read", label: "Schema registry: read (consumers)" },
  { id: "registry:write", label: "Schema registry: register (producers)" },
  { id: "otlp:write", label: "Send traces (OTLP)" },
  { id: "metrics:read", label: "Scrape /metrics (Prometheus)" },
  { id: "read", label: "Console API: read" },
  { id: "write", label: "Console API: change" },
] as const;
type ScopeId = (typeof SCOPES)[number]["id"];
const ROLES = ["viewer", "editor", "admin"] as const;

export function TokenForm({
  role,
  teams,
  onCancel,
  onCreated,
}: {
  role: (typeof ROLES)[number];
  teams: string[];
  onCancel: () => void;
  onCreated: (t: { name: string; secret: string }) => void;
}) {
  const trpc = useTRPC();
  const [name, setName] = useState("");
  const [tokenRole, setTokenRole] = useState<(typeof ROLES)[number]>("viewer");
  const [team, setTeam] = useState(teams[0] ?? "");
  const [scopes, setScopes] = useState<ScopeId[]>(["registry:read"]);
  const [days, setDays] = useState("90");
  const create = useMutation(
    trpc.identity.createToken.mutationOptions({ onSuccess: (t) => onCreated({ name: t.name, secret: t.secret }) }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ name, role: tokenRole, team: team.trim() || null, scopes, expiresInDays: days === "never" ? null : Number(days) });
  };
  const allowedRoles = ROLES.slice(0, ROLES.indexOf(role) + 1);
  return (
    <FormCard onSubmit={submit} label="New API token" title="New API token">
      <div className="grid gap-4 md:grid-cols-2">
        <label className="text-sm">
          Name (the user name of HTTP Basic)
          <input
            className={fieldClass}
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="orders-producer"
            required
            autoFocus
          />
        </label>
        <label className="text-sm">
          Role
          <select className={fieldClass} value={tokenRole} onChange={(e) => setTokenRole(e.target.value as typeof tokenRole)}>
            {allowedRoles.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          Team it acts for
          <input
            className={fieldClass}
            value={team}
            onChange={(e) => setTeam(e.target.value)}
            list="token-teams"
            placeholder={role === "admin" ? "none" : teams[0]}
          />
          <datalist id="token-teams">
            {teams.map((t) => (
              <option key={t} value={t} />
            ))}
          </datalist>
        </label>
        <label className="text-sm">
          Expires after
          <select className={fieldClass} value={days} onChange={(e) => setDays(e.target.value)}>
            {["7", "30", "90", "365"].map((d) => (
              <option key={d} value={d}>
                {d} days
              </option>
            ))}
            <option value="never">never</option>
          </select>
        </label>
      </div>
      <fieldset className="mt-4">
        <legend className="text-sm">May use</legend>
        <div className="mt-1 grid gap-1 md:grid-cols-2">
          {SCOPES.map((s) => (
            <label key={s.id} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={scopes.includes(s.id)}
                onChange={(e) => setScopes(e.target.checked ? [...scopes, s.id] : scopes.filter((x) => x !== s.id))}
              />
              {s.label}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="mt-4 space-y-3">
        <ErrorNote error={create.error} />
        <div className="flex gap-2">
          <Button type="submit" variant="primary" disabled={create.isPending}>
            Create token
          </Button>
          <Button onClick={onCancel}>Cancel</Button>
        </div>
      </div>
    </FormCard>
  );
}
