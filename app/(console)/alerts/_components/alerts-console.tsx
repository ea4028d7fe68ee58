"use client";

import { useQueryState } from "@/app/_components/use-query-state";
import { ActiveAlerts } from "./active-alerts";
import { RulesPanel } from "./rules-panel";
import { WebhooksPanel } from "./webhooks-panel";

const TABS = [
  ["alerts", "Alerts"],
  ["rules", "Rules"],
  ["webhooks", "Webhooks"],
] as const;

export function AlertsConsole() {
  const { params, set } = useQueryState();
  const tab = TABS.find(([id]) => id === params.get("tab"))?.[0] ?? "alerts";
  return (
    <div>
      <div role="tablist" aria-label="Alerts sections" className="mb-4 flex gap-1 border-b border-slate-200">
        {TABS.map(([id, label]) => (
          <button
            key={id}
            role="tab"
            type="button"
            aria-selected={tab === id}
            onClick={() => set({ tab: id === "alerts" ? undefined : id })}
            className={`-mb-px border-b-2 px-4 py-2 text-sm font-medium ${tab === id ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-500 hover:text-slate-800"}`}
          >
            {label}
          </button>
        ))}
      </div>
      {tab === "alerts" ? <ActiveAlerts /> : tab === "rules" ? <RulesPanel /> : <WebhooksPanel />}
    </div>
  );
}
