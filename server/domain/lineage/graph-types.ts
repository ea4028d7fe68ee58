// The lineage graph as the page and the API see it. Node ids are stable strings so a URL can name
// one: svc:<name>, topic:<clusterId>:<name>, group:<clusterId>:<groupId> (clusterId "" when the
// topic or group is known from spans only, not from a connected cluster).

/** team and cluster: a collapsed view's node, standing for everything of one team or cluster */
export type NodeKind = "service" | "topic" | "group" | "team" | "cluster";
export type Health = "ok" | "warn" | "err" | "unknown";

export type LineageNode = {
  id: string;
  kind: NodeKind;
  /** what the broker calls it: topic, queue, exchange or stream; group, queue or jetstream consumer */
  subkind: string | null;
  /** kafka, rabbitmq or nats; null when not in a connected broker */
  broker: string | null;
  label: string;
  clusterId: string | null;
  clusterName: string | null;
  team: string | null;
  /** topic id or consumer-group row id, for links to their pages; null when not in the catalog */
  ref: string | null;
  inCatalog: boolean;
  dlq: boolean;
  health: Health;
  /** firing alerts whose labels name this topic or group */
  alerts: number;
  /** topic: messages/s from end offsets; service: traced messages/s out */
  ratePerSec: number | null;
  /** topic: messages retained; group: total lag in offsets */
  count: number | null;
  lagStatus: string | null;
  maxTimeLagSeconds: number | null;
  /** a collapsed node's services, topics and groups */
  members?: { service: number; topic: number; group: number };
};

/**
 * produces: service → topic · reads: topic → group · runs-as: group → service ·
 * consumes: topic → service (a consumer with no group, or a declared consumer never seen) ·
 * routes: exchange → queue (a RabbitMQ binding), queue → its dead-letter exchange ·
 * flows: in a collapsed view, anything of one team (cluster) into anything of another.
 */
export type EdgeKind = "produces" | "reads" | "runs-as" | "consumes" | "routes" | "flows";
export type Drift = "undeclared" | "not-seen" | null;
export type GroupMapping = "confirmed" | "spans" | "client-id";

export type LineageEdge = {
  id: string;
  kind: EdgeKind;
  from: string;
  to: string;
  observed: boolean;
  declared: boolean;
  drift: Drift;
  firstSeenAt: Date | null;
  lastSeenAt: Date | null;
  /** messages/s over the last 5 minutes from spans (sampled traces count what they sampled) */
  ratePerSec: number | null;
  health: Health;
  lag: { total: number | null; status: string | null; maxSeconds: number | null } | null;
  /** time from the producer's send to the consumer's receive, from linked spans */
  hop: { p50Ms: number; p95Ms: number; samples: number } | null;
  mapping: GroupMapping | null;
};

export type LineageGraph = { nodes: LineageNode[]; edges: LineageEdge[] };

/** What the canvas draws of an edge; the side panel reads an edge's times, rates and lag from lineage.node. */
export type CanvasEdge = Pick<LineageEdge, "id" | "kind" | "from" | "to" | "observed" | "declared" | "drift" | "health" | "mapping">;
