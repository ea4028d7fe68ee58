"use client";

import { Handle, Position, useStore, type Node, type NodeProps, type ReactFlowState } from "@xyflow/react";
import { memo } from "react";
import { fmtInt, fmtRate } from "@/app/_components/format";
import type { LineageNode } from "@/server/domain/lineage";
import { READABLE_ZOOM } from "./drawing";

export type FlowNode = Node<{ node: LineageNode }, "lineage">;

const KIND = {
  service: { label: "service", bar: "bg-indigo-500", text: "text-indigo-700" },
  topic: { label: "topic", bar: "bg-emerald-500", text: "text-emerald-700" },
  group: { label: "group", bar: "bg-amber-500", text: "text-amber-700" },
  team: { label: "team", bar: "bg-sky-500", text: "text-sky-700" },
  cluster: { label: "cluster", bar: "bg-slate-500", text: "text-slate-700" },
} as const;

const HEALTH_RING = { ok: "", warn: "ring-2 ring-amber-400", err: "ring-2 ring-rose-500", unknown: "" } as const;

const plural = (count: number, word: string) => `${fmtInt(count)} ${word}${count === 1 ? "" : "s"}`;

function subline(n: LineageNode): string {
  if (n.members)
    return `${plural(n.members.service, "service")} · ${plural(n.members.topic, "topic")} · ${plural(n.members.group, "group")}`;
  if (n.kind === "topic") {
    if (!n.inCatalog) return "not in a connected cluster";
    return `${fmtRate(n.ratePerSec)}${n.clusterName ? ` · ${n.clusterName}` : ""}`;
  }
  if (n.kind === "group") {
    if (!n.inCatalog) return "seen in spans only";
    return `${n.lagStatus ?? "lag unknown"}${n.count !== null ? ` · lag ${fmtInt(n.count)}` : ""}`;
  }
  return n.team ? `team ${n.team}` : "no owner";
}

/** What the broker calls a node when it is not a Kafka topic or group. */
const SUBKIND: Record<string, string> = { queue: "queue", exchange: "exchange", stream: "stream", jetstream: "consumer" };
const BROKER: Record<string, string> = { kafka: "Kafka", rabbitmq: "RabbitMQ", nats: "NATS" };

const zoomedOut = (s: ReactFlowState) => s.transform[2] < READABLE_ZOOM;

function LineageNodeView({ data }: NodeProps<FlowNode>) {
  const n = data.node;
  const base = KIND[n.kind];
  const kind = n.dlq
    ? { label: "dead letters", bar: "bg-rose-500", text: "text-rose-700" }
    : { ...base, label: (n.subkind && SUBKIND[n.subkind]) || base.label };
  // What tests and the page's styles find a node by, in either form.
  const marks = { "data-testid": "lineage-node", "data-node-id": n.id, "data-kind": n.kind, "data-health": n.health };
  // Zoomed out too far to read (a view too small for the overview picture): one element per node instead
  // of a dozen (text, handles). Zooming in brings the text back.
  const small = useStore(zoomedOut);
  if (small)
    return (
      <div
        {...marks}
        aria-label={`${kind.label} ${n.label}`}
        title={n.label}
        className={`h-full w-full rounded-md border-2 ${kind.bar} ${n.inCatalog ? "border-white" : "border-dashed border-slate-400"} ${HEALTH_RING[n.health]}`}
      />
    );
  return (
    <div
      {...marks}
      className={`flex h-full w-full overflow-hidden rounded-md border bg-white text-left shadow-sm ${
        n.inCatalog ? "border-slate-300" : "border-dashed border-slate-400"
      } ${HEALTH_RING[n.health]}`}
    >
      <Handle type="target" position={Position.Left} className="!h-2 !w-2 !border-0 !bg-slate-400" />
      <span aria-hidden className={`w-1.5 shrink-0 ${kind.bar}`} />
      <div className="min-w-0 flex-1 px-2 py-1 leading-tight">
        <p className="flex items-center gap-1 text-[10px] font-semibold uppercase tracking-wide">
          <span className={kind.text}>{kind.label}</span>
          {n.broker ? <span className="font-normal normal-case text-slate-400">{BROKER[n.broker] ?? n.broker}</span> : null}
          {n.alerts > 0 ? (
            <span className="ml-auto rounded bg-rose-600 px-1 text-[10px] font-bold text-white" title={`${n.alerts} firing alert(s)`}>
              {n.alerts}
            </span>
          ) : null}
        </p>
        <p className="truncate text-sm font-medium text-slate-900" title={n.label}>
          {n.label}
        </p>
        <p className="truncate text-[11px] text-slate-500">{subline(n)}</p>
      </div>
      <Handle type="source" position={Position.Right} className="!h-2 !w-2 !border-0 !bg-slate-400" />
    </div>
  );
}

export const LineageNodeComponent = memo(LineageNodeView);
