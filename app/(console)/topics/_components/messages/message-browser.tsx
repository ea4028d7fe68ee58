"use client";

// The message browser of one topic: the search form, its progress, and the messages it found.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useQueryState } from "@/app/_components/use-query-state";
import { PageHeader } from "@/app/_components/ui/page-header";
import { EmptyState, ErrorNote, LoadingRows } from "@/app/_components/ui/states";
import { useTRPC } from "@/app/_trpc/react";
import { Button } from "@/app/_components/ui/button";
import { MessageList, SearchStatus } from "./message-list";
import { draftOf, emptyDraft, ProducePanel, type Draft } from "./produce-panel";
import { fieldsFromParams, fieldsToParams, SearchForm, type SearchFields } from "./search-form";
import { useRecordSearch } from "./use-record-search";

export function MessageBrowser({ topicId }: { topicId: string }) {
  const trpc = useTRPC();
  const topic = useQuery(trpc.topics.get.queryOptions({ id: topicId }));
  const { params, set } = useQueryState();
  const [fields, setFields] = useState<SearchFields>(() => fieldsFromParams(new URLSearchParams(params.toString())));
  const s = useRecordSearch();
  const [draft, setDraft] = useState<Draft | null>(null);

  if (topic.isPending) return <LoadingRows label="Loading topic" />;
  if (topic.error) return <ErrorNote error={topic.error} />;
  const t = topic.data;
  const request = () => ({ topicId, ...fields, filter: fields.filter?.trim() || undefined });
  // The export runs the same search on the server and streams its results as a file.
  const exportHref = (format: "jsonl" | "csv") => {
    const q = new URLSearchParams({
      topicId,
      format,
      direction: fields.direction,
      maxScanned: String(fields.maxScanned),
      maxSeconds: String(fields.maxSeconds),
    });
    q.set(
      "from",
      fields.from === "offset"
        ? `offset:${fields.offset ?? ""}`
        : fields.from === "timestamp"
          ? `time:${fields.timestamp ?? ""}`
          : fields.from,
    );
    if (fields.partition !== undefined) q.set("partition", String(fields.partition));
    if (fields.filter?.trim()) q.set("filter", fields.filter.trim());
    return `/api/records/export?${q}`;
  };
  const search = () => {
    set(fieldsToParams(fields));
    void s.search(request());
  };
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        <Link href="/topics" className="hover:text-indigo-700">
          Catalog
        </Link>{" "}
        / {t.clusterName} /{" "}
        <Link href={`/topics/${topicId}`} className="hover:text-indigo-700">
          {t.name}
        </Link>
      </nav>
      <PageHeader
        title={<span className="font-mono">{t.name}</span>}
        subtitle="Messages: search, filter and open them, decoded with their schemas"
        actions={
          t.kind === "topic" && !draft ? (
            <Button variant="primary" onClick={() => setDraft(emptyDraft())}>
              Produce…
            </Button>
          ) : null
        }
      />
      {t.kind !== "topic" ? (
        <EmptyState title="Not searchable by position">
          Searching is for Kafka topics. A RabbitMQ queue is read from its head on its page; a JetStream stream&apos;s messages open by
          sequence.
        </EmptyState>
      ) : (
        <div className="space-y-4">
          {draft ? (
            <ProducePanel
              topicId={topicId}
              topic={t.name}
              clusterId={t.clusterId}
              partitions={t.partitionCount}
              draft={draft}
              onDraft={setDraft}
              onClose={() => setDraft(null)}
            />
          ) : null}
          <SearchForm
            fields={fields}
            partitions={t.partitionCount}
            running={s.running}
            onChange={setFields}
            onSearch={search}
            onTail={() => void s.tail(request())}
            onStop={s.stop}
          />
          <p className="flex flex-wrap items-center gap-3 text-xs text-slate-500">
            Export this search (up to 100,000 messages, masked as you see them; editors and admins):
            <a className="text-indigo-700 underline" href={exportHref("jsonl")} download>
              JSONL
            </a>
            <a className="text-indigo-700 underline" href={exportHref("csv")} download>
              CSV
            </a>
          </p>
          <ErrorNote error={s.error ? { message: s.error } : null} />
          <SearchStatus running={s.running} live={s.live} progress={s.progress} summary={s.summary} count={s.messages.length} />
          {s.messages.length ? (
            <MessageList
              topic={t.name}
              clusterId={t.clusterId}
              messages={s.messages}
              cursor={s.summary?.cursor ?? null}
              running={s.running}
              onContinue={(cursor) => void s.continueFrom(cursor)}
              onReproduce={(m) => {
                setDraft(draftOf(m));
                window.scrollTo({ top: 0, behavior: "smooth" });
              }}
            />
          ) : s.summary && !s.running ? (
            <EmptyState title="No message matched">
              {s.summary.scanned
                ? "Widen the filter, start elsewhere, or continue from where the search stopped."
                : "The range holds no messages."}
            </EmptyState>
          ) : null}
          {!s.messages.length && s.summary?.cursor && !s.running ? (
            <MessageList
              topic={t.name}
              clusterId={t.clusterId}
              messages={[]}
              cursor={s.summary.cursor}
              running={false}
              onContinue={(c) => void s.continueFrom(c)}
            />
          ) : null}
        </div>
      )}
    </>
  );
}
