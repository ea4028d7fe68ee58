"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { CodeEditor, languageOf } from "@/app/_components/code-editor";
import { fmtAgo } from "@/app/_components/format";
import { Button } from "@/app/_components/ui/button";
import { ErrorNote, LoadingRows } from "@/app/_components/ui/states";
import { useQueryState } from "@/app/_components/use-query-state";
import { useTRPC } from "@/app/_trpc/react";

type Version = {
  version: number;
  id: number;
  deleted: boolean;
  createdAt: Date;
  references: { name: string; subject: string; version: number }[];
};

/** Version history on the left, the selected version's schema on the right, with deletes. */
export function VersionsPanel({ subject, versions, mayChange }: { subject: string; versions: Version[]; mayChange: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { params, set } = useQueryState();
  const latest = versions.filter((v) => !v.deleted).at(-1) ?? versions.at(-1)!;
  const selected = versions.find((v) => String(v.version) === params.get("v")) ?? latest;
  const schema = useQuery(trpc.schemas.version.queryOptions({ subject, version: String(selected.version) }));
  const [confirming, setConfirming] = useState<null | "version" | "subject">(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.schemas.pathKey() });
  const deleteVersion = useMutation(trpc.schemas.deleteVersion.mutationOptions({ onSuccess: () => (setConfirming(null), refresh()) }));
  const deleteSubject = useMutation(trpc.schemas.deleteSubject.mutationOptions({ onSuccess: () => (setConfirming(null), refresh()) }));
  const allDeleted = versions.every((v) => v.deleted);

  return (
    <div className="grid gap-4 lg:grid-cols-[16rem_minmax(0,1fr)]">
      <ol className="space-y-1" aria-label="Versions">
        {[...versions].reverse().map((v) => (
          <li key={v.version}>
            <button
              type="button"
              onClick={() => set({ v: String(v.version) })}
              aria-current={v.version === selected.version}
              className={`flex w-full items-center justify-between rounded-md px-3 py-2 text-left text-sm ${v.version === selected.version ? "bg-indigo-50 text-indigo-800" : "hover:bg-slate-100"}`}
            >
              <span className={v.deleted ? "text-slate-400 line-through" : "font-medium"}>Version {v.version}</span>
              <span className="text-xs text-slate-500">
                id {v.id} · {fmtAgo(v.createdAt)}
              </span>
            </button>
          </li>
        ))}
      </ol>
      <div className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h3 className="text-sm font-semibold text-slate-700">
            Version {selected.version} · schema id {selected.id}
            {selected.deleted ? <span className="ml-2 rounded bg-slate-100 px-1.5 text-xs text-slate-500">soft-deleted</span> : null}
          </h3>
          <div className={`flex gap-2 ${mayChange ? "" : "hidden"}`}>
            <Button variant="secondary" onClick={() => setConfirming("version")}>
              {selected.deleted ? "Delete version permanently" : "Delete version"}
            </Button>
            <Button variant="ghost" onClick={() => setConfirming("subject")}>
              {allDeleted ? "Delete subject permanently" : "Delete subject"}
            </Button>
          </div>
        </div>
        {confirming ? (
          <div
            role="alertdialog"
            aria-label="Confirm delete"
            className="rounded-md border border-rose-200 bg-rose-50 p-3 text-sm text-rose-900"
          >
            <p>
              {confirming === "version"
                ? selected.deleted
                  ? `Permanently delete version ${selected.version}? Its schema id stops resolving for this subject.`
                  : `Soft-delete version ${selected.version}? Consumers can still resolve schema id ${selected.id}.`
                : allDeleted
                  ? `Permanently delete ${subject} and all its versions?`
                  : `Soft-delete every version of ${subject}? They stay readable with deleted=true.`}
            </p>
            <div className="mt-2 flex gap-2">
              <Button
                variant="danger"
                autoFocus
                onClick={() =>
                  confirming === "version"
                    ? deleteVersion.mutate({ subject, version: selected.version, permanent: selected.deleted })
                    : deleteSubject.mutate({ subject, permanent: allDeleted })
                }
              >
                Delete
              </Button>
              <Button onClick={() => setConfirming(null)}>Cancel</Button>
            </div>
            <ErrorNote error={deleteVersion.error ?? deleteSubject.error} />
          </div>
        ) : null}
        {selected.references.length ? (
          <p className="text-sm text-slate-600">
            References:{" "}
            {selected.references.map((r) => (
              <a
                key={r.name}
                href={`/schemas/${encodeURIComponent(r.subject)}?v=${r.version}`}
                className="mr-2 text-indigo-700 hover:underline"
              >
                {r.name} → {r.subject} v{r.version}
              </a>
            ))}
          </p>
        ) : null}
        <ErrorNote error={schema.error} />
        {schema.data ? (
          <CodeEditor
            label={`Schema of version ${selected.version}`}
            value={schema.data.text}
            readOnly
            language={languageOf(schema.data.type)}
          />
        ) : (
          <LoadingRows rows={6} />
        )}
      </div>
    </div>
  );
}
