// The status of a backlog a broker counts for us (RabbitMQ ready + unacked, JetStream pending + ack
// pending), in the same three levels as Kafka's lag status. Rates are the broker's own (messages a
// second); the previous backlog is the one recorded at the last sync.
import type { GroupStatus } from "./lag-status";

export type BacklogReason = "no consumers" | "stalled" | "growing" | "draining" | "empty" | "keeping up";

export interface BacklogEvidence {
  backlog: number;
  previousBacklog: number | null;
  consumers: number;
  /** messages a second coming in, and being delivered or acknowledged; null when the broker has no rate yet */
  inRate: number | null;
  outRate: number | null;
}

export function backlogStatus(e: BacklogEvidence): { status: GroupStatus; reason: BacklogReason } {
  if (e.backlog === 0) return { status: "OK", reason: "empty" };
  if (e.consumers === 0) return { status: "ERR", reason: "no consumers" };
  // Consumers attached, messages waiting, and nothing moving out: they are stuck (or all unacked).
  if ((e.outRate ?? 0) === 0 && e.previousBacklog !== null && e.backlog >= e.previousBacklog) return { status: "ERR", reason: "stalled" };
  if (e.previousBacklog !== null && e.backlog > e.previousBacklog && (e.inRate ?? 0) > (e.outRate ?? 0))
    return { status: "WARN", reason: "growing" };
  return { status: "OK", reason: e.previousBacklog !== null && e.backlog < e.previousBacklog ? "draining" : "keeping up" };
}
