"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { fmtAgo, plural } from "@/app/_components/format";
import { Button } from "@/app/_components/ui/button";
import { useViewer } from "@/app/_components/use-viewer";
import { EmptyState, ErrorNote, LoadingRows } from "@/app/_components/ui/states";
import { StatusBadge } from "@/app/_components/ui/status-badge";
import { useTRPC } from "@/app/_trpc/react";
import type { RouterOutputs } from "@/server/api/root";
import { BrokerBadge } from "@/app/_components/broker-badge";
import { ClusterForm } from "./cluster-form";

type Cluster = RouterOutputs["clusters"]["list"][number];

export function ClustersSettings() {
  const trpc = useTRPC();
  const clusters = useQuery({ ...trpc.clusters.list.queryOptions(), refetchInterval: 5_000 });
  const [editing, setEditing] = useState<Cluster | "new" | null>(null);
  const { isAdmin } = useViewer();

  return (
    <section aria-labelledby="clusters-h" className="space-y-4">
      <div className="flex items-center justify-between">
        <h2 id="clusters-h" className="text-lg font-semibold">
          Connections
        </h2>
        {editing === null && isAdmin ? (
          <Button variant="primary" onClick={() => setEditing("new")}>
            Add connection
          </Button>
        ) : null}
      </div>
      {editing !== null ? (
        <ClusterForm
          key={editing === "new" ? "new" : editing.id}
          cluster={editing === "new" ? null : editing}
          onDone={() => setEditing(null)}
        />
      ) : null}
      <ErrorNote error={clusters.error} />
      {clusters.isPending ? (
        <LoadingRows rows={2} label="Loading connections" />
      ) : clusters.data?.length === 0 ? (
        editing === null ? (
          <EmptyState title="No connection yet">
            {isAdmin
              ? "Connect a Kafka cluster, a RabbitMQ broker or a NATS server with JetStream; Eventplane tests the connection before it saves."
              : "An admin connects brokers here; until then the catalog is empty."}
          </EmptyState>
        ) : null
      ) : (
        <ul className="space-y-3">
          {clusters.data?.map((c) => (
            <ClusterRow key={c.id} cluster={c} onEdit={isAdmin ? () => setEditing(c) : null} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** `onEdit` null: the viewer may not change clusters (admins only), so no controls. */
function authSummary(c: Cluster): string {
  if (c.saslMechanism === "none") return c.kind === "kafka" ? "no SASL" : "no authentication";
  if (c.kind === "kafka") return `SASL ${c.saslMechanism.toUpperCase()} as ${c.saslUsername}`;
  if (c.saslMechanism === "plain") return `as ${c.saslUsername}`;
  return { token: "token", nkey: "NKey", creds: "credentials file" }[c.saslMechanism as "token" | "nkey" | "creds"] ?? c.saslMechanism;
}

function ClusterRow({ cluster: c, onEdit }: { cluster: Cluster; onEdit: (() => void) | null }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation(trpc.clusters.remove.mutationOptions({ onSuccess: () => queryClient.invalidateQueries() }));
  return (
    <li data-testid="cluster-row" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="flex items-center gap-2 font-semibold">
            <BrokerBadge kind={c.kind} /> {c.name} <StatusBadge status={c.status} />
            {c.source === "env" ? (
              <span className="rounded bg-slate-100 px-1.5 text-xs font-normal text-slate-500">
                from {c.kind === "rabbitmq" ? "RABBITMQ_URL" : c.kind === "nats" ? "NATS_URL" : "KAFKA_BROKERS"}
              </span>
            ) : null}
          </p>
          <p className="font-mono text-xs text-slate-500">{c.bootstrapServers.join(", ")}</p>
          <p className="mt-1 text-xs text-slate-500">
            {c.tls ? "TLS" : "plaintext"} · {authSummary(c)} ·{" "}
            {plural(c.brokerCount, c.kind === "kafka" ? "broker" : c.kind === "nats" ? "server" : "node")} ·{" "}
            {plural(
              c.topicCount,
              c.kind === "kafka" ? "topic" : c.kind === "nats" ? "stream" : "queue or exchange",
              c.kind === "rabbitmq" ? "queues and exchanges" : undefined,
            )}{" "}
            · last sync {fmtAgo(c.lastSyncAt)}
          </p>
          {c.status === "UNREACHABLE" ? (
            <p className="mt-2 text-xs text-rose-700">
              Unreachable since {fmtAgo(c.unreachableSince)}: {c.lastError}
            </p>
          ) : c.lastError ? (
            <p className="mt-2 text-xs text-amber-800">Partly read: {c.lastError}</p>
          ) : null}
        </div>
        {onEdit ? (
          <div className="flex gap-2">
            <Button onClick={onEdit}>Edit</Button>
            {confirming ? (
              <>
                <Button variant="danger" disabled={remove.isPending} onClick={() => remove.mutate({ id: c.id })}>
                  Remove {c.name} and its catalog
                </Button>
                <Button variant="ghost" onClick={() => setConfirming(false)}>
                  Keep
                </Button>
              </>
            ) : (
              <Button variant="ghost" onClick={() => setConfirming(true)}>
                Remove
              </Button>
            )}
          </div>
        ) : null}
      </div>
      <ErrorNote error={remove.error} />
    </li>
  );
}
