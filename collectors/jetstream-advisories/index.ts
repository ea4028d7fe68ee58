// JetStream dead letters arrive as advisories, published only to live subscribers: one subscription
// per NATS connection, opened when the connection appears (or its settings change) and closed when it
// goes. Several workers may each hold one: recording is keyed by the message, so a double is harmless.
import { BROKER_ADAPTERS } from "@/server/brokers";
import { watchDeadLetterAdvisories, type NatsConnection } from "@/server/brokers/nats";
import { listClusterTargets } from "@/server/domain/connections";
import { recordJetStreamDeadLetter } from "@/server/domain/dead-letters";
import type { Collector } from "../runtime/collector";

type Watch = { settings: string; stop(): Promise<void> };

export function jetStreamAdvisories(): Collector {
  const watching = new Map<string, Watch>();
  const failedAt = new Map<string, string>();
  return {
    name: "jetstream-advisories",
    intervalMs: 5_000,
    async tick() {
      const targets = (await listClusterTargets()).filter(
        (t): t is typeof t & { kind: "nats"; connection: NatsConnection } => t.kind === "nats",
      );
      const wanted = new Map(targets.map((t) => [t.id, t]));
      for (const [id, w] of watching) {
        const t = wanted.get(id);
        if (!t || JSON.stringify(t.connection) !== w.settings) {
          await w.stop();
          watching.delete(id);
        }
      }
      for (const t of targets) {
        if (watching.has(t.id)) continue;
        try {
          const w = await watchDeadLetterAdvisories(
            t.connection,
            (e) => recordJetStreamDeadLetter(t.id, e),
            (e) => console.warn(`[jetstream-advisories] ${t.name}: ${(e as Error).message}`),
          );
          watching.set(t.id, { settings: JSON.stringify(t.connection), stop: w.stop });
          failedAt.delete(t.id);
          console.log(`[jetstream-advisories] ${t.name}: watching max-deliveries and terminated advisories`);
        } catch (e) {
          // Said once per error, retried every tick (the catalog sync reports the connection's state).
          const why = BROKER_ADAPTERS.nats.describeError(e, t.connection);
          if (failedAt.get(t.id) !== why) console.warn(`[jetstream-advisories] ${t.name}: ${why}`);
          failedAt.set(t.id, why);
        }
      }
    },
    async stop() {
      for (const w of watching.values()) await w.stop();
      watching.clear();
    },
  };
}
