"use client";

import { useState } from "react";
import { EmptyState } from "@/app/_components/ui/states";
import { Table, Th } from "@/app/_components/ui/table";
import type { RouterOutputs } from "@/server/api/root";

type Config = RouterOutputs["topics"]["get"]["configs"][number];

export function ConfigTab({ configs }: { configs: Config[] }) {
  const [onlyChanged, setOnlyChanged] = useState(false);
  if (configs.length === 0)
    return <EmptyState title="Configuration not read yet">The collector reads topic configs once a minute.</EmptyState>;
  // Overrides first: they are what someone decided for this topic.
  const ordered = [...configs.filter((c) => !c.isDefault), ...configs.filter((c) => c.isDefault)];
  const shown = onlyChanged ? ordered.filter((c) => !c.isDefault) : ordered;
  const changed = configs.filter((c) => !c.isDefault).length;
  return (
    <div>
      <label className="mb-2 flex items-center gap-2 text-sm text-slate-600">
        <input type="checkbox" checked={onlyChanged} onChange={(e) => setOnlyChanged(e.target.checked)} />
        Only values that differ from the broker default ({changed})
      </label>
      <Table
        head={
          <>
            <Th>Name</Th>
            <Th>Value</Th>
            <Th>Source</Th>
          </>
        }
      >
        {shown.map((c) => (
          <tr key={c.name} data-testid="config-row" data-default={c.isDefault} className={c.isDefault ? "" : "bg-amber-50/70"}>
            <td className="px-4 py-1.5 font-mono text-xs">
              {c.name}
              {!c.isDefault ? (
                <span className="ml-2 rounded bg-amber-100 px-1.5 font-sans text-[11px] font-medium text-amber-800">overridden</span>
              ) : null}
            </td>
            <td className="break-all px-4 py-1.5 font-mono text-xs">
              {c.sensitive ? <span className="italic text-slate-400">hidden</span> : (c.value ?? "null")}
            </td>
            <td className="px-4 py-1.5 text-xs text-slate-500">{c.isDefault ? "default" : "topic"}</td>
          </tr>
        ))}
      </Table>
    </div>
  );
}
