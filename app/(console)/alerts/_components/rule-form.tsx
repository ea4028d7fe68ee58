"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "@/app/_components/ui/button";
import { FormCard } from "@/app/_components/ui/form-card";
import { fieldClass } from "@/app/_components/ui/form";
import { ErrorNote } from "@/app/_components/ui/states";
import { useTRPC } from "@/app/_trpc/react";
import type { RouterOutputs } from "@/server/api/root";

type Rule = RouterOutputs["alerts"]["rules"][number];

export function RuleForm({ rule, onDone }: { rule: Rule | null; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const clusters = useQuery(trpc.clusters.list.queryOptions());
  const endpoints = useQuery(trpc.alerts.endpoints.queryOptions());
  // The conditions and what their thresholds mean come from the server's registry of rule kinds.
  const kinds = useQuery(trpc.alerts.kinds.queryOptions());
  const [name, setName] = useState(rule?.name ?? "");
  const [kind, setKind] = useState(rule?.kind ?? "group_lag_offsets");
  const [threshold, setThreshold] = useState(String(rule?.threshold ?? 1000));
  const [clusterId, setClusterId] = useState(rule?.clusterId ?? "");
  const [brokerKind, setBrokerKind] = useState(rule?.brokerKind ?? "");
  const [target, setTarget] = useState(rule?.target ?? "*");
  const [ownerTeam, setOwnerTeam] = useState(rule?.ownerTeam ?? "");
  const [forSeconds, setForSeconds] = useState(String(rule?.forSeconds ?? 60));
  const [repeatMinutes, setRepeatMinutes] = useState(String((rule?.repeatSeconds ?? 14_400) / 60));
  const [severity, setSeverity] = useState(rule?.severity ?? "warning");
  const [labels, setLabels] = useState(
    Object.entries((rule?.labels as Record<string, string>) ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join(", "),
  );
  const [endpointIds, setEndpointIds] = useState<string[]>(rule?.endpointIds ?? []);
  const [groupBy, setGroupBy] = useState((rule?.groupBy ?? []).join(", "));
  const done = async () => {
    await queryClient.invalidateQueries();
    onDone();
  };
  const create = useMutation(trpc.alerts.createRule.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.alerts.updateRule.mutationOptions({ onSuccess: done }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const values = {
      name,
      kind,
      threshold: Number(threshold),
      clusterId: clusterId || null,
      brokerKind: (brokerKind || null) as "kafka" | "rabbitmq" | "nats" | null,
      target: target || "*",
      ownerTeam: ownerTeam.trim() || null,
      forSeconds: Number(forSeconds),
      repeatSeconds: Math.round(Number(repeatMinutes) * 60),
      severity: severity as "info" | "warning" | "critical",
      labels: Object.fromEntries(
        labels
          .split(",")
          .map((p) => p.split("=").map((s) => s.trim()))
          .filter(([k]) => k)
          .map(([k, v]) => [k!, v ?? ""]),
      ),
      endpointIds,
      groupBy: groupBy
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    };
    if (rule) update.mutate({ id: rule.id, rule: values });
    else create.mutate(values);
  };
  const meta = kinds.data?.find((k) => k.kind === kind);
  return (
    <FormCard onSubmit={submit} label={rule ? `Edit rule ${rule.name}` : "New rule"} title={rule ? `Edit ${rule.name}` : "New alert rule"}>
      <div className="grid gap-4 md:grid-cols-3">
        <label className="text-sm">
          Name
          <input
            className={fieldClass}
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            autoFocus
            placeholder="BillingLagging"
          />
        </label>
        <label className="text-sm">
          Condition
          <select className={fieldClass} value={kind} onChange={(e) => setKind(e.target.value)} disabled={!kinds.data}>
            {(kinds.data ?? [{ kind, label: kinds.isError ? "conditions could not be loaded" : "loading…" }]).map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        {meta?.thresholdUnit ? (
          <label className="text-sm">
            Threshold <span className="text-xs text-slate-500">({meta.thresholdUnit})</span>
            <input
              className={fieldClass}
              type="number"
              min={0}
              step="any"
              value={threshold}
              onChange={(e) => setThreshold(e.target.value)}
              required
            />
          </label>
        ) : (
          <div />
        )}
        <label className="text-sm">
          Broker
          <select className={fieldClass} value={brokerKind} onChange={(e) => setBrokerKind(e.target.value)}>
            <option value="">every broker</option>
            <option value="kafka">Kafka</option>
            <option value="rabbitmq">RabbitMQ</option>
            <option value="nats">NATS JetStream</option>
          </select>
        </label>
        <label className="text-sm">
          Connection
          <select className={fieldClass} value={clusterId} onChange={(e) => setClusterId(e.target.value)}>
            <option value="">every connection</option>
            {(clusters.data ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          {meta?.targetLabel ?? "Pattern"} <span className="text-xs text-slate-500">(* and ? wildcards)</span>
          <input className={`${fieldClass} font-mono`} value={target} onChange={(e) => setTarget(e.target.value)} />
        </label>
        <label className="text-sm">
          Owner team <span className="text-xs text-slate-500">(of the topics)</span>
          <input className={fieldClass} value={ownerTeam} onChange={(e) => setOwnerTeam(e.target.value)} placeholder="any" />
        </label>
        <label className="text-sm">
          For (seconds) <span className="text-xs text-slate-500">pending before firing</span>
          <input className={fieldClass} type="number" min={0} value={forSeconds} onChange={(e) => setForSeconds(e.target.value)} />
        </label>
        <label className="text-sm">
          Repeat every (minutes) <span className="text-xs text-slate-500">while firing</span>
          <input className={fieldClass} type="number" min={1} value={repeatMinutes} onChange={(e) => setRepeatMinutes(e.target.value)} />
        </label>
        <label className="text-sm">
          Severity
          <select className={fieldClass} value={severity} onChange={(e) => setSeverity(e.target.value)}>
            <option value="info">info</option>
            <option value="warning">warning</option>
            <option value="critical">critical</option>
          </select>
        </label>
        <label className="text-sm md:col-span-2">
          Labels <span className="text-xs text-slate-500">(team=payments, runbook=…)</span>
          <input className={`${fieldClass} font-mono`} value={labels} onChange={(e) => setLabels(e.target.value)} />
        </label>
        <label className="text-sm md:col-span-2">
          Group notifications by{" "}
          <span className="text-xs text-slate-500">(label names, e.g. cluster, topic; empty: one notification per rule)</span>
          <input className={`${fieldClass} font-mono`} value={groupBy} onChange={(e) => setGroupBy(e.target.value)} />
        </label>
        <fieldset className="text-sm">
          <legend>Notify</legend>
          {(endpoints.data ?? []).length === 0 ? (
            <p className="mt-1 text-xs text-slate-500">No webhook yet: add one under Webhooks.</p>
          ) : null}
          {(endpoints.data ?? []).map((e) => (
            <label key={e.id} className="mt-1 flex items-center gap-2">
              <input
                type="checkbox"
                checked={endpointIds.includes(e.id)}
                onChange={(ev) => setEndpointIds(ev.target.checked ? [...endpointIds, e.id] : endpointIds.filter((x) => x !== e.id))}
              />
              {e.name}
            </label>
          ))}
          <p className="mt-1 text-xs text-slate-500">None ticked: every enabled webhook.</p>
        </fieldset>
      </div>
      <ErrorNote error={create.error ?? update.error} />
      <div className="mt-4 flex gap-2">
        <Button type="submit" variant="primary" disabled={create.isPending || update.isPending}>
          {rule ? "Save rule" : "Create rule"}
        </Button>
        <Button onClick={onDone}>Cancel</Button>
      </div>
    </FormCard>
  );
}
