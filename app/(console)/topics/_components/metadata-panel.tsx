"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent, type KeyboardEvent } from "react";
import Markdown from "react-markdown";
import { Button } from "@/app/_components/ui/button";
import { useViewer } from "@/app/_components/use-viewer";
import { ErrorNote } from "@/app/_components/ui/states";
import { useTRPC } from "@/app/_trpc/react";
import type { RouterOutputs } from "@/server/api/root";

type Topic = RouterOutputs["topics"]["get"];
const input = "w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm";

export function MetadataPanel({ topic }: { topic: Topic }) {
  const [editing, setEditing] = useState(false);
  const { canChange } = useViewer();
  return (
    <aside aria-label="Ownership and documentation" className="h-fit rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="mb-3 flex items-center justify-between">
        <h2 className="text-sm font-semibold uppercase tracking-wide text-slate-500">About</h2>
        {!editing && canChange(topic.ownerTeam) ? <Button onClick={() => setEditing(true)}>Edit</Button> : null}
      </div>
      {editing ? <MetadataForm topic={topic} onDone={() => setEditing(false)} /> : <MetadataView topic={topic} />}
    </aside>
  );
}

function MetadataView({ topic }: { topic: Topic }) {
  return (
    <dl className="space-y-3 text-sm">
      <div>
        <dt className="text-xs text-slate-500">Owner team</dt>
        <dd data-testid="topic-owner" className="font-medium">
          {topic.ownerTeam ?? <span className="font-normal text-slate-400">No owner yet</span>}
        </dd>
      </div>
      <div>
        <dt className="text-xs text-slate-500">Tags</dt>
        <dd data-testid="topic-tags" className="mt-1 flex flex-wrap gap-1">
          {topic.tags.length ? (
            topic.tags.map((t) => (
              <span key={t} className="rounded-full bg-indigo-50 px-2 py-0.5 text-xs text-indigo-700">
                {t}
              </span>
            ))
          ) : (
            <span className="text-slate-400">No tags</span>
          )}
        </dd>
      </div>
      <div>
        <dt className="text-xs text-slate-500">Description</dt>
        <dd className="markdown">
          {topic.description ? <Markdown>{topic.description}</Markdown> : <span className="text-slate-400">Not described yet</span>}
        </dd>
      </div>
    </dl>
  );
}

function MetadataForm({ topic, onDone }: { topic: Topic; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [owner, setOwner] = useState(topic.ownerTeam ?? "");
  const [description, setDescription] = useState(topic.description ?? "");
  const [tags, setTags] = useState<string[]>(topic.tags);
  const [tagDraft, setTagDraft] = useState("");
  const save = useMutation(
    trpc.topics.updateMetadata.mutationOptions({
      onSuccess: async () => {
        await Promise.all([
          queryClient.invalidateQueries(trpc.topics.get.queryFilter({ id: topic.id })),
          queryClient.invalidateQueries(trpc.topics.list.pathFilter()),
          queryClient.invalidateQueries(trpc.topics.facets.pathFilter()),
        ]);
        onDone();
      },
    }),
  );

  const addTag = () => {
    const t = tagDraft.trim().toLowerCase();
    if (t && !tags.includes(t)) setTags([...tags, t]);
    setTagDraft("");
  };
  const onTagKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Enter" || e.key === ",") {
      e.preventDefault();
      addTag();
    } else if (e.key === "Backspace" && tagDraft === "" && tags.length) setTags(tags.slice(0, -1));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const pending = tagDraft.trim().toLowerCase();
    const allTags = pending && !tags.includes(pending) ? [...tags, pending] : tags;
    save.mutate({ id: topic.id, ownerTeam: owner, description, tags: allTags });
  };

  return (
    <form onSubmit={submit} className="space-y-3 text-sm" aria-label="Edit topic metadata">
      <label className="block">
        <span className="text-xs text-slate-500">Owner team</span>
        <input className={input} value={owner} onChange={(e) => setOwner(e.target.value)} placeholder="e.g. payments-team" autoFocus />
      </label>
      <div>
        <label htmlFor="tag-input" className="text-xs text-slate-500">
          Tags (Enter to add)
        </label>
        <div className="mt-1 flex flex-wrap items-center gap-1 rounded-md border border-slate-300 px-2 py-1">
          {tags.map((t) => (
            <span key={t} className="flex items-center gap-1 rounded-full bg-indigo-50 px-2 py-0.5 text-xs text-indigo-700">
              {t}
              <button
                type="button"
                aria-label={`Remove tag ${t}`}
                onClick={() => setTags(tags.filter((x) => x !== t))}
                className="hover:text-rose-600"
              >
                ×
              </button>
            </span>
          ))}
          <input
            id="tag-input"
            className="min-w-20 flex-1 py-0.5 text-sm outline-none"
            value={tagDraft}
            onChange={(e) => setTagDraft(e.target.value)}
            onKeyDown={onTagKey}
            onBlur={addTag}
            placeholder="pii, orders…"
          />
        </div>
      </div>
      <label className="block">
        <span className="text-xs text-slate-500">Description (markdown)</span>
        <textarea className={`${input} h-32 font-mono text-xs`} value={description} onChange={(e) => setDescription(e.target.value)} />
      </label>
      <ErrorNote error={save.error} />
      <div className="flex gap-2">
        <Button type="submit" variant="primary" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save"}
        </Button>
        <Button onClick={onDone} variant="ghost">
          Cancel
        </Button>
      </div>
    </form>
  );
}
