"use client";

// Masking rules: which fields of which topics' payloads people of which roles never receive in
// clear. Admins set them; everyone sees what is masked for whom.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { fmtAgo } from "@/app/_components/format";
import { Button } from "@/app/_components/ui/button";
import { FormCard } from "@/app/_components/ui/form-card";
import { fieldClass } from "@/app/_components/ui/form";
import { EmptyState, ErrorNote, LoadingRows } from "@/app/_components/ui/states";
import { Table, Th } from "@/app/_components/ui/table";
import { useViewer } from "@/app/_components/use-viewer";
import { useTRPC } from "@/app/_trpc/react";
import type { RouterOutputs } from "@/server/api/root";

type Rule = RouterOutputs["masking"]["list"][number];
const STYLES = { redact: "****", last4: "****1234 (last four kept)", hash: "a keyed digest (equal values stay equal)" } as const;

function RuleForm({ rule, onDone }: { rule: Rule | null; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState(rule?.name ?? "");
  const [topicPattern, setTopicPattern] = useState(rule?.topicPattern ?? "*");
  const [paths, setPaths] = useState((rule?.paths ?? []).join("\n"));
  const [maskFor, setMaskFor] = useState<Set<string>>(new Set(rule?.maskFor ?? ["viewer"]));
  const [style, setStyle] = useState<keyof typeof STYLES>((rule?.style as keyof typeof STYLES) ?? "redact");
  const done = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.masking.list.queryKey() });
    onDone();
  };
  const create = useMutation(trpc.masking.create.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.masking.update.mutationOptions({ onSuccess: done }));
  const input = {
    name,
    topicPattern,
    paths: paths
      .split("\n")
      .map((p) => p.trim())
      .filter(Boolean),
    maskFor: [...maskFor] as ("viewer" | "editor" | "admin")[],
    style,
  };
  return (
    <FormCard
      label={rule ? `Edit masking rule ${rule.name}` : "Add masking rule"}
      title={rule ? `Edit ${rule.name}` : "Add a masking rule"}
      onSubmit={(e) => {
        e.preventDefault();
        if (rule) update.mutate({ id: rule.id, rule: input });
        else create.mutate(input);
      }}
    >
      <div className="grid gap-4 md:grid-cols-2">
        <label className="text-sm">
          Name
          <input className={fieldClass} value={name} onChange={(e) => setName(e.target.value)} required autoFocus />
        </label>
        <label className="text-sm">
          Topics <span className="text-xs text-slate-500">(a glob: * matches any run of characters)</span>
          <input className={`${fieldClass} font-mono`} value={topicPattern} onChange={(e) => setTopicPattern(e.target.value)} required />
        </label>
        <label className="text-sm md:row-span-2">
          Field paths, one per line
          <textarea
            className={`${fieldClass} font-mono`}
            rows={5}
            value={paths}
            placeholder={"$.card.number\n$.items[*].price\n*.email"}
            onChange={(e) => setPaths(e.target.value)}
            required
          />
        </label>
        <fieldset className="text-sm">
          <legend>Masked for</legend>
          <div className="mt-1 flex gap-4">
            {["viewer", "editor", "admin"].map((r) => (
              <label key={r} className="flex items-center gap-1">
                <input
                  type="checkbox"
                  checked={maskFor.has(r)}
                  onChange={(e) => {
                    const next = new Set(maskFor);
                    if (e.target.checked) next.add(r);
                    else next.delete(r);
                    setMaskFor(next);
                  }}
                />
                {r}s
              </label>
            ))}
          </div>
        </fieldset>
        <label className="text-sm">
          Shown as
          <select className={fieldClass} value={style} onChange={(e) => setStyle(e.target.value as keyof typeof STYLES)}>
            {Object.entries(STYLES).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="mt-3 text-xs text-slate-500">
        Applies wherever a payload leaves the server: the message browser, record view, dead-letter keys, exports and the REST API; filters
        see the masked value too. A value with no fields to tell apart (plain text, undecoded bytes) is masked whole.
      </p>
      <ErrorNote error={create.error ?? update.error} />
      <div className="mt-4 flex gap-2">
        <Button type="submit" variant="primary" disabled={create.isPending || update.isPending}>
          {rule ? "Save" : "Add rule"}
        </Button>
        <Button onClick={onDone}>Cancel</Button>
      </div>
    </FormCard>
  );
}

export function MaskingSettings() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const rules = useQuery(trpc.masking.list.queryOptions());
  const remove = useMutation(
    trpc.masking.delete.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.masking.list.queryKey() }) }),
  );
  const [editing, setEditing] = useState<Rule | "new" | null>(null);
  const { isAdmin } = useViewer();
  return (
    <section aria-labelledby="masking-h" className="mt-10 space-y-4">
      <div className="flex items-center justify-between">
        <div>
          <h2 id="masking-h" className="text-lg font-semibold">
            Masking
          </h2>
          <p className="text-sm text-slate-600">Fields of message payloads that people of some roles never receive in clear.</p>
        </div>
        {editing === null && isAdmin ? (
          <Button variant="primary" onClick={() => setEditing("new")}>
            Add masking rule
          </Button>
        ) : null}
      </div>
      {editing !== null ? (
        <RuleForm key={editing === "new" ? "new" : editing.id} rule={editing === "new" ? null : editing} onDone={() => setEditing(null)} />
      ) : null}
      <ErrorNote error={rules.error ?? remove.error} />
      {rules.isPending ? (
        <LoadingRows label="Loading masking rules" />
      ) : !rules.data?.length ? (
        <EmptyState title="No masking rule">Payloads are shown to everyone who may read a topic as they are.</EmptyState>
      ) : (
        <Table
          head={
            <>
              <Th>Rule</Th>
              <Th>Topics</Th>
              <Th>Fields</Th>
              <Th>Masked for</Th>
              <Th>Shown as</Th>
              <Th />
            </>
          }
        >
          {rules.data.map((r) => (
            <tr key={r.id} data-testid="masking-row">
              <td className="px-4 py-2 font-medium">
                {r.name}
                <div className="text-xs font-normal text-slate-500">
                  by {r.createdBy} · {fmtAgo(r.updatedAt)}
                </div>
              </td>
              <td className="px-4 py-2 font-mono text-xs">{r.topicPattern}</td>
              <td className="px-4 py-2 font-mono text-xs">{r.paths.join(", ")}</td>
              <td className="px-4 py-2 text-sm">{r.maskFor.join(", ")}</td>
              <td className="px-4 py-2 text-sm">{r.style}</td>
              <td className="px-4 py-2 text-right">
                {isAdmin ? (
                  <span className="flex justify-end gap-1">
                    <Button variant="ghost" onClick={() => setEditing(r)}>
                      Edit
                    </Button>
                    <Button variant="ghost" onClick={() => remove.mutate({ id: r.id })} aria-label={`Delete ${r.name}`}>
                      Delete
                    </Button>
                  </span>
                ) : null}
              </td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}
