// One read of a NATS server's JetStream for the catalog: streams and their consumers with backlog
// (the JetStream API the official client wraps: STREAM.LIST, CONSUMER.LIST).
import { jetstreamManager } from "@nats-io/jetstream";
import { withNats } from "./connect";
import type { NatsConnection, NatsSnapshot } from "./types";

const at = (v: unknown): number | null => {
  if (typeof v === "string") {
    const t = Date.parse(v);
    return Number.isFinite(t) && t > 0 ? t : null;
  }
  return null;
};

export async function readNatsCatalog(conn: NatsConnection): Promise<NatsSnapshot> {
  return withNats(conn, async (nc) => {
    const jsm = await jetstreamManager(nc, { timeout: 10_000 });
    const info = nc.info;
    const snapshot: NatsSnapshot = {
      server: {
        id: info?.server_id ?? "",
        name: info?.server_name ?? "",
        version: info?.version ?? "",
        host: info?.host ?? "",
        port: info?.port ?? 4222,
      },
      streams: [],
      consumers: [],
    };
    for await (const s of jsm.streams.list()) {
      snapshot.streams.push({
        name: s.config.name,
        subjects: s.config.subjects ?? [],
        retention: String(s.config.retention),
        storage: String(s.config.storage),
        replicas: s.config.num_replicas,
        messages: s.state.messages,
        bytes: s.state.bytes,
        firstSeq: s.state.first_seq,
        lastSeq: s.state.last_seq,
        consumerCount: s.state.consumer_count,
      });
      for await (const c of jsm.consumers.list(s.config.name)) {
        const filters = c.config.filter_subjects ?? (c.config.filter_subject ? [c.config.filter_subject] : []);
        snapshot.consumers.push({
          stream: s.config.name,
          name: c.name,
          durable: Boolean(c.config.durable_name),
          filterSubjects: filters,
          ackPolicy: String(c.config.ack_policy),
          maxDeliver: c.config.max_deliver ?? -1,
          pending: c.num_pending,
          ackPending: c.num_ack_pending,
          redelivered: c.num_redelivered,
          waiting: c.num_waiting,
          pushBound: c.push_bound === true,
          deliveredStreamSeq: c.delivered.stream_seq,
          ackFloorStreamSeq: c.ack_floor.stream_seq,
          lastActiveAt: at(c.delivered.last_active),
        });
      }
    }
    return snapshot;
  });
}
