"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/app/_components/ui/button";
import { useViewer } from "@/app/_components/use-viewer";
import { EmptyState, ErrorNote, LoadingRows } from "@/app/_components/ui/states";
import { Table, Th } from "@/app/_components/ui/table";
import { useTRPC } from "@/app/_trpc/react";
import type { RouterOutputs } from "@/server/api/root";
import { RuleForm } from "./rule-form";
import { Badge } from "./severity-badge";

type Rule = RouterOutputs["alerts"]["rules"][number];

export function RulesPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const rules = useQuery({ ...trpc.alerts.rules.queryOptions(), refetchInterval: 10_000 });
  const [editing, setEditing] = useState<Rule | "new" | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.alerts.rules.queryKey() });
  const toggle = useMutation(trpc.alerts.setRuleEnabled.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.alerts.deleteRule.mutationOptions({ onSuccess: refresh }));
  const { viewer, isAdmin, canChange } = useViewer();
  // A rule with no team watches every team: the admins'. Editors change their teams' rules.
  const mayChange = (r: Rule) => (r.ownerTeam ? canChange(r.ownerTeam) : isAdmin);
  return (
    <div className="space-y-4">
      {editing ? (
        <RuleForm rule={editing === "new" ? null : editing} onDone={() => setEditing(null)} />
      ) : viewer?.role === "editor" || isAdmin ? (
        <Button variant="primary" onClick={() => setEditing("new")}>
          New rule
        </Button>
      ) : null}
      <ErrorNote error={rules.error ?? toggle.error ?? remove.error} />
      {rules.isPending ? (
        <LoadingRows label="Loading rules" />
      ) : !rules.data?.length ? (
        <EmptyState title="No alert rules">
          A rule watches consumer lag, lag status, dead-letter queues or cluster reachability, and notifies webhooks.
        </EmptyState>
      ) : (
        <Table
          head={
            <>
              <Th>Rule</Th>
              <Th>Condition</Th>
              <Th>Severity</Th>
              <Th right>Firing</Th>
              <Th right>Pending</Th>
              <Th>Enabled</Th>
              <Th />
            </>
          }
        >
          {rules.data.map((r) => (
            <tr key={r.id} data-testid="rule-row">
              <td className="px-4 py-2 font-medium">{r.name}</td>
              <td className="px-4 py-2 text-xs text-slate-600">{r.description}</td>
              <td className="px-4 py-2">
                <Badge value={r.severity} />
              </td>
              <td className="px-4 py-2 text-right tabular-nums">{r.firing}</td>
              <td className="px-4 py-2 text-right tabular-nums">{r.pending}</td>
              <td className="px-4 py-2">
                <input
                  type="checkbox"
                  aria-label={`Enable ${r.name}`}
                  checked={r.enabled}
                  disabled={!mayChange(r)}
                  onChange={(e) => toggle.mutate({ id: r.id, enabled: e.target.checked })}
                />
              </td>
              <td className="space-x-1 whitespace-nowrap px-4 py-2 text-right">
                <a href={`/audit?target=alert-rule&id=${r.id}`} className="px-2 text-sm text-slate-600 hover:text-indigo-700">
                  History
                </a>
                {mayChange(r) ? (
                  <>
                    <Button variant="ghost" onClick={() => setEditing(r)}>
                      Edit
                    </Button>
                    <Button variant="ghost" onClick={() => confirm(`Delete rule ${r.name} and its alerts?`) && remove.mutate({ id: r.id })}>
                      Delete
                    </Button>
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </Table>
      )}
    </div>
  );
}
