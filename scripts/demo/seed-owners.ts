// The demo shop's teams own its topics, queues and streams, so the scorecard and alerts speak of teams.
// Set once, when the catalog first lists each one (a team that changed an owner since is left alone).
import { listTopicRefs, updateTopicMetadata } from "@/server/domain/topics";
import { systemActor } from "@/server/domain/identity";

const OWNERS: Record<string, string> = {
  orders: "shop",
  notifications: "shop",
  emails: "shop",
  "emails.dead": "shop",
  payments: "payments",
  "orders.DLQ": "payments",
  inventory: "warehouse",
  shipments: "warehouse",
  WAREHOUSE: "warehouse",
  loyalty: "growth",
};

/** Keeps trying (the catalog fills on the worker's first syncs) until every listed name has its owner. */
export async function seedOwners(log: (s: string) => void, tries = 120): Promise<void> {
  const demo = systemActor("demo");
  const done = new Set<string>();
  for (let i = 0; i < tries && done.size < Object.keys(OWNERS).length; i++) {
    for (const t of await listTopicRefs({ names: Object.keys(OWNERS) })) {
      if (done.has(t.name)) continue;
      if (!t.ownerTeam) await updateTopicMetadata(demo, { id: t.id, ownerTeam: OWNERS[t.name]!, description: t.description, tags: t.tags });
      done.add(t.name);
    }
    if (done.size < Object.keys(OWNERS).length) await new Promise((r) => setTimeout(r, 2_000));
  }
  log(`owners: ${[...done].map((n) => `${n} → ${OWNERS[n]}`).join(", ")}`);
}
