"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTRPC } from "@/app/_trpc/react";

type Result = { declared: { service: string; direction: string; topic: string }[]; skipped: string[] } | { error: string };

/** Reads an AsyncAPI file chosen by the user and posts it to /api/asyncapi: its operations become declarations. */
export function AsyncApiImport() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<{ busy: boolean; result: Result | null }>({ busy: false, result: null });
  // The page comes rendered from the server: a file chosen before React took over would be lost, so
  // the control stays disabled until then.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);

  async function upload(file: File) {
    setState({ busy: true, result: null });
    try {
      const res = await fetch("/api/asyncapi", {
        method: "POST",
        body: await file.text(),
        headers: { "content-type": file.name.endsWith(".json") ? "application/json" : "application/yaml" },
      });
      const body = (await res.json()) as Result;
      setState({ busy: false, result: res.ok ? body : { error: "error" in body ? body.error : `HTTP ${res.status}` } });
      if (res.ok) await queryClient.invalidateQueries({ queryKey: trpc.lineage.pathKey() });
    } catch (e) {
      setState({ busy: false, result: { error: (e as Error).message } });
    } finally {
      if (input.current) input.current.value = "";
    }
  }

  const r = state.result;
  return (
    <div className="relative">
      <label className="inline-flex cursor-pointer items-center has-[:disabled]:cursor-default has-[:disabled]:opacity-60 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-sm focus-within:ring-2 focus-within:ring-indigo-500 hover:bg-slate-50">
        {state.busy ? "Importing…" : "Import AsyncAPI"}
        <input
          ref={input}
          type="file"
          accept=".yaml,.yml,.json,application/json,application/yaml"
          className="sr-only"
          disabled={!ready || state.busy}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void upload(file);
          }}
        />
      </label>
      {r ? (
        <div
          role={"error" in r ? "alert" : "status"}
          data-testid="asyncapi-import-result"
          className={`absolute right-0 top-10 z-30 w-96 rounded-md border p-3 text-sm shadow-lg ${"error" in r ? "border-rose-200 bg-rose-50 text-rose-800" : "border-emerald-200 bg-emerald-50 text-emerald-900"}`}
        >
          {"error" in r ? (
            <p>{r.error}</p>
          ) : (
            <>
              <p className="font-medium">
                {r.declared.length} declaration{r.declared.length === 1 ? "" : "s"} imported
                {r.skipped.length ? `, ${r.skipped.length} skipped` : ""}
              </p>
              <ul className="mt-1 max-h-40 overflow-y-auto text-xs">
                {r.declared.slice(0, 50).map((d) => (
                  <li key={`${d.service}|${d.direction}|${d.topic}`}>
                    {d.service} {d.direction} <span className="font-mono">{d.topic}</span>
                  </li>
                ))}
                {r.skipped.map((s) => (
                  <li key={s} className="text-amber-800">
                    skipped: {s}
                  </li>
                ))}
              </ul>
            </>
          )}
          <button type="button" className="mt-2 text-xs underline" onClick={() => setState({ busy: false, result: null })}>
            Dismiss
          </button>
        </div>
      ) : null}
    </div>
  );
}
