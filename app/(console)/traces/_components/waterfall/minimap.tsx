"use client";

import { useEffect, useRef, useState } from "react";
import type { JourneyRow } from "@/server/domain/traces";
import { serviceColor } from "../service-colors";
import { windowFromDrag, type ViewWindow } from "./layout";

const HEIGHT = 56;

/** Every row of the journey in miniature; drag across it to zoom the waterfall into that stretch of time. */
export function Minimap({
  rows,
  totalMs,
  view,
  onView,
}: {
  rows: JourneyRow[];
  totalMs: number;
  view: ViewWindow;
  onView: (v: ViewWindow) => void;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [drag, setDrag] = useState<{ from: number; to: number } | null>(null);

  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const width = el.clientWidth;
    el.width = width * devicePixelRatio;
    el.height = HEIGHT * devicePixelRatio;
    const ctx = el.getContext("2d")!;
    ctx.scale(devicePixelRatio, devicePixelRatio);
    const rowH = Math.max(HEIGHT / Math.max(rows.length, 1), 0.5);
    const total = totalMs || 1;
    rows.forEach((r, i) => {
      ctx.fillStyle = serviceColor(r.service);
      ctx.fillRect((r.startMs / total) * width, i * rowH, Math.max((r.durationMs / total) * width, 1), Math.max(rowH - 0.5, 0.5));
    });
  }, [rows, totalMs]);

  const fraction = (e: React.PointerEvent) => {
    const box = e.currentTarget.getBoundingClientRect();
    return Math.min(1, Math.max(0, (e.clientX - box.left) / box.width));
  };
  const shown = drag ? { start: Math.min(drag.from, drag.to), end: Math.max(drag.from, drag.to) } : view;
  return (
    <div
      className="relative cursor-crosshair select-none rounded border border-slate-200 bg-slate-50"
      style={{ height: HEIGHT }}
      data-testid="minimap"
      aria-label="Journey overview: drag to zoom"
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        const f = fraction(e);
        setDrag({ from: f, to: f });
      }}
      onPointerMove={(e) => drag && setDrag({ ...drag, to: fraction(e) })}
      onPointerUp={(e) => {
        if (!drag) return;
        const next = windowFromDrag(drag.from, fraction(e));
        if (next) onView(next);
        setDrag(null);
      }}
    >
      <canvas ref={canvas} className="h-full w-full" />
      {/* Shade what is outside the view window. */}
      <div className="absolute inset-y-0 left-0 bg-slate-900/10" style={{ width: `${shown.start * 100}%` }} />
      <div className="absolute inset-y-0 right-0 bg-slate-900/10" style={{ width: `${(1 - shown.end) * 100}%` }} />
      <div
        className="absolute inset-y-0 border-x-2 border-indigo-500"
        style={{ left: `${shown.start * 100}%`, width: `${(shown.end - shown.start) * 100}%` }}
      />
    </div>
  );
}
