"use client";

// A backlog the broker counts itself: a RabbitMQ queue with its consumers, a JetStream consumer.
import { fmtInt, fmtRate } from "@/app/_components/format";
import { Fact } from "@/app/_components/ui/fact";
import { EmptyState } from "@/app/_components/ui/states";
import { Table, Th } from "@/app/_components/ui/table";

type Member = { memberId: string; clientId: string; host: string; details?: Record<string, unknown> };
const n = (v: unknown) => (typeof v === "number" ? v : null);

export function BrokerBacklog({ kind, details, members }: { kind: string; details: Record<string, unknown>; members: Member[] }) {
  return (
    <>
      <dl className="mb-6 grid grid-cols-2 gap-4 md:grid-cols-5">
        {kind === "queue" ? (
          <>
            <Fact label="Ready" value={fmtInt(n(details.ready) ?? 0)} />
            <Fact label="Unacknowledged" value={fmtInt(n(details.unacked) ?? 0)} />
          </>
        ) : (
          <>
            <Fact label="Pending (not delivered)" value={fmtInt(n(details.pending) ?? 0)} />
            <Fact label="Ack pending" value={fmtInt(n(details.ackPending) ?? 0)} />
            <Fact label="Redelivered" value={fmtInt(n(details.redelivered) ?? 0)} />
          </>
        )}
        <Fact label="In / out" value={`${fmtRate(n(details.inRate))} · ${fmtRate(n(details.outRate))}`} />
        <Fact label="Status reason" value={typeof details.reason === "string" ? details.reason : "—"} />
        {kind === "jetstream" ? (
          <Fact label="Max deliver" value={n(details.maxDeliver) === -1 ? "unlimited" : fmtInt(n(details.maxDeliver) ?? 0)} />
        ) : null}
      </dl>
      {kind === "jetstream" ? (
        <p className="mb-4 text-sm text-slate-600">
          Delivered up to stream sequence {fmtInt(n(details.deliveredStreamSeq) ?? 0)}, acknowledged up to{" "}
          {fmtInt(n(details.ackFloorStreamSeq) ?? 0)}
          {Array.isArray(details.filterSubjects) && details.filterSubjects.length
            ? ` · filter ${(details.filterSubjects as string[]).join(", ")}`
            : ""}
          .
        </p>
      ) : null}
      {members.length === 0 ? (
        <EmptyState title={kind === "queue" ? "No consumers" : "No client attached"}>
          {kind === "queue"
            ? "Nothing consumes from this queue: its messages wait until a consumer attaches."
            : "No push subscriber is bound, no pull request waits and nothing was delivered in the last minute."}
        </EmptyState>
      ) : kind === "queue" ? (
        <Table
          head={
            <>
              <Th>Consumer tag</Th>
              <Th>Connection</Th>
              <Th>Channel</Th>
              <Th right>Prefetch</Th>
              <Th>Acknowledges</Th>
            </>
          }
        >
          {members.map((m) => (
            <tr key={m.memberId}>
              <td className="px-4 py-2 font-mono text-xs">{m.memberId}</td>
              <td className="px-4 py-2 font-mono text-xs">{m.clientId}</td>
              <td className="px-4 py-2 font-mono text-xs">{String(m.details?.channel ?? "")}</td>
              <td className="px-4 py-2 text-right tabular-nums">
                {n(m.details?.prefetch) === 0 ? "unlimited" : fmtInt(n(m.details?.prefetch) ?? 0)}
              </td>
              <td className="px-4 py-2 text-xs">{m.details?.ackRequired ? "manually" : "automatically (no ack)"}</td>
            </tr>
          ))}
        </Table>
      ) : (
        <p className="text-sm text-slate-600">A {members[0]!.clientId} client is attached.</p>
      )}
    </>
  );
}
