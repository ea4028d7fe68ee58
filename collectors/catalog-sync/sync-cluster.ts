// One sync of one connection, by its broker kind. A broker that does not answer marks the connection
// unreachable instead of throwing, so one bad connection never stops the others.
import type { ClusterTarget } from "@/server/domain/connections";
import { syncKafka } from "./sync-kafka";
import { syncNats } from "./sync-nats";
import { syncRabbit } from "./sync-rabbitmq";
import type { SyncResult } from "./sync-result";

export type { SyncResult };

export function syncCluster(target: ClusterTarget, opts: { withConfigs: boolean }): Promise<SyncResult> {
  if (target.kind === "rabbitmq") return syncRabbit(target, opts);
  if (target.kind === "nats") return syncNats(target, opts);
  return syncKafka(target, opts);
}
