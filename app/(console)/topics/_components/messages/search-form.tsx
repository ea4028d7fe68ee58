"use client";

// What to search for, kept in the URL so a search can be bookmarked and shared: where to start, which
// partition, which order, a CEL filter, and the search's budget.
import { Button } from "@/app/_components/ui/button";
import { fieldClass } from "@/app/_components/ui/form";
import { SavedFilters } from "./saved-filters";
import type { SearchRequest } from "./use-record-search";

export type SearchFields = Omit<SearchRequest, "topicId" | "cursor">;

export const FILTER_EXAMPLES = [
  'value.order_id == "o-1042"',
  "value.total > 100 && partition == 2",
  'headers.tenant == "acme"',
  'key.startsWith("customer-") && size > 1024',
  'value.email.matches("@example\\\\.com$")',
  'timestamp > timestamp("2026-11-30T09:00:00Z")',
];

/** The form's fields from the URL (defaults where a parameter is missing or malformed). */
export function fieldsFromParams(p: URLSearchParams): SearchFields {
  const from = p.get("from");
  const num = (name: string, fallback: number) => (/^\d+$/.test(p.get(name) ?? "") ? Number(p.get(name)) : fallback);
  return {
    from: from === "earliest" || from === "offset" || from === "timestamp" ? from : "latest",
    offset: p.get("offset") ?? undefined,
    timestamp: p.get("time") ?? undefined,
    partition: /^\d+$/.test(p.get("partition") ?? "") ? Number(p.get("partition")) : undefined,
    direction: p.get("order") === "oldest" ? "oldest" : "newest",
    filter: p.get("filter") ?? undefined,
    limit: num("limit", 50),
    maxScanned: num("budget", 100_000),
    maxSeconds: num("seconds", 20),
  };
}

export function fieldsToParams(f: SearchFields): Record<string, string | number | undefined> {
  return {
    from: f.from === "latest" ? undefined : f.from,
    offset: f.from === "offset" ? f.offset : undefined,
    time: f.from === "timestamp" ? f.timestamp : undefined,
    partition: f.partition,
    order: f.direction === "oldest" ? "oldest" : undefined,
    filter: f.filter || undefined,
    limit: f.limit === 50 ? undefined : f.limit,
    budget: f.maxScanned === 100_000 ? undefined : f.maxScanned,
    seconds: f.maxSeconds === 20 ? undefined : f.maxSeconds,
  };
}

/** datetime-local shows local time without a zone; the search takes ISO 8601 with one. */
const toLocalInput = (iso: string | undefined) => {
  if (!iso || Number.isNaN(Date.parse(iso))) return "";
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 19);
};

export function SearchForm({
  fields,
  partitions,
  running,
  onChange,
  onSearch,
  onTail,
  onStop,
}: {
  fields: SearchFields;
  partitions: number;
  running: boolean;
  onChange: (f: SearchFields) => void;
  onSearch: () => void;
  onTail: () => void;
  onStop: () => void;
}) {
  const set = (patch: Partial<SearchFields>) => onChange({ ...fields, ...patch });
  return (
    <form
      aria-label="Search messages"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
      onSubmit={(e) => {
        e.preventDefault();
        if (!running) onSearch();
      }}
    >
      <div className="grid gap-3 md:grid-cols-5">
        <label className="text-sm">
          Start at
          <select className={fieldClass} value={fields.from} onChange={(e) => set({ from: e.target.value as SearchFields["from"] })}>
            <option value="latest">Latest</option>
            <option value="earliest">Earliest</option>
            <option value="offset">An offset</option>
            <option value="timestamp">A time</option>
          </select>
        </label>
        {fields.from === "offset" ? (
          <label className="text-sm">
            Offset
            <input
              className={`${fieldClass} font-mono`}
              inputMode="numeric"
              pattern="\d+"
              required
              value={fields.offset ?? ""}
              onChange={(e) => set({ offset: e.target.value.trim() })}
            />
          </label>
        ) : fields.from === "timestamp" ? (
          <label className="text-sm">
            Time (local)
            <input
              className={fieldClass}
              type="datetime-local"
              step={1}
              required
              value={toLocalInput(fields.timestamp)}
              onChange={(e) => set({ timestamp: e.target.value ? new Date(e.target.value).toISOString() : undefined })}
            />
          </label>
        ) : (
          <div />
        )}
        <label className="text-sm">
          Partition
          <select
            className={fieldClass}
            value={fields.partition ?? ""}
            onChange={(e) => set({ partition: e.target.value === "" ? undefined : Number(e.target.value) })}
          >
            <option value="">All {partitions}</option>
            {Array.from({ length: partitions }, (_, p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          Order
          <select
            className={fieldClass}
            value={fields.direction}
            onChange={(e) => set({ direction: e.target.value as SearchFields["direction"] })}
          >
            <option value="newest">Newest first</option>
            <option value="oldest">Oldest first</option>
          </select>
        </label>
        <label className="text-sm">
          Page size
          <input
            className={fieldClass}
            type="number"
            min={1}
            max={500}
            value={fields.limit}
            onChange={(e) => set({ limit: Math.min(500, Math.max(1, Number(e.target.value) || 50)) })}
          />
        </label>
      </div>
      <label className="block text-sm">
        Filter{" "}
        <span className="text-xs text-slate-500">
          (CEL over key, value, headers, partition, offset, timestamp, size; empty = every message)
        </span>
        <textarea
          className={`${fieldClass} font-mono`}
          rows={2}
          spellCheck={false}
          value={fields.filter ?? ""}
          placeholder={FILTER_EXAMPLES[0]}
          onChange={(e) => set({ filter: e.target.value })}
          onKeyDown={(e) => {
            // Enter searches (as in a search box); Shift+Enter makes a new line.
            if (e.key === "Enter" && !e.shiftKey) {
              e.preventDefault();
              if (!running) onSearch();
            }
          }}
        />
      </label>
      <SavedFilters expression={fields.filter ?? ""} onPick={(filter) => set({ filter })} />
      <details className="text-xs text-slate-500">
        <summary className="cursor-pointer">Examples</summary>
        <ul className="mt-1 space-y-0.5 font-mono">
          {FILTER_EXAMPLES.map((x) => (
            <li key={x}>
              <button type="button" className="text-indigo-700 hover:underline" onClick={() => set({ filter: x })}>
                {x}
              </button>
            </li>
          ))}
        </ul>
      </details>
      <div className="flex flex-wrap items-end gap-3">
        <label className="text-sm">
          Budget: messages scanned
          <input
            className={`${fieldClass} w-36`}
            type="number"
            min={1}
            max={10_000_000}
            value={fields.maxScanned}
            onChange={(e) => set({ maxScanned: Math.max(1, Number(e.target.value) || 100_000) })}
          />
        </label>
        <label className="text-sm">
          seconds
          <input
            className={`${fieldClass} w-24`}
            type="number"
            min={1}
            max={300}
            value={fields.maxSeconds}
            onChange={(e) => set({ maxSeconds: Math.min(300, Math.max(1, Number(e.target.value) || 20)) })}
          />
        </label>
        <div className="ml-auto flex gap-2">
          {running ? (
            <Button variant="danger" onClick={onStop}>
              Stop
            </Button>
          ) : null}
          <Button
            disabled={running}
            onClick={onTail}
            title="New messages from the end of each partition as they arrive (the filter applies)"
          >
            Live tail
          </Button>
          <Button type="submit" variant="primary" disabled={running}>
            Search
          </Button>
        </div>
      </div>
    </form>
  );
}
