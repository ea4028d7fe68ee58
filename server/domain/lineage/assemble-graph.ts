// Builds the lineage graph from what was observed (ObservedEdge rows: spans and committed offsets),
// what was declared (DeclaredEdge), and how groups map to services (a person's confirmation, then
// CONSUMER spans, then member client ids that name a known service). Pure: load-graph.ts feeds it.
//
// Drift: a declared edge with no traffic is "not-seen"; an observed edge is "undeclared" only when
// its service has declared something (a service nobody described is unknown, not drifting).
import type { Drift, EdgeKind, GroupMapping, Health, LineageEdge, LineageGraph, LineageNode } from "./graph-types";
import { appendTo } from "@/server/lib/append-to";

export type TopicRow = {
  id: string;
  clusterId: string;
  clusterName: string;
  kind?: string;
  broker?: string;
  name: string;
  ownerTeam: string | null;
  deadLetter: boolean;
  messagesPerSec: number | null;
  messageCount: number;
};
export type GroupRow = {
  id: string;
  clusterId: string;
  clusterName: string;
  kind?: string;
  broker?: string;
  groupId: string;
  lagStatus: string | null;
  totalLag: number | null;
  maxTimeLagSeconds: number | null;
  clientIds: string[];
};
export type ObservedRow = {
  kind: "PRODUCES" | "CONSUMES" | "READS";
  clusterId: string;
  /** the spans' messaging.system; "" or absent for committed offsets */
  system?: string;
  service: string;
  topic: string;
  groupId: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
};
export type DeclaredRow = { service: string; direction: "produces" | "consumes"; clusterId: string; topic: string };
export type GraphInputs = {
  topics: TopicRow[];
  groups: GroupRow[];
  services: { name: string; ownerTeam: string | null }[];
  observed: ObservedRow[];
  declared: DeclaredRow[];
  mappings: { clusterId: string; groupId: string; service: string }[];
  /** `${kind}|${service}|${topic}|${groupId}` → messages/s over the last minutes, from spans */
  spanRates: Map<string, number>;
  /** `${topic}|${groupId}` → hop latency from linked PRODUCER/CONSUMER spans */
  hops: Map<string, { p50Ms: number; p95Ms: number; samples: number }>;
  /** label sets of firing alerts ({cluster, group} or {cluster, topic}) */
  firing: Record<string, string>[];
  /** RabbitMQ routing: an exchange to a queue (bindings), a queue to its dead-letter exchange (names in one connection) */
  routes?: { clusterId: string; from: string; to: string }[];
};

export const nodeId = {
  service: (name: string) => `svc:${name}`,
  topic: (clusterId: string, name: string) => `topic:${clusterId}:${name}`,
  group: (clusterId: string, groupId: string) => `group:${clusterId}:${groupId}`,
};

function lagHealth(status: string | null): Health {
  if (!status) return "unknown";
  if (status === "OK") return "ok";
  return status === "WARN" ? "warn" : "err";
}

