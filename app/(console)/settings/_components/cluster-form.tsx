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
type Kind = Cluster["kind"];

// What each broker kind calls its addresses and how it authenticates.
const KINDS: Record<Kind, { label: string; addresses: string; placeholder: string; auth: { value: Mechanism; label: string }[] }> = {
  kafka: {
    label: "Kafka",
    addresses: "Bootstrap servers",
    placeholder: "broker-1:9092, broker-2:9092",
    auth: [
      { value: "none", label: "None" },
      { value: "plain", label: "SASL PLAIN" },
      { value: "scram-sha-256", label: "SASL SCRAM-SHA-256" },
      { value: "scram-sha-512", label: "SASL SCRAM-SHA-512" },
    ],
  },
  rabbitmq: {
    label: "RabbitMQ",
    addresses: "Management API URL",
    placeholder: "http://rabbitmq:15672",
    auth: [{ value: "plain", label: "User and password" }],
  },
  nats: {
    label: "NATS JetStream",
    addresses: "Servers",
    placeholder: "nats://nats-1:4222, nats://nats-2:4222",
    auth: [
      { value: "none", label: "None" },
      { value: "token", label: "Token" },
      { value: "plain", label: "User and password" },
      { value: "nkey", label: "NKey seed" },
      { value: "creds", label: "Credentials file" },
    ],
  },
};
const SECRET_LABEL: Partial<Record<Mechanism, string>> = { token: "Token", nkey: "NKey seed", creds: "Credentials (.creds file contents)" };

export function ClusterForm({ cluster, onDone }: { cluster: Cluster | null; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<Kind>(cluster?.kind ?? "kafka");
  const [name, setName] = useState(cluster?.name ?? "");
  const [amqpUrl, setAmqpUrl] = useState(cluster?.amqpUrl ?? "");
  const [servers, setServers] = useState(cluster?.bootstrapServers.join(", ") ?? "");
  const [clientId, setClientId] = useState(cluster?.clientId ?? "eventplane");
  const [tls, setTls] = useState(cluster?.tls ?? false);
  const [mechanism, setMechanism] = useState<Mechanism>(cluster?.saslMechanism ?? "none");
  const [username, setUsername] = useState(cluster?.saslUsername ?? "");
  const [password, setPassword] = useState("");

  const meta = KINDS[kind];
  const auth = meta.auth.some((a) => a.value === mechanism) ? mechanism : meta.auth[0]!.value;
  const needsUser = auth === "plain" || auth.startsWith("scram");
  const values = () => ({
    name,
    kind,
    bootstrapServers: servers,
    clientId,
    tls,
    saslMechanism: auth,
    saslUsername: needsUser ? username : undefined,
    saslPassword: auth === "none" || password === "" ? undefined : password,
    amqpUrl: kind === "rabbitmq" && amqpUrl.trim() ? amqpUrl : undefined,
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
      label={cluster ? `Edit connection ${cluster.name}` : "Add connection"}
      title={cluster ? `Edit ${cluster.name}` : `Add a ${meta.label} connection`}
    >
      <div className="grid gap-4 md:grid-cols-2">
        <label className="text-sm">
          Broker
          <select className={fieldClass} value={kind} onChange={(e) => setKind(e.target.value as Kind)} disabled={Boolean(cluster)}>
            {Object.entries(KINDS).map(([k, v]) => (
              <option key={k} value={k}>
                {v.label}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          Name
          <input className={fieldClass} value={name} onChange={(e) => setName(e.target.value)} required autoFocus placeholder="prod-eu" />
        </label>
        <label className="text-sm">
          {meta.addresses}
          <input
            className={`${fieldClass} font-mono`}
            value={servers}
            onChange={(e) => setServers(e.target.value)}
            required
            placeholder={meta.placeholder}
          />
        </label>
        {kind === "kafka" ? (
          <label className="text-sm">
            Client id
            <input className={fieldClass} value={clientId} onChange={(e) => setClientId(e.target.value)} />
          </label>
        ) : kind === "rabbitmq" ? (
          <label className="text-sm">
            AMQP URL <span className="text-xs text-slate-500">(for reading and redriving; empty: same host, port 5672)</span>
            <input
              className={`${fieldClass} font-mono`}
              value={amqpUrl}
              onChange={(e) => setAmqpUrl(e.target.value)}
              placeholder="amqp://rabbitmq:5672"
            />
          </label>
        ) : (
          <div />
        )}
        {kind !== "rabbitmq" ? (
          <label className="flex items-center gap-2 self-end pb-2 text-sm">
            <input type="checkbox" checked={tls} onChange={(e) => setTls(e.target.checked)} /> Use TLS
          </label>
        ) : (
          <p className="self-end pb-2 text-xs text-slate-500">TLS follows the URL (https:// and amqps://).</p>
        )}
        <label className="text-sm">
          Authentication
          <select className={fieldClass} value={auth} onChange={(e) => setMechanism(e.target.value as Mechanism)}>
            {meta.auth.map((a) => (
              <option key={a.value} value={a.value}>
                {a.label}
              </option>
            ))}
          </select>
        </label>
        {auth !== "none" ? (
          <div className={needsUser ? "grid grid-cols-2 gap-3" : ""}>
            {needsUser ? (
              <label className="text-sm">
                Username
                <input className={fieldClass} value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="off" />
              </label>
            ) : null}
            <label className="text-sm">
              {SECRET_LABEL[auth] ?? "Password"}
              {auth === "creds" ? (
                <textarea
                  className={`${fieldClass} font-mono text-xs`}
                  rows={3}
                  value={password}
                  onChange={(e) => setPassword(e.target.value)}
                  placeholder={cluster?.hasPassword ? "stored; paste to replace" : "-----BEGIN NATS USER JWT-----"}
                />
              ) : (
                <input
                  className={fieldClass}
                  type="password"
                  value={password}
                  onChange={(e) => setPassword(e.target.value)}
                  autoComplete="new-password"
                  placeholder={cluster?.hasPassword ? "stored; type to replace" : ""}
                />
              )}
            </label>
          </div>
        ) : null}
      </div>
      <div className="mt-4 space-y-2">
        <ErrorNote error={add.error ?? update.error ?? test.error} />
        {test.data ? (
          test.data.ok ? (
            <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
              Connected in {test.data.elapsedMs} ms: {test.data.brokers.length}{" "}
              {kind === "kafka" ? "broker" : kind === "nats" ? "server" : "node"}
              {test.data.brokers.length === 1 ? "" : "s"} ({test.data.brokers.map((b) => `${b.host}:${b.port}`).join(", ")})
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
          {saving ? "Connecting…" : cluster ? "Save" : "Add connection"}
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
