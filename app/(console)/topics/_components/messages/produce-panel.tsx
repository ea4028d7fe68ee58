"use client";

// Producing from the browser: one message (typed, or an existing one opened here to edit before
// sending it again), or a JSONL file of them with a dry run first. A value typed as JSON can be
// encoded with a subject's schema (Confluent framing); otherwise it is sent as the text typed.
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/app/_components/ui/button";
import { fieldClass } from "@/app/_components/ui/form";
import { ErrorNote } from "@/app/_components/ui/states";
import { useTRPC } from "@/app/_trpc/react";
import type { PresentedRecord } from "@/server/domain/records";
import { payloadText } from "./message-list";

export type Draft = {
  key: string;
  value: string;
  valueSubject: string;
  valueMessage: string;
  headers: { name: string; value: string }[];
  partition: string;
};

export const emptyDraft = (): Draft => ({ key: "", value: "", valueSubject: "", valueMessage: "", headers: [], partition: "" });

/** An existing message as a draft: its key, its value as JSON text, its headers and its schema's subject. */
export function draftOf(m: PresentedRecord): Draft {
  return {
    key: m.key.kind === "text" ? m.key.text : m.key.kind === "schema" ? JSON.stringify(m.key.json) : "",
    value: payloadText(m.value, true),
    valueSubject: m.value.kind === "schema" ? (m.value.subject ?? "") : "",
    valueMessage: m.value.kind === "schema" ? (m.value.message ?? "") : "",
    headers: m.headers.filter((h) => !h.value.startsWith("0x")),
    partition: "",
  };
}

/** A JSONL line as a message: {key, value, headers, partition, valueSubject}; an object value is sent as its JSON. */
function lineToMessage(line: string, i: number) {
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(line) as Record<string, unknown>;
  } catch {
    throw new Error(`line ${i + 1} is not JSON`);
  }
  const headers =
    o.headers && typeof o.headers === "object"
      ? Object.entries(o.headers as Record<string, unknown>).map(([name, value]) => ({ name, value: String(value) }))
      : [];
  return {
    key: o.key === undefined || o.key === null ? null : String(o.key),
    value: o.value === undefined || o.value === null ? null : typeof o.value === "string" ? o.value : JSON.stringify(o.value),
    valueSubject: typeof o.valueSubject === "string" ? o.valueSubject : undefined,
    headers,
    partition: typeof o.partition === "number" ? o.partition : undefined,
  };
}

