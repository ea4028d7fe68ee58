"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { fmtAgo } from "@/app/_components/format";
import { Button } from "@/app/_components/ui/button";
import { useViewer } from "@/app/_components/use-viewer";
import { EmptyState, ErrorNote, LoadingRows } from "@/app/_components/ui/states";
import { Table, Th } from "@/app/_components/ui/table";
import { useTRPC } from "@/app/_trpc/react";
import type { RouterOutputs } from "@/server/api/root";
import { Badge } from "./severity-badge";
import { WebhookForm } from "./webhook-form";

type Endpoint = RouterOutputs["alerts"]["endpoints"][number];

export function WebhooksPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const endpoints = useQuery({ ...trpc.alerts.endpoints.queryOptions(), refetchInterval: 5_000 });
  const deliveries = useQuery({ ...trpc.alerts.deliveries.queryOptions({}), refetchInterval: 3_000 });
  const [editing, setEditing] = useState<Endpoint | "new" | null>(null);
  const refresh = () => queryClient.invalidateQueries();
  const test = useMutation(trpc.alerts.sendTest.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.alerts.deleteEndpoint.mutationOptions({ onSuccess: refresh }));
  const { isAdmin } = useViewer();
  return (
    <div className="space-y-6">
      {editing ? (
        <WebhookForm endpoint={editing === "new" ? null : editing} onDone={() => setEditing(null)} />
      ) : isAdmin ? (
        <Button variant="primary" onClick={() => setEditing("new")}>
          New webhook
        </Button>
      ) : (
        <p className="text-sm text-slate-500">Webhooks hold secrets and reach the network: admins add and change them.</p>
      )}
      <ErrorNote error={endpoints.error ?? test.error ?? remove.error} />
      {endpoints.isPending ? (
        <LoadingRows label="Loading webhooks" />
      ) : !endpoints.data?.length ? (
        <EmptyState title="No webhooks">
          Notifications go to webhooks: Alertmanager-compatible receivers, Slack, or any HTTP endpoint.
        </EmptyState>
      ) : (
        <Table
          head={
            <>
              <Th>Webhook</Th>
              <Th>Format</Th>
              <Th>Signed</Th>
              <Th right>Delivered</Th>
              <Th right>Pending</Th>
              <Th right>Failed</Th>
              <Th />
            </>
          }
        >
          {endpoints.data.map((e) => (
            <tr key={e.id} data-testid="webhook-row">
              <td className="px-4 py-2">
                <div className="font-medium">{e.name}</div>
                <div className="font-mono text-xs text-slate-500">{e.url}</div>
              </td>
              <td className="px-4 py-2 text-xs">{e.format}</td>
              <td className="px-4 py-2 text-xs">{e.signed ? "HMAC-SHA256" : "no"}</td>
              <td className="px-4 py-2 text-right tabular-nums">{e.delivered}</td>
              <td className="px-4 py-2 text-right tabular-nums">{e.pending}</td>
              <td className="px-4 py-2 text-right tabular-nums">{e.failed}</td>
              <td className={`space-x-1 px-4 py-2 text-right ${isAdmin ? "" : "hidden"}`}>
                <Button onClick={() => test.mutate({ id: e.id })} disabled={test.isPending}>
                  Send test
                </Button>
                <Button variant="ghost" onClick={() => setEditing(e)}>
                  Edit
                </Button>
                <Button
                  variant="ghost"
                  onClick={() => confirm(`Delete webhook ${e.name} and its delivery log?`) && remove.mutate({ id: e.id })}
                >
                  Delete
                </Button>
              </td>
            </tr>
          ))}
        </Table>
      )}
      <section>
        <h2 className="mb-2 text-sm font-semibold text-slate-700">Delivery log</h2>
        {!deliveries.data?.length ? (
          <p className="text-sm text-slate-500">Nothing sent yet.</p>
        ) : (
          <Table
            head={
              <>
                <Th>Queued</Th>
                <Th>Webhook</Th>
                <Th>Kind</Th>
                <Th>Status</Th>
                <Th right>Attempts</Th>
                <Th>Last answer</Th>
                <Th>Idempotency key</Th>
              </>
            }
          >
            {deliveries.data.map((n) => (
              <tr key={n.id} data-testid="delivery-row" data-status={n.status}>
                <td className="px-4 py-1.5 text-xs text-slate-500">{fmtAgo(n.createdAt)}</td>
                <td className="px-4 py-1.5">{n.endpoint}</td>
                <td className="px-4 py-1.5 text-xs">{n.kind}</td>
                <td className="px-4 py-1.5">
                  <Badge value={n.status} />
                  {n.status === "pending" && n.attempts ? (
                    <span className="ml-1 text-xs text-slate-500">next try {new Date(n.nextAttemptAt).toLocaleTimeString()}</span>
                  ) : null}
                </td>
                <td className="px-4 py-1.5 text-right tabular-nums">{n.attempts}</td>
                <td
                  className="max-w-xs truncate px-4 py-1.5 text-xs"
                  title={n.log.map((a) => `${new Date(a.at).toISOString()} ${a.httpStatus ?? a.error} (${a.durationMs} ms)`).join("\n")}
                >
                  {n.lastStatus ? `HTTP ${n.lastStatus}` : (n.lastError ?? "—")}
                </td>
                <td className="px-4 py-1.5 font-mono text-[11px] text-slate-500">{n.id}</td>
              </tr>
            ))}
          </Table>
        )}
      </section>
    </div>
  );
}
