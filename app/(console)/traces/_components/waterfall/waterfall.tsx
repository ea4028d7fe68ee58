"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { JourneyRow } from "@/server/domain/traces";
import { Button } from "@/app/_components/ui/button";
import { FULL_VIEW, type ViewWindow } from "./layout";
import { Minimap } from "./minimap";
import { collapseBelow, visibleRows } from "./rows";
import { LABEL_WIDTH, ROW_HEIGHT, SpanBarRow } from "./span-bar-row";
import { Ticks } from "./ticks";

// Past this many spans the journey opens collapsed to its first levels, so it is readable at once.
const COLLAPSE_ABOVE = 2_000;

/**
 * The journey's rows, virtualised (only what is on screen is in the DOM, so 10,000 spans scroll
 * smoothly), with keyboard navigation: ↑/↓ (or k/j) move, ←/→ collapse and expand, Enter opens the
 * span, Esc closes it.
 */
export function Waterfall({
  rows,
  totalMs,
  selected,
  onSelect,
}: {
  rows: JourneyRow[];
  totalMs: number;
  selected: string | null;
  onSelect: (key: string | null) => void;
}) {
  const [collapsed, setCollapsed] = useState<Set<string>>(() => (rows.length > COLLAPSE_ABOVE ? collapseBelow(rows, 3) : new Set()));
  const [view, setView] = useState<ViewWindow>(FULL_VIEW);
  const [cursor, setCursor] = useState(0);
  const visible = useMemo(() => visibleRows(rows, collapsed), [rows, collapsed]);
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: visible.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  const toggle = useCallback((key: string) => {
    setCollapsed((prev) => {
      const next = new Set(prev);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  }, []);
  const select = useCallback(
    (key: string) => {
      const i = visible.findIndex((r) => r.key === key);
      if (i >= 0) setCursor(i);
      onSelect(key);
    },
    [visible, onSelect],
  );

  // A span chosen elsewhere (a link in the detail panel, the URL) is revealed and scrolled to — once
  // per choice, so collapsing its parent afterwards is not undone.
  const revealed = useRef<string | null>(null);
  useEffect(() => {
    if (!selected || revealed.current === selected) return;
    const i = visible.findIndex((r) => r.key === selected);
    if (i >= 0) {
      revealed.current = selected;
      setCursor(i);
      virtualizer.scrollToIndex(i, { align: "auto" });
      return;
    }
    const byKey = new Map(rows.map((r) => [r.key, r]));
    const ancestors = new Set<string>();
    for (let r = byKey.get(selected); r?.parentKey; r = byKey.get(r.parentKey)) ancestors.add(r.parentKey);
    if ([...ancestors].some((a) => collapsed.has(a))) setCollapsed((prev) => new Set([...prev].filter((k) => !ancestors.has(k))));
    else revealed.current = selected; // not in this journey: nothing to reveal
  }, [selected, visible, rows, collapsed, virtualizer]);

  const onKeyDown = (e: React.KeyboardEvent) => {
    const row = visible[cursor];
    const move = (i: number) => {
      const next = Math.max(0, Math.min(visible.length - 1, i));
      setCursor(next);
      virtualizer.scrollToIndex(next, { align: "auto" });
      if (selected) onSelect(visible[next]!.key);
    };
    if (e.key === "ArrowDown" || e.key === "j") move(cursor + 1);
    else if (e.key === "ArrowUp" || e.key === "k") move(cursor - 1);
    else if (e.key === "Home") move(0);
    else if (e.key === "End") move(visible.length - 1);
    else if (e.key === "ArrowRight" && row) {
      if (collapsed.has(row.key)) toggle(row.key);
      else if (row.childCount) move(cursor + 1);
    } else if (e.key === "ArrowLeft" && row) {
      if (row.childCount && !collapsed.has(row.key)) toggle(row.key);
      else if (row.parentKey) move(visible.findIndex((r) => r.key === row.parentKey));
    } else if (e.key === "Enter" && row) onSelect(row.key);
    else if (e.key === "Escape") onSelect(null);
    else return;
    e.preventDefault();
  };

  const zoomed = view.start > 0 || view.end < 1;
  return (
    <div className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <div className="flex items-center gap-3 border-b border-slate-200 p-2">
        <div className="flex-1">
          <Minimap rows={rows} totalMs={totalMs} view={view} onView={setView} />
        </div>
        <div className="flex flex-col gap-1">
          <Button onClick={() => setView(FULL_VIEW)} disabled={!zoomed} aria-label="Reset zoom">
            Reset zoom
          </Button>
          <Button
            onClick={() => setCollapsed((c) => (c.size ? new Set() : collapseBelow(rows, 1)))}
            aria-label={collapsed.size ? "Expand all" : "Collapse all"}
          >
            {collapsed.size ? "Expand all" : "Collapse all"}
          </Button>
        </div>
      </div>
      <div className="flex h-6 border-b border-slate-200 bg-slate-50 text-[10px] font-medium uppercase tracking-wide text-slate-500">
        <div className="flex items-center border-r border-slate-200 px-2" style={{ width: LABEL_WIDTH }}>
          Span · service ({visible.length.toLocaleString("en")} of {rows.length.toLocaleString("en")})
        </div>
        <div className="relative flex-1">
          <Ticks totalMs={totalMs} view={view} />
        </div>
      </div>
      <div
        ref={scroller}
        role="tree"
        aria-label="Journey waterfall"
        aria-activedescendant={visible[cursor] ? `row-${visible[cursor]!.key}` : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
        className="relative overflow-auto focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500"
        style={{ height: "min(68vh, 900px)" }}
        data-testid="waterfall"
      >
        <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          <div className="pointer-events-none absolute inset-y-0 right-0" style={{ left: LABEL_WIDTH }}>
            <Ticks totalMs={totalMs} view={view} lines />
          </div>
          {virtualizer.getVirtualItems().map((item) => {
            const row = visible[item.index]!;
            return (
              <div
                key={row.key}
                id={`row-${row.key}`}
                className={`absolute inset-x-0 ${item.index === cursor ? "outline outline-1 -outline-offset-1 outline-indigo-300" : ""}`}
                style={{ top: item.start, height: ROW_HEIGHT }}
              >
                <SpanBarRow
                  row={row}
                  totalMs={totalMs}
                  view={view}
                  selected={row.key === selected}
                  collapsed={collapsed.has(row.key)}
                  onSelect={select}
                  onToggle={toggle}
                />
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
