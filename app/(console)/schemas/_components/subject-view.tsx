"use client";

import { FindingsPanel } from "@/app/_components/findings-panel";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { PageHeader } from "@/app/_components/ui/page-header";
import { ErrorNote, LoadingRows } from "@/app/_components/ui/states";
import { useQueryState } from "@/app/_components/use-query-state";
import { useTRPC } from "@/app/_trpc/react";
import { DiffView } from "./diff-view";
import { LevelModeEditor } from "./level-mode-editor";
import { RegisterForm } from "./register-form";
import { TypeBadge } from "./type-badge";
import { VersionsPanel } from "./versions-panel";
import { HistoryTable } from "@/app/_components/history-table";
import { useViewer } from "@/app/_components/use-viewer";

const TABS = [
  { key: "versions", label: "Versions" },
  { key: "diff", label: "Compare" },
  { key: "register", label: "Register new version" },
  { key: "history", label: "History" },
] as const;

export function SubjectView({ subject }: { subject: string }) {
  const trpc = useTRPC();
  const { params, set } = useQueryState();
  const tab = TABS.find((t) => t.key === params.get("tab"))?.key ?? "versions";
  const query = useQuery(trpc.schemas.subject.queryOptions({ subject }));
  const { canChange } = useViewer();
  if (query.isPending) return <LoadingRows label="Loading subject" />;
  if (query.error || !query.data) {
    return (
      <>
        <PageHeader title={subject} />
        <ErrorNote error={query.error ?? { message: "Subject not found" }} />
      </>
    );
  }
  const s = query.data;
  const live = s.versions.filter((v) => !v.deleted);
  const mayChange = canChange(s.ownerTeam);
  return (
    <>
      <PageHeader
        title={
          <span className="flex items-center gap-3">
            {subject} <TypeBadge type={s.type} />
          </span>
        }
        subtitle={
          <span className="flex flex-wrap items-center gap-3">
            <Link href="/schemas" className="text-indigo-700 hover:underline">
              ← Schemas
            </Link>
            <span>
              {live.length} live version{live.length === 1 ? "" : "s"}
              {s.versions.length > live.length ? `, ${s.versions.length - live.length} deleted` : ""}
            </span>
            <span>owner: {s.ownerTeam ?? "nobody yet"}</span>
            {s.topics.map((t) => (
              <Link key={t.id} href={`/topics/${t.id}`} className="text-indigo-700 hover:underline">
                topic {t.name} ({t.clusterName}){t.ownerTeam ? ` · owner ${t.ownerTeam}` : ""}
              </Link>
            ))}
          </span>
        }
        actions={mayChange ? <LevelModeEditor subject={subject} level={s.level} levelIsOwn={s.levelIsOwn} mode={s.mode} /> : null}
      />
      <FindingsPanel targetType="subject" targetKey={subject} />
      <nav role="tablist" aria-label="Subject sections" className="mb-4 flex gap-1 border-b border-slate-200">
        {TABS.filter((t) => mayChange || t.key !== "register").map((t) => (
          <button
            key={t.key}
            role="tab"
            type="button"
            aria-selected={tab === t.key}
            onClick={() => set({ tab: t.key === "versions" ? undefined : t.key })}
            className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${tab === t.key ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-500 hover:text-slate-800"}`}
          >
            {t.label}
          </button>
        ))}
      </nav>
      {tab === "versions" ? <VersionsPanel subject={subject} versions={s.versions} mayChange={mayChange} /> : null}
      {tab === "diff" ? <DiffView subject={subject} versions={s.versions.map((v) => v.version)} /> : null}
      {tab === "register" && mayChange ? <RegisterNext subject={subject} type={s.type} level={s.level} /> : null}
      {tab === "history" ? <HistoryTable targetType="subject" targetId={subject} /> : null}
    </>
  );
}

/** The new-version editor starts from the latest version's text: evolving is editing, not retyping. */
function RegisterNext({ subject, type, level }: { subject: string; type: "AVRO" | "JSON" | "PROTOBUF"; level: string }) {
  const trpc = useTRPC();
  const latest = useQuery(trpc.schemas.version.queryOptions({ subject, version: "latest" }));
  if (latest.isPending) return <LoadingRows rows={6} label="Loading the latest version" />;
  return <RegisterForm key={latest.data?.version ?? 0} subject={subject} type={type} level={level} initial={latest.data?.text} />;
}