export function ProducePanel({
  topicId,
  topic,
  clusterId,
  partitions,
  draft,
  onDraft,
  onClose,
}: {
  topicId: string;
  topic: string;
  clusterId: string;
  partitions: number;
  draft: Draft;
  onDraft: (d: Draft) => void;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const one = useMutation(trpc.records.produce.mutationOptions());
  const batch = useMutation(trpc.records.produceBatch.mutationOptions());
  const [lines, setLines] = useState<ReturnType<typeof lineToMessage>[] | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const set = (patch: Partial<Draft>) => onDraft({ ...draft, ...patch });
  const send = () =>
    one.mutate({
      topicId,
      message: {
        key: draft.key === "" ? null : draft.key,
        value: draft.value,
        valueSubject: draft.valueSubject.trim() || undefined,
        valueMessage: draft.valueMessage.trim() || undefined,
        headers: draft.headers.filter((h) => h.name.trim()),
        partition: draft.partition === "" ? undefined : Number(draft.partition),
      },
    });
  return (
    <section aria-labelledby="produce-h" className="space-y-4 rounded-lg border border-indigo-200 bg-white p-4 shadow-sm">
      <div className="flex items-center justify-between">
        <h2 id="produce-h" className="text-base font-semibold">
          Produce to {topic}
        </h2>
        <Button variant="ghost" onClick={onClose}>
          Close
        </Button>
      </div>
      <form
        aria-label="Produce a message"
        className="grid gap-3 md:grid-cols-2"
        onSubmit={(e) => {
          e.preventDefault();
          send();
        }}
      >
        <label className="text-sm">
          Key <span className="text-xs text-slate-500">(empty: no key)</span>
          <input className={`${fieldClass} font-mono`} value={draft.key} onChange={(e) => set({ key: e.target.value })} />
        </label>
        <label className="text-sm">
          Partition
          <select className={fieldClass} value={draft.partition} onChange={(e) => set({ partition: e.target.value })}>
            <option value="">By key (the producer&apos;s partitioner)</option>
            {Array.from({ length: partitions }, (_, p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          Encode the value with subject <span className="text-xs text-slate-500">(empty: send the text as typed)</span>
          <input
            className={`${fieldClass} font-mono`}
            value={draft.valueSubject}
            placeholder={`${topic}-value`}
            onChange={(e) => set({ valueSubject: e.target.value })}
          />
        </label>
        <label className="text-sm">
          Protobuf message <span className="text-xs text-slate-500">(empty: the file&apos;s first)</span>
          <input className={`${fieldClass} font-mono`} value={draft.valueMessage} onChange={(e) => set({ valueMessage: e.target.value })} />
        </label>
        <label className="text-sm md:col-span-2">
          Value
          <textarea
            className={`${fieldClass} font-mono`}
            rows={8}
            spellCheck={false}
            value={draft.value}
            onChange={(e) => set({ value: e.target.value })}
          />
        </label>
        <fieldset className="text-sm md:col-span-2">
          <legend>Headers</legend>
          {draft.headers.map((h, i) => (
            <div key={i} className="mt-1 flex gap-2">
              <input
                aria-label={`Header ${i + 1} name`}
                className={`${fieldClass} mt-0 w-48 font-mono`}
                value={h.name}
                onChange={(e) => set({ headers: draft.headers.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)) })}
              />
              <input
                aria-label={`Header ${i + 1} value`}
                className={`${fieldClass} mt-0 font-mono`}
                value={h.value}
                onChange={(e) => set({ headers: draft.headers.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)) })}
              />
              <Button
                variant="ghost"
                aria-label={`Remove header ${i + 1}`}
                onClick={() => set({ headers: draft.headers.filter((_, j) => j !== i) })}
              >
                ×
              </Button>
            </div>
          ))}
          <Button className="mt-1" onClick={() => set({ headers: [...draft.headers, { name: "", value: "" }] })}>
            Add header
          </Button>
        </fieldset>
        <div className="flex items-center gap-3 md:col-span-2">
          <Button type="submit" variant="primary" disabled={one.isPending}>
            Produce
          </Button>
          {one.data ? (
            <span role="status" className="text-sm text-emerald-700" data-testid="produced">
              Sent to partition {one.data.partition} at offset {one.data.offset}.{" "}
              <Link
                className="text-indigo-700 underline"
                href={`/topics/record?${new URLSearchParams({ cluster: clusterId, topic, partition: String(one.data.partition), offset: String(one.data.offset) })}`}
              >
                Open it
              </Link>
            </span>
          ) : null}
        </div>
      </form>
      <ErrorNote error={one.error} />
      <div className="border-t border-slate-200 pt-3">
        <h3 className="text-sm font-semibold">Many at once: a JSONL file</h3>
        <p className="mb-2 text-xs text-slate-500">
          One JSON object per line: {"{"}&quot;key&quot;, &quot;value&quot;, &quot;headers&quot;, &quot;partition&quot;,
          &quot;valueSubject&quot;{"}"}. The dry run encodes every line and sends none; the file is sent only when every line is valid.
        </p>
        <input
          type="file"
          accept=".jsonl,.ndjson,.json,text/plain"
          aria-label="JSONL file"
          className="text-sm"
          onChange={async (e) => {
            setFileError(null);
            batch.reset();
            const file = e.target.files?.[0];
            if (!file) return setLines(null);
            try {
              setLines(
                (await file.text())
                  .split("\n")
                  .filter((l) => l.trim())
                  .map(lineToMessage),
              );
            } catch (error) {
              setLines(null);
              setFileError((error as Error).message);
            }
          }}
        />
        <ErrorNote error={fileError ? { message: fileError } : (batch.error ?? null)} />
        {lines ? (
          <div className="mt-2 flex flex-wrap items-center gap-2 text-sm">
            <span>{lines.length} line(s)</span>
            <Button disabled={batch.isPending} onClick={() => batch.mutate({ topicId, messages: lines, dryRun: true })}>
              Dry run
            </Button>
            {batch.data?.dryRun && !batch.data.problems.length ? (
              <Button variant="danger" disabled={batch.isPending} onClick={() => batch.mutate({ topicId, messages: lines, dryRun: false })}>
                Send {lines.length} message(s)
              </Button>
            ) : null}
          </div>
        ) : null}
        {batch.data ? (
          <div className="mt-2 text-sm" data-testid="batch-result" role="status">
            {batch.data.dryRun
              ? `Dry run: ${batch.data.valid} of ${batch.data.messages} line(s) valid.`
              : batch.data.sent
                ? `Sent ${batch.data.sent} message(s).`
                : "Nothing was sent: fix the lines below."}
            {batch.data.problems.length ? (
              <ul className="mt-1 list-inside list-disc text-xs text-rose-700">
                {batch.data.problems.map((p) => (
                  <li key={p.line}>
                    line {p.line}: {p.error}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
      </div>
    </section>
  );
}
