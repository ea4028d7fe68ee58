"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "@/app/_components/ui/button";
import { FormCard } from "@/app/_components/ui/form-card";
import { fieldClass } from "@/app/_components/ui/form";
import { ErrorNote } from "@/app/_components/ui/states";
import { useTRPC } from "@/app/_trpc/react";
import type { RouterOutputs } from "@/server/api/root";

type Endpoint = RouterOutputs["alerts"]["endpoints"][number];

export function WebhookForm({ endpoint, onDone }: { endpoint: Endpoint | null; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState(endpoint?.name ?? "");
  // The stored URL and header values never come back to the browser: blank keeps them.
  const [url, setUrl] = useState("");
  const [secret, setSecret] = useState("");
  const [format, setFormat] = useState(endpoint?.format ?? "alertmanager");
  const [headers, setHeaders] = useState((endpoint?.headerNames ?? []).map((k) => `${k}:`).join("\n"));
  const done = async () => {
    await queryClient.invalidateQueries();
    onDone();
  };
  const create = useMutation(trpc.alerts.createEndpoint.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.alerts.updateEndpoint.mutationOptions({ onSuccess: done }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const values = {
      name,
      url,
      // Editing: an empty secret field keeps the stored secret.
      secret: endpoint && !secret ? undefined : secret,
      format: format as "alertmanager" | "slack" | "generic",
      headers: Object.fromEntries(
        headers
          .split("\n")
          .map((l) => l.trim())
          .filter(Boolean)
          .map((l) => [l.slice(0, l.indexOf(":")).trim(), l.slice(l.indexOf(":") + 1).trim()]),
      ),
    };
    if (endpoint) update.mutate({ id: endpoint.id, endpoint: values });
    else create.mutate(values);
  };
  return (
    <FormCard
      onSubmit={submit}
      label={endpoint ? `Edit webhook ${endpoint.name}` : "New webhook"}
      title={endpoint ? `Edit ${endpoint.name}` : "New webhook"}
    >
      <div className="grid gap-4 md:grid-cols-2">
        <label className="text-sm">
          Name
          <input
            className={fieldClass}
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            autoFocus
            placeholder="payments-oncall"
          />
        </label>
        <label className="text-sm">
          URL {endpoint ? <span className="text-xs text-slate-500">(stored: {endpoint.url}; leave empty to keep)</span> : null}
          <input
            className={`${fieldClass} font-mono`}
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            required={!endpoint}
            placeholder="https://hooks.example.com/eventplane"
          />
        </label>
        <label className="text-sm">
          Signing secret{" "}
          <span className="text-xs text-slate-500">{endpoint?.signed ? "(stored; leave empty to keep)" : "(HMAC-SHA256; optional)"}</span>
          <input
            className={fieldClass}
            type="password"
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
            autoComplete="new-password"
          />
        </label>
        <label className="text-sm">
          Format
          <select className={fieldClass} value={format} onChange={(e) => setFormat(e.target.value)}>
            <option value="alertmanager">Alertmanager webhook v4 (JSON)</option>
            <option value="slack">Slack-compatible message</option>
            <option value="generic">Generic JSON</option>
          </select>
        </label>
        <label className="text-sm md:col-span-2">
          Extra headers{" "}
          <span className="text-xs text-slate-500">
            (one “Name: value” per line; stored values are not shown, “Name:” with no value keeps the stored one)
          </span>
          <textarea
            className={`${fieldClass} font-mono`}
            rows={2}
            value={headers}
            onChange={(e) => setHeaders(e.target.value)}
            placeholder="Authorization: Bearer …"
          />
        </label>
      </div>
      <ErrorNote error={create.error ?? update.error} />
      <div className="mt-4 flex gap-2">
        <Button type="submit" variant="primary" disabled={create.isPending || update.isPending}>
          {endpoint ? "Save webhook" : "Create webhook"}
        </Button>
        <Button onClick={onDone}>Cancel</Button>
      </div>
    </FormCard>
  );
}
