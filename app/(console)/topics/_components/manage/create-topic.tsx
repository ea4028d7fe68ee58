"use client";

// Creating a Kafka topic from the catalog, under the policy admins set (shown beside the form; a
// refusal names the rule).
import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/app/_components/ui/button";
import { FormCard } from "@/app/_components/ui/form-card";
import { fieldClass } from "@/app/_components/ui/form";
import { ErrorNote } from "@/app/_components/ui/states";
import { useViewer } from "@/app/_components/use-viewer";
import { useTRPC } from "@/app/_trpc/react";
import { PolicySummary } from "./policy-summary";

export function CreateTopic() {
  const trpc = useTRPC();
  const router = useRouter();
  const { viewer } = useViewer();
  const clusters = useQuery(trpc.clusters.list.queryOptions());
  const kafka = (clusters.data ?? []).filter((c) => c.kind === "kafka");
  const [open, setOpen] = useState(false);
  const [clusterId, setClusterId] = useState("");
  const [name, setName] = useState("");
  const [partitions, setPartitions] = useState(3);
  const [replication, setReplication] = useState(1);
  const [retentionHours, setRetentionHours] = useState("");
  const [cleanup, setCleanup] = useState("delete");
  const [owner, setOwner] = useState("");
  const create = useMutation(trpc.topics.create.mutationOptions({ onSuccess: (t) => router.push(`/topics/${t.id}`) }));
  if (!viewer || viewer.role === "viewer") return null;
  if (!open)
    return (
      <Button variant="primary" onClick={() => setOpen(true)}>
        Create topic
      </Button>
    );
  return (
    <div className="mb-6 grid w-full gap-4 lg:grid-cols-[1fr_20rem]">
      <FormCard
        label="Create topic"
        title="Create a Kafka topic"
        onSubmit={(e) => {
          e.preventDefault();
          const configs: Record<string, string> = { "cleanup.policy": cleanup };
          if (retentionHours.trim())
            configs["retention.ms"] = retentionHours.trim() === "-1" ? "-1" : String(Math.round(Number(retentionHours) * 3_600_000));
          create.mutate({
            clusterId: clusterId || kafka[0]?.id || "",
            name,
            partitions,
            replicationFactor: replication,
            configs,
            ownerTeam: owner || null,
          });
        }}
      >
        <div className="grid gap-4 md:grid-cols-2">
          <label className="text-sm">
            Cluster
            <select className={fieldClass} value={clusterId || kafka[0]?.id || ""} onChange={(e) => setClusterId(e.target.value)}>
              {kafka.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm">
            Name
            <input className={`${fieldClass} font-mono`} value={name} onChange={(e) => setName(e.target.value)} required autoFocus />
          </label>
          <label className="text-sm">
            Partitions
            <input
              className={fieldClass}
              type="number"
              min={1}
              value={partitions}
              onChange={(e) => setPartitions(Number(e.target.value))}
            />
          </label>
          <label className="text-sm">
            Replication factor
            <input
              className={fieldClass}
              type="number"
              min={1}
              value={replication}
              onChange={(e) => setReplication(Number(e.target.value))}
            />
          </label>
          <label className="text-sm">
            Retention (hours; -1 for ever; empty: the broker&apos;s default)
            <input className={fieldClass} inputMode="decimal" value={retentionHours} onChange={(e) => setRetentionHours(e.target.value)} />
          </label>
          <label className="text-sm">
            Cleanup policy
            <select className={fieldClass} value={cleanup} onChange={(e) => setCleanup(e.target.value)}>
              <option value="delete">delete</option>
              <option value="compact">compact</option>
              <option value="compact,delete">compact,delete</option>
            </select>
          </label>
          <label className="text-sm">
            Owner team
            <select className={fieldClass} value={owner} onChange={(e) => setOwner(e.target.value)}>
              <option value="">None</option>
              {viewer.teams.map((t) => (
                <option key={t}>{t}</option>
              ))}
            </select>
          </label>
        </div>
        <ErrorNote error={create.error} />
        <div className="mt-4 flex gap-2">
          <Button type="submit" variant="primary" disabled={create.isPending || !kafka.length}>
            Create
          </Button>
          <Button onClick={() => setOpen(false)}>Cancel</Button>
        </div>
      </FormCard>
      <PolicySummary />
    </div>
  );
}