export function assembleGraph(input: GraphInputs): LineageGraph {
  const nodes = new Map<string, LineageNode>();
  const edges = new Map<string, LineageEdge>();
  const base = {
    clusterId: null,
    clusterName: null,
    subkind: null,
    broker: null,
    team: null,
    ref: null,
    inCatalog: false,
    dlq: false,
    health: "unknown" as Health,
  };
  const blank = { alerts: 0, ratePerSec: null, count: null, lagStatus: null, maxTimeLagSeconds: null };

  const clusterNames = new Map<string, string>();
  const topicsByName = new Map<string, string[]>();
  for (const t of input.topics) {
    clusterNames.set(t.clusterId, t.clusterName);
    const id = nodeId.topic(t.clusterId, t.name);
    nodes.set(id, {
      ...blank,
      id,
      kind: "topic",
      subkind: t.kind ?? "topic",
      broker: t.broker ?? "kafka",
      label: t.name,
      clusterId: t.clusterId,
      clusterName: t.clusterName,
      team: t.ownerTeam,
      ref: t.id,
      inCatalog: true,
      dlq: t.deadLetter,
      // A dead-letter queue that is filling is the trouble; one that holds old letters needs a look.
      health: t.deadLetter ? ((t.messagesPerSec ?? 0) > 0 ? "err" : t.messageCount > 0 ? "warn" : "ok") : "ok",
      ratePerSec: t.messagesPerSec,
      count: t.messageCount,
    });
    appendTo(topicsByName, t.name, id);
  }
  const groupRows = new Map<string, GroupRow>();
  for (const g of input.groups) {
    clusterNames.set(g.clusterId, g.clusterName);
    const id = nodeId.group(g.clusterId, g.groupId);
    groupRows.set(id, g);
    nodes.set(id, {
      ...blank,
      id,
      kind: "group",
      subkind: g.kind ?? "group",
      broker: g.broker ?? "kafka",
      label: g.groupId,
      clusterId: g.clusterId,
      clusterName: g.clusterName,
      ref: g.id,
      inCatalog: true,
      dlq: false,
      team: null,
      health: lagHealth(g.lagStatus),
      count: g.totalLag,
      lagStatus: g.lagStatus,
      maxTimeLagSeconds: g.maxTimeLagSeconds,
    });
  }
  const teams = new Map(input.services.map((s) => [s.name, s.ownerTeam]));
  const service = (name: string) => {
    const id = nodeId.service(name);
    if (!nodes.has(id))
      nodes.set(id, { ...base, ...blank, id, kind: "service", label: name, team: teams.get(name) ?? null, inCatalog: true, health: "ok" });
    return id;
  };
  /** Topic nodes for a name, in one cluster or, with clusterId "", every cluster that has it (of the
   *  spans' broker, when they say which: a Kafka topic and a RabbitMQ exchange may share a name). */
  const SYSTEM_BROKER: Record<string, string> = { kafka: "kafka", rabbitmq: "rabbitmq", nats: "nats" };
  const topics = (clusterId: string, name: string, system?: string) => {
    const broker = system ? SYSTEM_BROKER[system] : undefined;
    const known = (topicsByName.get(name) ?? []).filter(
      (id) =>
        (!clusterId || nodes.get(id)!.clusterId === clusterId) && (!broker || !nodes.get(id)!.broker || nodes.get(id)!.broker === broker),
    );
    if (known.length) return known;
    const id = nodeId.topic(clusterId, name);
    if (!nodes.has(id))
      nodes.set(id, {
        ...base,
        ...blank,
        id,
        kind: "topic",
        label: name,
        clusterId: clusterId || null,
        clusterName: clusterNames.get(clusterId) ?? null,
      });
    return [id];
  };
  const group = (clusterId: string, groupId: string) => {
    const id = nodeId.group(clusterId, groupId);
    if (!nodes.has(id))
      nodes.set(id, {
        ...base,
        ...blank,
        id,
        kind: "group",
        label: groupId,
        clusterId: clusterId || null,
        clusterName: clusterNames.get(clusterId) ?? null,
      });
    return id;
  };
  const edge = (kind: EdgeKind, from: string, to: string) => {
    const id = `${kind}:${from}->${to}`;
    let e = edges.get(id);
    if (!e) {
      e = {
        id,
        kind,
        from,
        to,
        observed: false,
        declared: false,
        drift: null,
        firstSeenAt: null,
        lastSeenAt: null,
        ratePerSec: null,
        health: "ok",
        lag: null,
        hop: null,
        mapping: null,
      };
      edges.set(id, e);
    }
    return e;
  };
  const seen = (e: LineageEdge, first: Date, last: Date) => {
    e.observed = true;
    e.firstSeenAt = e.firstSeenAt && e.firstSeenAt < first ? e.firstSeenAt : first;
    e.lastSeenAt = e.lastSeenAt && e.lastSeenAt > last ? e.lastSeenAt : last;
  };
  const addRate = (e: LineageEdge, rate: number | undefined) => {
    if (rate !== undefined) e.ratePerSec = (e.ratePerSec ?? 0) + rate;
  };

  // Group → service: a person's word first, then spans, then client ids naming a known service.
  const groupService = new Map<string, { service: string; mapping: GroupMapping }>();
  for (const m of input.mappings) groupService.set(nodeId.group(m.clusterId, m.groupId), { service: m.service, mapping: "confirmed" });

  for (const o of input.observed) {
    if (o.kind === "PRODUCES") {
      const from = service(o.service);
      for (const to of topics(o.clusterId, o.topic, o.system)) {
        const e = edge("produces", from, to);
        seen(e, o.firstSeenAt, o.lastSeenAt);
        addRate(e, input.spanRates.get(`PRODUCES|${o.service}|${o.topic}|`));
      }
    } else if (o.kind === "READS") {
      for (const from of topics(o.clusterId, o.topic))
        seen(edge("reads", from, group(o.clusterId, o.groupId)), o.firstSeenAt, o.lastSeenAt);
    } else {
      const svc = service(o.service);
      const rate = input.spanRates.get(`CONSUMES|${o.service}|${o.topic}|${o.groupId}`);
      for (const from of topics(o.clusterId, o.topic, o.system)) {
        if (!o.groupId) {
          const e = edge("consumes", from, svc);
          seen(e, o.firstSeenAt, o.lastSeenAt);
          addRate(e, rate);
          continue;
        }
        const g = group(nodes.get(from)!.clusterId ?? "", o.groupId);
        const reads = edge("reads", from, g);
        seen(reads, o.firstSeenAt, o.lastSeenAt);
        addRate(reads, rate);
        const mapped = groupService.get(g);
        if (mapped?.mapping === "confirmed") continue;
        groupService.set(g, { service: o.service, mapping: "spans" });
        const runs = edge("runs-as", g, svc);
        runs.mapping = "spans";
        seen(runs, o.firstSeenAt, o.lastSeenAt);
      }
    }
  }
  // RabbitMQ: what an exchange routes where, as the broker's bindings say (observed: the broker told us).
  for (const r of input.routes ?? []) {
    const from = nodeId.topic(r.clusterId, r.from);
    const to = nodeId.topic(r.clusterId, r.to);
    if (nodes.has(from) && nodes.has(to)) edge("routes", from, to).observed = true;
  }
  const knownServices = new Set([...input.services.map((s) => s.name), ...input.declared.map((d) => d.service)]);
  for (const [id, g] of groupRows) {
    if (groupService.has(id)) continue;
    const named = g.clientIds.map((c) => c.replace(/-\d+$/, "")).find((c) => knownServices.has(c));
    if (named) groupService.set(id, { service: named, mapping: "client-id" });
  }
  const readGroups = new Set([...edges.values()].filter((r) => r.kind === "reads" && r.observed).map((r) => r.to));
  for (const [g, m] of groupService) {
    if (m.mapping === "spans") continue;
    if (!nodes.has(g)) continue;
    const e = edge("runs-as", g, service(m.service));
    e.mapping = m.mapping;
    // A mapping is a statement about the group, not traffic; it counts as observed when the group reads.
    e.observed = readGroups.has(g);
    e.declared = m.mapping === "confirmed";
  }

  // Declarations: mark what traffic confirms; what it does not becomes a dashed "not-seen" edge.
  const declaring = new Set(input.declared.map((d) => d.service));
  for (const d of input.declared) {
    const svc = service(d.service);
    for (const t of topics(d.clusterId, d.topic)) {
      if (d.direction === "produces") {
        edge("produces", svc, t).declared = true;
        continue;
      }
      const viaGroups = [...edges.values()].filter(
        (r) => r.kind === "reads" && r.from === t && groupService.get(r.to)?.service === d.service,
      );
      for (const r of viaGroups) r.declared = true;
      const direct = edges.get(`consumes:${t}->${svc}`);
      if (direct) direct.declared = true;
      if (!viaGroups.length && !direct) edge("consumes", t, svc).declared = true;
    }
  }

  const serviceOf = (e: LineageEdge): string | null => {
    if (e.kind === "produces") return nodes.get(e.from)!.label;
    if (e.kind === "consumes") return nodes.get(e.to)!.label;
    if (e.kind === "reads") return groupService.get(e.to)?.service ?? null;
    return null;
  };
  for (const e of edges.values()) {
    let drift: Drift = null;
    if (e.declared && !e.observed) drift = "not-seen";
    else if (e.observed && !e.declared && e.kind !== "runs-as") {
      const s = serviceOf(e);
      if (s && declaring.has(s)) drift = "undeclared";
    }
    e.drift = drift;
    if (e.kind === "reads") {
      const g = nodes.get(e.to)!;
      e.lag = { total: g.count, status: g.lagStatus, maxSeconds: g.maxTimeLagSeconds };
      e.health = g.health;
      e.hop = input.hops.get(`${nodes.get(e.from)!.label}|${g.label}`) ?? null;
    } else if (e.kind === "produces" && nodes.get(e.to)!.dlq) {
      e.health = nodes.get(e.to)!.health;
    } else if (e.kind === "consumes") {
      e.hop = input.hops.get(`${nodes.get(e.from)!.label}|`) ?? null;
    }
  }

  for (const labels of input.firing) {
    for (const n of nodes.values()) {
      if (!labels.cluster || labels.cluster !== n.clusterName) continue;
      if ((n.kind === "group" && labels.group === n.label) || (n.kind === "topic" && labels.topic === n.label)) n.alerts += 1;
    }
  }
  for (const n of nodes.values()) {
    if (n.kind !== "service") continue;
    n.ratePerSec = [...edges.values()]
      .filter((e) => e.from === n.id && e.kind === "produces")
      .reduce<number | null>((s, e) => (e.ratePerSec === null ? s : (s ?? 0) + e.ratePerSec), null);
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}
