"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/app/_components/ui/button";
import { fieldClass } from "@/app/_components/ui/form";
import { ErrorNote } from "@/app/_components/ui/states";
import { useTRPC } from "@/app/_trpc/react";
import type { RouterOutputs } from "@/server/api/root";

type Detail = RouterOutputs["lineage"]["node"];

/** Every lineage query (graph, node panels, impact) shows the change at once. */
function useRefresh() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.lineage.pathKey() });
}

const sectionTitle = "mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500";

export function OwnerForm({ name, service }: { name: string; service: Detail["service"] }) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const [team, setTeam] = useState(service?.ownerTeam ?? "");
  const [description, setDescription] = useState(service?.description ?? "");
  const save = useMutation(trpc.lineage.updateService.mutationOptions({ onSuccess: refresh }));
  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ name, ownerTeam: team, description });
      }}
    >
      <h3 className={sectionTitle}>Owner</h3>
      <label className="block text-sm">
        Team
        <input className={fieldClass} value={team} onChange={(e) => setTeam(e.target.value)} placeholder="e.g. payments" />
      </label>
      <label className="block text-sm">
        Description
        <input className={fieldClass} value={description} onChange={(e) => setDescription(e.target.value)} />
      </label>
      <ErrorNote error={save.error} />
      <Button type="submit" disabled={save.isPending}>
        {save.isSuccess && !save.isPending ? "Saved" : "Save owner"}
      </Button>
    </form>
  );
}

export function DeclareForm({ service, declarations }: { service: string; declarations: Detail["declarations"] }) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const [direction, setDirection] = useState<"produces" | "consumes">("produces");
  const [topic, setTopic] = useState("");
  const declare = useMutation(
    trpc.lineage.declare.mutationOptions({
      onSuccess: () => {
        setTopic("");
        void refresh();
      },
    }),
  );
  const remove = useMutation(trpc.lineage.undeclare.mutationOptions({ onSuccess: refresh }));
  return (
    <section>
      <h3 className={sectionTitle}>Declared</h3>
      {declarations.length ? (
        <ul className="mb-2 space-y-1 text-sm" data-testid="declarations">
          {declarations.map((d) => (
            <li key={d.id} className="flex items-center justify-between gap-2">
              <span>
                {d.direction} <span className="font-mono">{d.topic}</span>
                {d.source === "asyncapi" ? <span className="text-xs text-slate-500"> (AsyncAPI)</span> : null}
              </span>
              <Button variant="ghost" aria-label={`Remove: ${d.direction} ${d.topic}`} onClick={() => remove.mutate({ id: d.id })}>
                Remove
              </Button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mb-2 text-sm text-slate-500">
          Nothing declared: traffic alone draws this service, and nothing it does counts as drift.
        </p>
      )}
      <form
        className="flex items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          declare.mutate({ service, direction, topic });
        }}
      >
        <label className="text-sm">
          Direction
          <select className={fieldClass} value={direction} onChange={(e) => setDirection(e.target.value as "produces" | "consumes")}>
            <option value="produces">produces</option>
            <option value="consumes">consumes</option>
          </select>
        </label>
        <label className="min-w-0 flex-1 text-sm">
          Topic
          <input className={fieldClass} value={topic} onChange={(e) => setTopic(e.target.value)} required placeholder="orders" />
        </label>
        <Button type="submit" variant="primary" disabled={declare.isPending || !topic.trim()}>
          Declare
        </Button>
      </form>
      <ErrorNote error={declare.error ?? remove.error} />
    </section>
  );
}

export function GroupMappingForm({
  clusterId,
  groupId,
  current,
}: {
  clusterId: string;
  groupId: string;
  current: { toLabel: string; mapping: string | null } | undefined;
}) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const [service, setService] = useState(current?.toLabel ?? "");
  const map = useMutation(trpc.lineage.mapGroup.mutationOptions({ onSuccess: refresh }));
  const how = {
    confirmed: "confirmed by a person",
    spans: "seen in CONSUMER spans",
    "client-id": "guessed from member client ids",
  } as const;
  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        map.mutate({ clusterId, groupId, service: service.trim() });
      }}
    >
      <h3 className={sectionTitle}>Service</h3>
      <p className="text-sm text-slate-600">
        {current ? (
          <>
            Runs as <span className="font-medium">{current.toLabel}</span>: {how[current.mapping as keyof typeof how] ?? "unknown"}.
          </>
        ) : (
          "No service known for this group yet."
        )}
      </p>
      <label className="block text-sm">
        Service name
        <input className={fieldClass} value={service} onChange={(e) => setService(e.target.value)} required />
      </label>
      <ErrorNote error={map.error} />
      <div className="flex gap-2">
        <Button type="submit" variant="primary" disabled={map.isPending || !service.trim()}>
          {current?.mapping === "confirmed" ? "Change" : "Confirm"}
        </Button>
        {current?.mapping === "confirmed" ? (
          <Button onClick={() => map.mutate({ clusterId, groupId, service: null })}>Forget confirmation</Button>
        ) : null}
      </div>
    </form>
  );
}
