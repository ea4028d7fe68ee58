"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { fmtAgo } from "@/app/_components/format";
import { Button } from "@/app/_components/ui/button";
import { EmptyState, ErrorNote, LoadingRows } from "@/app/_components/ui/states";
import { Table, Th } from "@/app/_components/ui/table";
import { useTRPC } from "@/app/_trpc/react";
import { Badge } from "./severity-badge";

const Labels = ({ labels }: { labels: Record<string, string> }) => (
  <span className="flex flex-wrap gap-1">
    {Object.entries(labels)
      .filter(([k]) => k !== "alertname" && k !== "severity")
      .map(([k, v]) => (
        <span key={k} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-[11px] text-slate-700">
          {k}={v}
        </span>
      ))}
  </span>
);

export function ActiveAlerts() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const overview = useQuery({ ...trpc.alerts.overview.queryOptions(), refetchInterval: 5_000 });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.alerts.overview.queryKey() });
  const silence = useMutation(trpc.alerts.silence.mutationOptions({ onSuccess: refresh }));
  const expire = useMutation(trpc.alerts.expireSilence.mutationOptions({ onSuccess: refresh }));
  const o = overview.data;
  if (overview.isPending) return <LoadingRows label="Loading alerts" />;
  return (
    <div className="space-y-6">
      <ErrorNote error={overview.error ?? silence.error} />
      <section>
        <h2 className="mb-2 text-sm font-semibold text-slate-700">Now</h2>
        {!o?.active.length ? (
          <EmptyState title="Nothing is firing">
            Alerts appear here while a rule's condition holds: pending until its “for” period passes, then firing.
          </EmptyState>
        ) : (
          <Table
            head={
              <>
                <Th>State</Th>
                <Th>Rule</Th>
                <Th>Subject</Th>
                <Th>Labels</Th>
                <Th right>Value</Th>
                <Th>Since</Th>
                <Th />
              </>
            }
          >
            {o.active.map((a) => (
              <tr key={a.id} data-testid="active-alert" data-state={a.state}>
                <td className="px-4 py-2">
                  <Badge value={a.state} />
                </td>
                <td className="px-4 py-2">
                  <div className="font-medium">{a.rule.name}</div>
                  <div className="text-xs text-slate-500">
                    <Badge value={a.rule.severity} /> {a.rule.condition}
                  </div>
                </td>
                <td className="px-4 py-2 font-mono text-xs">
                  {a.href ? (
                    <Link href={a.href} className="text-indigo-700 hover:underline" title="Open its data: lag chart or dead letters">
                      {a.subject}
                    </Link>
                  ) : (
                    a.subject
                  )}
                </td>
                <td className="px-4 py-2">
                  <Labels labels={a.labels} />
                </td>
                <td className="px-4 py-2 text-right tabular-nums">{a.value?.toLocaleString("en") ?? "—"}</td>
                <td className="px-4 py-2 text-xs text-slate-500">{fmtAgo(a.firingSince ?? a.activeSince)}</td>
                <td className="px-4 py-2 text-right">
                  <Button
                    onClick={() =>
                      silence.mutate({
                        matchers: {
                          alertname: a.labels.alertname!,
                          ...(a.labels.group
                            ? { group: a.labels.group }
                            : a.labels.topic
                              ? { topic: a.labels.topic }
                              : { cluster: a.labels.cluster ?? "" }),
                        },
                        hours: 4,
                        comment: "silenced from the Alerts page",
                      })
                    }
                    disabled={silence.isPending}
                    className="whitespace-nowrap"
                  >
                    Silence 4 h
                  </Button>
                </td>
              </tr>
            ))}
          </Table>
        )}
      </section>
      {o?.silences.length ? (
        <section>
          <h2 className="mb-2 text-sm font-semibold text-slate-700">Silences</h2>
          <ul className="space-y-1 text-sm">
            {o.silences.map((s) => (
              <li key={s.id} className="flex items-center gap-3 rounded border border-slate-200 bg-white px-3 py-2">
                <Labels labels={s.matchers} />
                <span className="text-xs text-slate-500">until {new Date(s.endsAt).toLocaleString()}</span>
                <span className="flex-1 text-xs text-slate-400">{s.comment}</span>
                <Button variant="ghost" onClick={() => expire.mutate({ id: s.id })}>
                  Expire
                </Button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section>
        <h2 className="mb-2 text-sm font-semibold text-slate-700">History</h2>
        {!o?.history.length ? (
          <p className="text-sm text-slate-500">No alert has changed state yet.</p>
        ) : (
          <Table
            head={
              <>
                <Th>When</Th>
                <Th>Change</Th>
                <Th>Rule</Th>
                <Th>Subject</Th>
                <Th right>Value</Th>
              </>
            }
          >
            {o.history.map((e) => (
              <tr key={e.id} data-testid="alert-event">
                <td className="px-4 py-1.5 text-xs text-slate-500" title={new Date(e.at).toISOString()}>
                  {fmtAgo(e.at)}
                </td>
                <td className="px-4 py-1.5">
                  <Badge value={e.state} /> {e.silenced ? <span className="text-xs text-slate-400">silenced</span> : null}
                </td>
                <td className="px-4 py-1.5">{e.rule.name}</td>
                <td className="px-4 py-1.5 font-mono text-xs">{e.subject}</td>
                <td className="px-4 py-1.5 text-right tabular-nums">{e.value?.toLocaleString("en") ?? "—"}</td>
              </tr>
            ))}
          </Table>
        )}
      </section>
    </div>
  );
}
