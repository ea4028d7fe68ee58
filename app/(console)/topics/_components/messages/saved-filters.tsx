"use client";

// Saved filters beside the filter box: pick one of yours or your teams', or save the one typed
// (for yourself or shared with a team).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/app/_components/ui/button";
import { fieldClass } from "@/app/_components/ui/form";
import { ErrorNote } from "@/app/_components/ui/states";
import { useViewer } from "@/app/_components/use-viewer";
import { useTRPC } from "@/app/_trpc/react";

export function SavedFilters({ expression, onPick }: { expression: string; onPick: (expression: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { viewer } = useViewer();
  const filters = useQuery(trpc.records.filters.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.records.filters.queryKey() });
  const save = useMutation(
    trpc.records.saveFilter.mutationOptions({ onSuccess: async () => (await refresh(), setNaming(false), setName("")) }),
  );
  const remove = useMutation(trpc.records.deleteFilter.mutationOptions({ onSuccess: refresh }));
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState("");
  const [team, setTeam] = useState("");
  const [picked, setPicked] = useState("");
  const mine = filters.data?.find((f) => f.id === picked);
  return (
    <div className="flex flex-wrap items-end gap-2 text-sm">
      <label className="text-sm">
        Saved filters
        <select
          className={`${fieldClass} w-64`}
          value={picked}
          onChange={(e) => {
            setPicked(e.target.value);
            const f = filters.data?.find((x) => x.id === e.target.value);
            if (f) onPick(f.expression);
          }}
        >
          <option value="">{filters.data?.length ? "Choose one…" : "None saved yet"}</option>
          {filters.data?.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name} — {f.team ? `team ${f.team}` : "yours"}
              {f.owner !== viewer?.name && f.team ? ` (by ${f.owner})` : ""}
            </option>
          ))}
        </select>
      </label>
      {mine && (mine.owner === viewer?.name || viewer?.role === "admin") ? (
        <Button variant="ghost" onClick={() => (remove.mutate({ id: mine.id }), setPicked(""))}>
          Delete “{mine.name}”
        </Button>
      ) : null}
      {naming ? (
        <>
          <label className="text-sm">
            Name
            <input className={`${fieldClass} w-48`} value={name} onChange={(e) => setName(e.target.value)} autoFocus />
          </label>
          <label className="text-sm">
            For
            <select className={`${fieldClass} w-40`} value={team} onChange={(e) => setTeam(e.target.value)}>
              <option value="">Only me</option>
              {viewer?.teams.map((t) => (
                <option key={t} value={t}>
                  Team {t}
                </option>
              ))}
            </select>
          </label>
          <Button
            variant="primary"
            disabled={!name.trim() || save.isPending}
            onClick={() => save.mutate({ name, expression, team: team || null })}
          >
            Save
          </Button>
          <Button variant="ghost" onClick={() => setNaming(false)}>
            Cancel
          </Button>
        </>
      ) : (
        <Button disabled={!expression.trim()} onClick={() => setNaming(true)}>
          Save this filter…
        </Button>
      )}
      <ErrorNote error={save.error ?? remove.error ?? filters.error} />
    </div>
  );
}
