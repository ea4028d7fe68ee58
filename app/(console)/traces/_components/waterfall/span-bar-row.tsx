import { memo } from "react";
import { fmtMs } from "@/app/_components/format";
import type { JourneyRow } from "@/server/domain/traces";
import { serviceColor } from "../service-colors";
import { layoutBar, type ViewWindow } from "./layout";

/** How a hop names the broker it crossed (Kafka is the default and goes unsaid). */
const BROKER_NAME: Record<string, string> = { kafka: "Kafka", rabbitmq: "RabbitMQ", nats: "NATS" };

export const ROW_HEIGHT = 30;
export const LABEL_WIDTH = "34%";

type Props = {
  row: JourneyRow;
  totalMs: number;
  view: ViewWindow;
  selected: boolean;
  collapsed: boolean;
  onSelect: (key: string) => void;
  onToggle: (key: string) => void;
};

/** One span: its name in the tree on the left; on the right its bar, preceded by the broker wait when it consumed a message. */
export const SpanBarRow = memo(function SpanBarRow({ row, totalMs, view, selected, collapsed, onSelect, onToggle }: Props) {
  const bar = layoutBar(row.startMs, row.durationMs, totalMs, view);
  const dwell = row.hop && row.hop.dwellMs > 0 ? layoutBar(row.hop.dwellStartMs, row.hop.dwellMs, totalMs, view) : null;
  const color = serviceColor(row.service);
  const error = row.statusCode === 2;
  return (
    <div
      role="treeitem"
      aria-level={row.depth + 1}
      aria-selected={selected}
      aria-expanded={row.childCount ? !collapsed : undefined}
      data-testid="span-row"
      data-span={row.spanId}
      className={`flex h-full cursor-pointer border-b border-slate-100 text-xs ${selected ? "bg-indigo-50" : "hover:bg-slate-50"}`}
      onClick={() => onSelect(row.key)}
    >
      <div
        className="flex min-w-0 items-center gap-1 border-r border-slate-200 pr-2"
        style={{ width: LABEL_WIDTH, paddingLeft: 6 + Math.min(row.depth, 40) * 12 }}
      >
        {row.childCount ? (
          <button
            type="button"
            tabIndex={-1}
            aria-label={collapsed ? "Expand" : "Collapse"}
            className="flex h-4 w-4 shrink-0 items-center justify-center rounded text-slate-500 hover:bg-slate-200"
            onClick={(e) => {
              e.stopPropagation();
              onToggle(row.key);
            }}
          >
            {collapsed ? "▸" : "▾"}
          </button>
        ) : (
          <span className="w-4 shrink-0" />
        )}
        <span aria-hidden className="h-2.5 w-1 shrink-0 rounded-sm" style={{ background: color }} />
        {row.via === "link" ? (
          <span title="Joined by a span link: this part of the journey is a trace of its own" className="shrink-0 text-indigo-500">
            ⤷
          </span>
        ) : null}
        <span className={`min-w-[3rem] truncate font-medium ${error ? "text-rose-700" : "text-slate-800"}`} title={row.name}>
          {row.name}
        </span>
        {/* The service gives way first when the column is narrow: its colour already tells it. */}
        <span className="min-w-0 shrink-[4] truncate text-slate-400">{row.service}</span>
        {collapsed && row.childCount ? (
          <span className="shrink-0 rounded bg-slate-100 px-1 text-[10px] text-slate-500">+{row.childCount}</span>
        ) : null}
      </div>
      <div className="relative flex-1">
        {dwell ? (
          <div
            data-testid="dwell-bar"
            data-dwell-ms={row.hop!.dwellMs}
            data-topic={row.hop!.topic ?? ""}
            data-group={row.hop!.group}
            data-system={row.hop!.system ?? ""}
            title={`Waited ${fmtMs(row.hop!.dwellMs)} in ${BROKER_NAME[row.hop!.system ?? ""] ?? ""} ${row.hop!.topic ?? "the broker"} before ${row.hop!.group} picked it up`}
            className="absolute top-[9px] h-3 rounded-sm border border-amber-400 bg-[repeating-linear-gradient(45deg,#fde68a_0,#fde68a_3px,#fef3c7_3px,#fef3c7_6px)]"
            style={{ left: `${dwell.left * 100}%`, width: `max(2px, ${dwell.width * 100}%)` }}
          />
        ) : null}
        {bar ? (
          <div
            data-testid="span-bar"
            className={`absolute top-[7px] h-4 rounded-sm ${row.critical ? "ring-2 ring-slate-900/70" : ""} ${error ? "outline outline-2 outline-rose-500" : ""}`}
            style={{ left: `${bar.left * 100}%`, width: `max(2px, ${bar.width * 100}%)`, background: color }}
          />
        ) : null}
        {bar ? (
          <span
            className="pointer-events-none absolute top-[8px] whitespace-nowrap px-1 text-[10px] tabular-nums text-slate-600"
            style={bar.left + bar.width > 0.8 ? { right: `${(1 - bar.left) * 100}%` } : { left: `${(bar.left + bar.width) * 100}%` }}
          >
            {fmtMs(row.durationMs)}
            {row.hop
              ? ` · waited ${fmtMs(row.hop.dwellMs)} in ${row.hop.system && row.hop.system !== "kafka" ? `${BROKER_NAME[row.hop.system] ?? row.hop.system} ` : ""}${row.hop.topic ?? "broker"} → ${row.hop.group}${row.hop.skewed ? " (clock skew)" : ""}`
              : ""}
          </span>
        ) : null}
      </div>
    </div>
  );
});
