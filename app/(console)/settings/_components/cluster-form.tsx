"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "@/app/_components/ui/button";
import { FormCard } from "@/app/_components/ui/form-card";
import { fieldClass } from "@/app/_components/ui/form";
import { ErrorNote } from "@/app/_components/ui/states";
import { useTRPC } from "@/app/_trpc/react";
import type { RouterOutputs } from "@/server/api/root";

type Cluster = RouterOutputs["clusters"]["list"][number];
type Mechanism = Cluster["saslMechanism"];

export function ClusterForm({ cluster, onDone }: { cluster: Cluster | null; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState(cluster?.name ?? "");
  const [servers, setServers] = useState(cluster?.bootstrapServers.join(", ") ?? "");
  const [clientId, setClientId] = useState(cluster?.clientId ?? "eventplane");
  const [tls, setTls] = useState(cluster?.tls ?? false);
  const [mechanism, setMechanism] = useState<Mechanism>(cluster?.saslMechanism ?? "none");
  const [username, setUsername] = useState(cluster?.saslUsername ?? "");
  const [password, setPassword] = useState("");

  const values = () => ({
    name,
    bootstrapServers: servers,
    clientId,
    tls,
    saslMechanism: mechanism,
    saslUsername: mechanism === "none" ? undefined : username,
    saslPassword: mechanism === "none" || password === "" ? undefined : password,
  });
  const done = async () => {
    await queryClient.invalidateQueries();
    onDone();
  };
  const add = useMutation(trpc.clusters.add.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.clusters.update.mutationOptions({ onSuccess: done }));
  const test = useMutation(trpc.clusters.test.mutationOptions());
  const saving = add.isPending || update.isPending;

  // Only the latest attempt's answer is shown: a stale error next to a fresh result confuses.
  const submit = (e: FormEvent) => {
    e.preventDefault();
    test.reset();
    if (cluster) update.mutate({ id: cluster.id, ...values() });
    else add.mutate(values());
  };

  return (
    <FormCard
      onSubmit={submit}
      label={cluster ? `Edit cluster ${cluster.name}` : "Add cluster"}
      title={cluster ? `Edit ${cluster.name}` : "Add a Kafka cluster"}
    >
      <div className="grid gap-4 md:grid-cols-2">
        <label className="text-sm">
          Name
          <input className={fieldClass} value={name} onChange={(e) => setName(e.target.value)} required autoFocus placeholder="prod-eu" />
        </label>
        <label className="text-sm">
          Bootstrap servers
          <input
            className={`${fieldClass} font-mono`}
            value={servers}
            onChange={(e) => setServers(e.target.value)}
            required
            placeholder="broker-1:9092, broker-2:9092"
          />
        </label>
        <label className="text-sm">
          Client id
          <input className={fieldClass} value={clientId} onChange={(e) => setClientId(e.target.value)} />
        </label>
        <label className="flex items-center gap-2 self-end pb-2 text-sm">
          <input type="checkbox" checked={tls} onChange={(e) => setTls(e.target.checked)} /> Use TLS
        </label>
        <label className="text-sm">
          SASL
          <select className={fieldClass} value={mechanism} onChange={(e) => setMechanism(e.target.value as Mechanism)}>
            <option value="none">None</option>
            <option value="plain">PLAIN</option>
            <option value="scram-sha-256">SCRAM-SHA-256</option>
            <option value="scram-sha-512">SCRAM-SHA-512</option>
          </select>
        </label>
        {mechanism !== "none" ? (
          <div className="grid grid-cols-2 gap-3">
            <label className="text-sm">
              Username
              <input className={fieldClass} value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="off" />
            </label>
            <label className="text-sm">
              Password
              <input
                className={fieldClass}
                type="password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                autoComplete="new-password"
                placeholder={cluster?.hasPassword ? "stored; type to replace" : ""}
              />
            </label>
          </div>
        ) : null}
      </div>
      <div className="mt-4 space-y-2">
        <ErrorNote error={add.error ?? update.error ?? test.error} />
        {test.data ? (
          test.data.ok ? (
            <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
              Connected in {test.data.elapsedMs} ms: {test.data.brokers.length} broker{test.data.brokers.length === 1 ? "" : "s"} (
              {test.data.brokers.map((b) => `${b.host}:${b.port}`).join(", ")})
            </p>
          ) : (
            <p role="alert" className="rounded-md border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-700">
              Connection failed: {test.data.error}
            </p>
          )
        ) : null}
      </div>
      <div className="mt-4 flex gap-2">
        <Button type="submit" variant="primary" disabled={saving}>
          {saving ? "Connecting…" : cluster ? "Save" : "Add cluster"}
        </Button>
        <Button
          onClick={() => {
            add.reset();
            update.reset();
            test.mutate({ ...values(), id: cluster?.id });
          }}
          disabled={test.isPending}
        >
          {test.isPending ? "Testing…" : "Test connection"}
        </Button>
        <Button variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </FormCard>
  );
}
