"use client";

import { FindingsPanel } from "@/app/_components/findings-panel";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { fmtAgo, fmtInt, fmtRate } from "@/app/_components/format";
import { Fact } from "@/app/_components/ui/fact";
import { PageHeader } from "@/app/_components/ui/page-header";
import { EmptyState, ErrorNote, LoadingRows } from "@/app/_components/ui/states";
import { StatusBadge } from "@/app/_components/ui/status-badge";
import { useTRPC } from "@/app/_trpc/react";
import { ConfigTab } from "./config-tab";
import { ConsumersTab } from "./consumers-tab";
import { HistoryTable } from "@/app/_components/history-table";
import { MetadataPanel } from "./metadata-panel";
import { TopicSchemas } from "./topic-schemas";
import { PartitionsTab } from "./partitions-tab";
import { BrokerBadge, DESTINATION_NOUN } from "@/app/_components/broker-badge";
import { DestinationFacts, DestinationSettings } from "./destination-details";
import { AccessTab } from "./manage/access-tab";
import { ManageTab } from "./manage/manage-tab";

const KAFKA_TABS = ["Partitions", "Configuration", "Consumers", "Access", "Manage", "History"] as const;
const BROKER_TABS = ["Settings", "Consumers", "History"] as const;
type Tab = (typeof KAFKA_TABS)[number] | (typeof BROKER_TABS)[number];

export function TopicDetail({ id }: { id: string }) {
  const trpc = useTRPC();
  const topic = useQuery({ ...trpc.topics.get.queryOptions({ id }), refetchInterval: 10_000 });
  const [chosen, setTab] = useState<Tab | null>(null);

  if (topic.isPending) return <LoadingRows label="Loading topic" />;
  if (topic.error) {
    return topic.error.data?.code === "NOT_FOUND" ? (
      <EmptyState
        title="Not in the catalog"
        action={
          <Link href="/topics" className="text-indigo-700 underline">
            Back to the catalog
          </Link>
        }
      >
        It may belong to a cluster that was removed.
      </EmptyState>
    ) : (
      <ErrorNote error={topic.error} />
    );
  }
  const t = topic.data;
  const isKafka = t.kind === "topic";
  const tabs: readonly Tab[] = isKafka ? KAFKA_TABS : BROKER_TABS;
  const tab = chosen && tabs.includes(chosen) ? chosen : tabs[0]!;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        <Link href="/topics" className="hover:text-indigo-700">
          Catalog
        </Link>{" "}
        / {t.clusterName}
      </nav>
      <PageHeader
        title={<span className="font-mono">{t.name}</span>}
        subtitle={
          <span className="flex flex-wrap items-center gap-2">
            <BrokerBadge kind={t.broker} /> {t.kind !== "topic" ? DESTINATION_NOUN[t.kind] : null}
            {t.namespace ? ` in vhost ${t.namespace}` : null} on {t.clusterName}
            {t.internal ? <span className="rounded bg-slate-100 px-1.5 text-xs">internal</span> : null}
            {t.deletedAt ? (
              <>
                <StatusBadge status="DELETED" /> deleted on the broker {fmtAgo(t.deletedAt)}
              </>
            ) : null}
            <span>· first seen {fmtAgo(t.firstSeenAt)}</span>
            <Link
              className="text-indigo-700 underline"
              href={`/lineage?${new URLSearchParams({ focus: `topic:${t.clusterId}:${t.name}`, node: `topic:${t.clusterId}:${t.name}` })}`}
            >
              View lineage
            </Link>
            {isKafka ? (
              <Link className="text-indigo-700 underline" href={`/topics/${t.id}/messages`}>
                Browse messages
              </Link>
            ) : null}
          </span>
        }
      />
      <FindingsPanel targetType="topic" targetKey={`${t.clusterId}/${t.name}`} />
      {isKafka ? (
        <dl className="mb-6 grid grid-cols-2 gap-4 md:grid-cols-4">
          <Fact label="Partitions" value={fmtInt(t.partitionCount)} />
          <Fact label="Replication factor" value={fmtInt(t.replicationFactor)} />
          <Fact label="Messages retained" value={fmtInt(t.messageCount)} />
          <Fact label="Message rate" value={fmtRate(t.messagesPerSec)} />
        </dl>
      ) : (
        <DestinationFacts kind={t.kind} details={t.details} messageCount={t.messageCount} />
      )}
      <div className="grid gap-6 xl:grid-cols-[1fr_22rem]">
        <section>
          <div role="tablist" aria-label="Topic details" className="mb-3 flex gap-1 border-b border-slate-200">
            {tabs.map((name) => (
              <button
                key={name}
                role="tab"
                type="button"
                aria-selected={tab === name}
                onClick={() => setTab(name)}
                className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${tab === name ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-500 hover:text-slate-800"}`}
              >
                {name}
              </button>
            ))}
          </div>
          <div role="tabpanel" aria-label={tab}>
            {tab === "Partitions" ? <PartitionsTab partitions={t.partitions} /> : null}
            {tab === "Settings" ? <DestinationSettings kind={t.kind} details={t.details} /> : null}
            {tab === "Configuration" ? <ConfigTab configs={t.configs} /> : null}
            {tab === "Consumers" ? <ConsumersTab clusterId={t.clusterId} topic={t.name} /> : null}
            {tab === "History" ? <HistoryTable targetType="topic" targetId={t.id} /> : null}
            {tab === "Manage" ? <ManageTab topic={t} /> : null}
            {tab === "Access" ? <AccessTab topicId={t.id} clusterId={t.clusterId} /> : null}
          </div>
        </section>
        <div className="space-y-6">
          <MetadataPanel topic={t} />
          <TopicSchemas topic={t.name} />
        </div>
      </div>
    </>
  );
}
