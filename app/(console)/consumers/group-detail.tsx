"use client";

import { FindingsPanel } from "@/app/_components/findings-panel";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { fmtAgo, fmtInt, fmtRate, fmtSeconds, plural } from "@/app/_components/format";
import { Fact } from "@/app/_components/ui/fact";
import { PageHeader } from "@/app/_components/ui/page-header";
import { EmptyState, ErrorNote, LoadingRows } from "@/app/_components/ui/states";
import { StatusBadge } from "@/app/_components/ui/status-badge";
import { Table, Th } from "@/app/_components/ui/table";
import { useTRPC } from "@/app/_trpc/react";
import { BrokerBacklog } from "./broker-backlog";
import { BROKER_OF, BrokerBadge, CONSUMER_NOUN } from "@/app/_components/broker-badge";
import { LagChart } from "./lag-chart";
import { ResetOffsetsPanel } from "./reset-offsets-panel";

// Time lag is an estimate: say how it was made where it is shown.
const TIME_LAG_HINT: Record<string, string> = {
  zero: "caught up with the log end",
  interpolated: "interpolated between two log-end samples",
  extrapolated: "the committed offset is older than the sample window: extrapolated, may overstate",
  "too-few-points": "not enough log-end samples yet",
  "flat-window": "no growth in the sample window to estimate from",
};

export function GroupDetail({ id }: { id: string }) {
  const trpc = useTRPC();
  const group = useQuery({ ...trpc.consumers.get.queryOptions({ id }), refetchInterval: 10_000 });
  if (group.isPending) return <LoadingRows label="Loading consumer group" />;
  if (group.error) {
    return group.error.data?.code === "NOT_FOUND" ? (
      <EmptyState
        title="Consumer group not found"
        action={
          <Link href="/consumers" className="text-indigo-700 underline">
            Back to consumer groups
          </Link>
        }
      />
    ) : (
      <ErrorNote error={group.error} />
    );
  }
  const g = group.data;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        <Link href="/consumers" className="hover:text-indigo-700">
          Consumers
        </Link>{" "}
        / {g.clusterName}
      </nav>
      <PageHeader
        title={<span className="font-mono">{g.groupId}</span>}
        subtitle={
          <span className="flex items-center gap-2">
            <BrokerBadge kind={BROKER_OF[g.kind] ?? "kafka"} /> {CONSUMER_NOUN[g.kind]}
            <StatusBadge status={g.state} />{" "}
            <span data-testid="group-lag-status">
              <StatusBadge status={g.status} kind="lag" />
            </span>{" "}
            {plural(g.members.length, "member")} · lag as of {fmtAgo(g.observedAt)} ·{" "}
            <Link
              className="text-indigo-700 underline"
              href={`/lineage?${new URLSearchParams({ focus: `group:${g.clusterId}:${g.groupId}`, node: `group:${g.clusterId}:${g.groupId}` })}`}
            >
              View lineage
            </Link>
          </span>
        }
      />
      <FindingsPanel targetType="group" targetKey={`${g.clusterId}/${g.groupId}`} />
      {g.kind !== "group" ? (
        <>
          <dl className="mb-6 grid grid-cols-2 gap-4 md:grid-cols-5">
            <Fact label="Backlog (messages)" value={fmtInt(g.totalLag)} />
            <Fact label="Oldest message" value={fmtSeconds(g.maxTimeLagSeconds)} />
            <Fact
              label="Time to drain"
              value={g.totalLag > 0 && g.secondsToDrain === null ? "not draining" : fmtSeconds(g.secondsToDrain)}
            />
          </dl>
          <LagChart id={id} />
          <BrokerBacklog kind={g.kind} details={g.details} members={g.members} />
          {g.kind === "jetstream" ? (
            <p className="mt-4 text-sm text-slate-500" data-testid="no-offset-reset">
              Resetting offsets: a JetStream consumer&apos;s position is its delivered and acknowledged sequences. Moving it means deleting
              the consumer and creating it again with a deliver policy (from a sequence or a time), which Eventplane does not do from here.
            </p>
          ) : null}
        </>
      ) : (
        <>
          <dl className="mb-6 grid grid-cols-2 gap-4 md:grid-cols-5">
            <Fact label="Total lag (messages)" value={fmtInt(g.totalLag)} />
            <Fact label="Max time lag" value={fmtSeconds(g.maxTimeLagSeconds)} />
            <Fact label="Consume rate" value={fmtRate(g.consumeRate)} />
            <Fact
              label="Time to drain"
              value={g.totalLag > 0 && g.secondsToDrain === null ? "not draining" : fmtSeconds(g.secondsToDrain)}
            />
            <Fact label="Partitions" value={fmtInt(g.partitions.length)} />
          </dl>
          <LagChart id={id} />
          {g.partitions.length === 0 ? (
            <EmptyState title="Nothing committed or assigned">This group has no committed offset and no assigned partition.</EmptyState>
          ) : (
            <Table
              head={
                <>
                  <Th>Topic</Th>
                  <Th right>Partition</Th>
                  <Th right>Committed</Th>
                  <Th right>Log end</Th>
                  <Th right>Lag</Th>
                  <Th right>Time lag</Th>
                  <Th>Status</Th>
                  <Th>Owner</Th>
                </>
              }
            >
              {g.partitions.map((p) => (
                <tr key={`${p.topic}-${p.partition}`} data-testid="lag-row">
                  <td className="px-4 py-2 font-mono">
                    {g.topicIds[p.topic] ? (
                      <Link href={`/topics/${g.topicIds[p.topic]}`} className="text-indigo-700 hover:underline">
                        {p.topic}
                      </Link>
                    ) : (
                      p.topic
                    )}
                  </td>
                  <td className="px-4 py-2 text-right tabular-nums">{p.partition}</td>
                  <td className="px-4 py-2 text-right tabular-nums">{p.committed === null ? "—" : fmtInt(p.committed)}</td>
                  <td className="px-4 py-2 text-right tabular-nums">
                    {p.endOffset === null ? "—" : fmtInt(p.endOffset)}
                    {p.stableOffset !== null ? (
                      <span
                        className="block text-xs text-violet-700"
                        data-testid="stable-offset"
                        title="Last stable offset: an open transaction holds it below the log end; read_committed consumers cannot read past it"
                      >
                        LSO {fmtInt(p.stableOffset)}
                      </span>
                    ) : null}
                  </td>
                  <td className={`px-4 py-2 text-right tabular-nums ${p.lag ? "font-semibold text-amber-700" : ""}`}>
                    {p.lag === null ? "—" : fmtInt(p.lag)}
                  </td>
                  <td className="px-4 py-2 text-right tabular-nums" title={TIME_LAG_HINT[p.timeLagMethod ?? ""]}>
                    {p.timeLagMethod === "extrapolated" ? "~" : ""}
                    {fmtSeconds(p.timeLagSeconds)}
                  </td>
                  <td className="px-4 py-2">
                    <StatusBadge status={p.status} kind="lag" />
                  </td>
                  <td className="px-4 py-2 font-mono text-xs text-slate-600">{p.owner ? `${p.owner.clientId} @ ${p.owner.host}` : "—"}</td>
                </tr>
              ))}
            </Table>
          )}
          {g.partitions.length ? (
            <ResetOffsetsPanel
              clusterId={g.clusterId}
              group={g.groupId}
              topics={[...new Set(g.partitions.map((p) => p.topic))]}
              topicIds={g.topicIds}
              partitionsOf={(topic) => g.partitions.filter((p) => p.topic === topic).map((p) => p.partition)}
            />
          ) : null}
        </>
      )}
    </>
  );
}
