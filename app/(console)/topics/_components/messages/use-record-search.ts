"use client";

// The browser's side of a streaming search: POST /api/records/search, read its newline-delimited
// events as they come (progress, each match, the summary), and stop it by aborting the request.
import { useCallback, useRef, useState } from "react";
import type { PresentedRecord, SearchProgress } from "@/server/domain/records";

export type SearchRequest = {
  topicId: string;
  from: "latest" | "earliest" | "offset" | "timestamp";
  offset?: string;
  timestamp?: string;
  partition?: number;
  direction: "newest" | "oldest";
  filter?: string;
  limit: number;
  maxScanned: number;
  maxSeconds: number;
  cursor?: string;
};

export type SearchSummary = {
  scanned: number;
  matched: number;
  total: number;
  stoppedBy: "limit" | "scanned-budget" | "time-budget" | "end" | "cancelled";
  cursor: string | null;
  filterErrors: number;
  firstFilterError: string | null;
};

export function useRecordSearch() {
  const [running, setRunning] = useState(false);
  const [live, setLive] = useState(false);
  const [progress, setProgress] = useState<SearchProgress | null>(null);
  const [messages, setMessages] = useState<PresentedRecord[]>([]);
  const [summary, setSummary] = useState<SearchSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  const last = useRef<SearchRequest | null>(null);

  const run = useCallback(async (request: SearchRequest & { tail?: boolean }, keep: boolean) => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    last.current = request;
    setRunning(true);
    setLive(!!request.tail);
    setError(null);
    setSummary(null);
    setProgress(null);
    if (!keep) setMessages([]);
    try {
      const res = await fetch("/api/records/search", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(request),
        signal: controller.signal,
      });
      if (!res.ok || !res.body) {
        const body = (await res.json().catch(() => null)) as { error?: string } | null;
        throw new Error(body?.error ?? `The search failed (${res.status})`);
      }
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffered = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffered += value;
        const lines = buffered.split("\n");
        buffered = lines.pop() ?? "";
        const found: PresentedRecord[] = [];
        for (const line of lines.filter(Boolean)) {
          const event = JSON.parse(line) as { type: string } & Record<string, unknown>;
          if (event.type === "message") found.push(event.message as PresentedRecord);
          else if (event.type === "progress") setProgress(event as unknown as SearchProgress);
          else if (event.type === "done") setSummary(event as unknown as SearchSummary);
          else if (event.type === "error") setError(String(event.error));
        }
        // A tail shows the newest on top; a search keeps its own order.
        if (found.length) setMessages((m) => (request.tail ? [...found.reverse(), ...m].slice(0, 1_000) : [...m, ...found]));
      }
    } catch (e) {
      if ((e as Error).name === "AbortError") setSummary((s) => s ?? null);
      else setError((e as Error).message);
    } finally {
      if (abort.current === controller) {
        abort.current = null;
        setRunning(false);
      }
    }
  }, []);

  return {
    running,
    live,
    progress,
    messages,
    summary,
    error,
    search: (request: SearchRequest) => run(request, false),
    /** the next page of the last search, from where it stopped */
    continueFrom: (cursor: string) => last.current && run({ ...last.current, cursor }, true),
    /** new messages as they arrive, until stopped */
    tail: (request: SearchRequest) => run({ ...request, tail: true }, false),
    stop: () => abort.current?.abort(),
  };
}
