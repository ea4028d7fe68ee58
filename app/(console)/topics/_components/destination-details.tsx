"use client";

// What a RabbitMQ queue or exchange, or a JetStream stream, is beyond the common figures: read from
// the broker at the last sync.
import { fmtAgo, fmtInt, fmtRate } from "@/app/_components/format";
import { Fact } from "@/app/_components/ui/fact";

type Details = Record<string, unknown>;
const n = (v: unknown) => (typeof v === "number" ? v : null);
const text = (v: unknown) => (typeof v === "string" && v !== "" ? v : null);

export function DestinationFacts({ kind, details, messageCount }: { kind: string; details: Details; messageCount: number }) {
  if (kind === "queue")
    return (
      <dl className="mb-6 grid grid-cols-2 gap-4 md:grid-cols-4">
        <Fact label="Ready" value={fmtInt(n(details.ready) ?? 0)} />
        <Fact label="Unacknowledged" value={fmtInt(n(details.unacked) ?? 0)} />
        <Fact label="Consumers" value={fmtInt(n(details.consumers) ?? 0)} />
        <Fact
          label="Publish / deliver / ack"
          value={`${fmtRate(n(details.publishRate))} · ${fmtRate(n(details.deliverRate))} · ${fmtRate(n(details.ackRate))}`}
        />
      </dl>
    );
  if (kind === "stream")
    return (
      <dl className="mb-6 grid grid-cols-2 gap-4 md:grid-cols-4">
        <Fact label="Messages" value={fmtInt(messageCount)} />
        <Fact label="Sequences" value={`${fmtInt(n(details.firstSeq) ?? 0)} – ${fmtInt(n(details.lastSeq) ?? 0)}`} />
        <Fact label="Consumers" value={fmtInt(n(details.consumers) ?? 0)} />
        <Fact label="Bytes" value={fmtInt(n(details.bytes) ?? 0)} />
      </dl>
    );
  return (
    <dl className="mb-6 grid grid-cols-2 gap-4 md:grid-cols-4">
      <Fact label="Exchange type" value={text(details.type) ?? "—"} />
      <Fact label="Publish rate" value={fmtRate(n(details.publishInRate))} />
    </dl>
  );
}

type Binding = { exchange?: string; queue?: string; routingKey: string };

/** A RabbitMQ destination's bindings, one "name (routing key)" each. */
function bindings(list: unknown, side: "exchange" | "queue"): string {
  const items = Array.isArray(list) ? (list as Binding[]) : [];
  return items.map((b) => `${b[side] ?? "?"}${b.routingKey ? ` (${b.routingKey})` : ""}`).join(", ") || "none";
}

/** The broker's settings of the destination, as a definition list. */
export function DestinationSettings({ kind, details }: { kind: string; details: Details }) {
  const rows: [string, string][] = [];
  if (kind === "queue") {
    rows.push(["Queue type", text(details.type) ?? "classic"]);
    rows.push(["Durable", details.durable ? "yes" : "no"]);
    rows.push([
      "Dead-letter exchange",
      details.deadLetterExchange === null || details.deadLetterExchange === undefined
        ? "none"
        : (text(details.deadLetterExchange) ?? "(default exchange)"),
    ]);
    if (text(details.deadLetterRoutingKey)) rows.push(["Dead-letter routing key", text(details.deadLetterRoutingKey)!]);
    rows.push(["Policy", text(details.policy) ?? "none"]);
    rows.push(["Bound from", bindings(details.boundFrom, "exchange")]);
    const head = n(details.headMessageAt);
    rows.push([
      "Oldest message",
      head ? `published ${fmtAgo(new Date(head))}` : n(details.ready) === 0 ? "none waiting" : "unknown (publishers set no timestamp)",
    ]);
    for (const [k, v] of Object.entries((details.arguments ?? {}) as Record<string, unknown>)) rows.push([k, JSON.stringify(v)]);
  } else if (kind === "stream") {
    rows.push(["Subjects", ((details.subjects ?? []) as string[]).join(", ") || "—"]);
    rows.push(["Retention", text(details.retention) ?? "—"]);
    rows.push(["Storage", text(details.storage) ?? "—"]);
    rows.push(["Replicas", String(n(details.replicas) ?? 1)]);
  } else {
    rows.push(["Type", text(details.type) ?? "—"]);
    rows.push(["Durable", details.durable ? "yes" : "no"]);
    rows.push(["Routes to", bindings(details.routes, "queue")]);
  }
  return (
    <dl className="grid grid-cols-[12rem_1fr] gap-x-4 gap-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm">
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-slate-500">{k}</dt>
          <dd className="break-all font-mono text-slate-800">{v}</dd>
        </div>
      ))}
    </dl>
  );
}
