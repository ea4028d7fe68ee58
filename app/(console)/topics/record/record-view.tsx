"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { PageHeader } from "@/app/_components/ui/page-header";
import { EmptyState, ErrorNote, LoadingRows } from "@/app/_components/ui/states";
import { useTRPC } from "@/app/_trpc/react";
import type { DecodedPayload } from "@/server/domain/schemas";

function Payload({ label, payload }: { label: string; payload: DecodedPayload }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white shadow-sm" data-testid={`record-${label.toLowerCase()}`}>
      <h2 className="flex items-center justify-between border-b border-slate-200 px-4 py-2 text-sm font-semibold">
        {label}
        <span className="text-xs font-normal text-slate-500">
          {payload.kind === "schema" ? (
            <>
              {payload.schemaType} · schema id {payload.schemaId}
              {payload.subject ? (
                <>
                  {" · "}
                  <Link className="text-indigo-700 hover:underline" href={`/schemas/${encodeURIComponent(payload.subject)}`}>
                    {payload.subject}
                  </Link>
                </>
              ) : null}
            </>
          ) : payload.kind === "schema-bytes" ? (
            `${payload.schemaType} · schema id ${payload.schemaId} · ${payload.note}`
          ) : (
            payload.kind
          )}
        </span>
      </h2>
      <pre className="max-h-[50vh] overflow-auto whitespace-pre-wrap break-all p-4 font-mono text-xs text-slate-800">
        {payload.kind === "empty"
          ? "(empty)"
          : payload.kind === "schema"
            ? JSON.stringify(payload.json, null, 2)
            : payload.kind === "text"
              ? payload.text
              : payload.hex}
      </pre>
    </section>
  );
}

export function RecordView() {
  const trpc = useTRPC();
  const params = useSearchParams();
  const topic = params.get("topic") ?? "";
  const partition = Number(params.get("partition"));
  const offset = params.get("offset") ?? "";
  // A link may name the connection (a JetStream dead letter does): the same name can exist on several.
  const clusterId = /^[0-9a-f-]{36}$/.test(params.get("cluster") ?? "") ? params.get("cluster")! : undefined;
  const valid = !!topic && Number.isInteger(partition) && partition >= 0 && /^\d+$/.test(offset);
  const record = useQuery({ ...trpc.topics.record.queryOptions({ topic, partition, offset, clusterId }), enabled: valid, retry: false });
  const r = record.data;
  return (
    <>
      <PageHeader
        title={
          r?.broker === "nats"
            ? `${topic} · sequence ${offset}`
            : r?.broker === "rabbitmq"
              ? `${topic} · message ${Number(offset) + 1} from the head`
              : `${topic || "?"} · partition ${Number.isInteger(partition) ? partition : "?"} · offset ${offset || "?"}`
        }
        subtitle={r ? `${r.clusterName} · written ${r.timestamp}` : "One record, decoded with the schema it was written with"}
      />
      {!valid ? <EmptyState title="Which record?">The link needs a topic, a partition and an offset.</EmptyState> : null}
      <ErrorNote error={record.error} />
      {valid && record.isPending ? <LoadingRows rows={6} label="Reading the record from Kafka (a few seconds)" /> : null}
      {r ? (
        <div className="space-y-4">
          <p className="flex flex-wrap gap-4 text-sm">
            <Link className="text-indigo-700 hover:underline" href={`/topics/${r.topicId}`}>
              Open topic
            </Link>
            {r.trace ? (
              <Link
                className="font-medium text-indigo-700 hover:underline"
                href={`/traces/${r.trace.traceId}?span=${r.trace.traceId}-${r.trace.spanId}`}
                data-testid="record-trace"
              >
                Open the trace that produced it
              </Link>
            ) : (
              <span className="text-slate-500">No traceparent header: the producer was not traced.</span>
            )}
          </p>
          <Payload label="Value" payload={r.value} />
          <Payload label={r.broker === "nats" ? "Subject" : r.broker === "rabbitmq" ? "Routing key" : "Key"} payload={r.key} />
          <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <h2 className="mb-2 text-sm font-semibold">Headers ({r.headers.length})</h2>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 font-mono text-xs">
              {r.headers.map((h, i) => (
                <div key={i} className="contents">
                  <dt className="text-slate-500">{h.name}</dt>
                  <dd className="break-all">{h.value}</dd>
                </div>
              ))}
            </dl>
          </section>
        </div>
      ) : null}
    </>
  );
}
