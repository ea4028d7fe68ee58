"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/react";
import { LEVELS, MODES } from "./levels";

/** The subject's compatibility level and mode, changed in place (each change is audited). */
export function LevelModeEditor({
  subject,
  level,
  levelIsOwn,
  mode,
}: {
  subject: string;
  level: string;
  levelIsOwn: boolean;
  mode: string;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.schemas.pathKey() });
  const setLevel = useMutation(trpc.schemas.setLevel.mutationOptions({ onSuccess: refresh }));
  const setMode = useMutation(trpc.schemas.setMode.mutationOptions({ onSuccess: refresh }));
  return (
    <div className="flex flex-wrap items-end gap-3 text-sm">
      <label className="block">
        <span className="block text-xs font-medium text-slate-500">Compatibility{levelIsOwn ? "" : " (global)"}</span>
        <select
          aria-label="Compatibility level"
          value={levelIsOwn ? level : ""}
          disabled={setLevel.isPending}
          onChange={(e) => setLevel.mutate({ subject, level: (e.target.value || null) as (typeof LEVELS)[number] | null })}
          className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5"
        >
          <option value="">Global default ({levelIsOwn ? "clear" : level})</option>
          {LEVELS.map((l) => (
            <option key={l}>{l}</option>
          ))}
        </select>
      </label>
      <label className="block">
        <span className="block text-xs font-medium text-slate-500">Mode</span>
        <select
          aria-label="Mode"
          value={mode}
          disabled={setMode.isPending}
          onChange={(e) => setMode.mutate({ subject, mode: e.target.value as (typeof MODES)[number] })}
          className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5"
        >
          {MODES.map((m) => (
            <option key={m}>{m}</option>
          ))}
        </select>
      </label>
      {setLevel.error || setMode.error ? <span className="text-rose-700">{(setLevel.error ?? setMode.error)!.message}</span> : null}
    </div>
  );
}
