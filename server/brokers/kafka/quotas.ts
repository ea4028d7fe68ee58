// Kafka client quotas, read only (DescribeClientQuotas, API key 48, Kafka ≥ 2.6). kafkajs has no call
// for it, so the request is encoded here with kafkajs's own protocol encoder and sent through a broker
// of its internal cluster (internal-cluster.ts); version 0, which every broker since 2.6 answers.
import Decoder from "kafkajs/src/protocol/decoder.js";
import Encoder from "kafkajs/src/protocol/encoder.js";
import { createKafka } from "./client";
import { createInternalCluster } from "./internal-cluster";
import type { ClusterConnection } from "./types";

const DESCRIBE_CLIENT_QUOTAS = 48;
// The component's match type: an exact entity name, the entity's default, or any entity of the type.
const MATCH = { EXACT: 0, DEFAULT: 1, ANY: 2 } as const;

export type QuotaEntity = { type: string; name: string | null };
export type QuotaEntry = { entity: QuotaEntity[]; values: Record<string, number> };
export type QuotaAnswer = { supported: true; entries: QuotaEntry[] } | { supported: false; reason: string; entries: [] };

interface EncoderLike {
  writeInt8(v: number): EncoderLike;
  writeString(v: string | null): EncoderLike;
  writeBoolean(v: boolean): EncoderLike;
  writeArray(items: EncoderLike[]): EncoderLike;
}
interface DecoderLike {
  readInt16(): number;
  readInt32(): number;
  readString(): string | null;
  readDouble(): number;
  readArray<T>(reader: (d: DecoderLike) => T): T[];
}
interface InternalBroker {
  versions: Record<number, { minVersion: number; maxVersion: number }> | null;
  connectionPool: { send(r: { request: unknown; response: unknown }): Promise<unknown> };
}
interface InternalCluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  refreshMetadata(): Promise<void>;
  findControllerBroker(): Promise<InternalBroker>;
}
// Kafka's own order of precedence names the user before the client id; the broker answers in any order.
const ENTITY_ORDER = ["user", "client-id", "ip"];
const byEntityType = (a: QuotaEntity, b: QuotaEntity) => ENTITY_ORDER.indexOf(a.type) - ENTITY_ORDER.indexOf(b.type);
type Component = { entityType: string; match: keyof typeof MATCH; name?: string };
type Decoded = { errorCode: number; errorMessage: string | null; entries: QuotaEntry[] };

function request(components: Component[]) {
  return {
    apiKey: DESCRIBE_CLIENT_QUOTAS,
    apiVersion: 0,
    apiName: "DescribeClientQuotas",
    encode: async () =>
      (new Encoder() as unknown as EncoderLike)
        .writeArray(
          components.map((c) =>
            (new Encoder() as unknown as EncoderLike)
              .writeString(c.entityType)
              .writeInt8(MATCH[c.match])
              .writeString(c.match === "EXACT" ? (c.name ?? "") : null),
          ),
        )
        // Not strict: entries that name more entity types (user and client-id) are answered too.
        .writeBoolean(false),
  };
}

const response = {
  decode: async (raw: Buffer): Promise<Decoded> => {
    const d = new Decoder(raw) as unknown as DecoderLike;
    d.readInt32(); // throttle_time_ms
    const errorCode = d.readInt16();
    const errorMessage = d.readString();
    const entries = d.readArray((e) => ({
      entity: e.readArray((x) => ({ type: x.readString() ?? "", name: x.readString() })).sort(byEntityType),
      values: Object.fromEntries(e.readArray((x) => [x.readString() ?? "", x.readDouble()] as const)),
    }));
    return { errorCode, errorMessage, entries };
  },
  // Errors are answered in the body; describe() turns them into a message.
  parse: async (data: Decoded) => data,
};

async function describe(conn: ClusterConnection, components: Component[][]): Promise<QuotaAnswer> {
  const cluster = createInternalCluster<InternalCluster>(createKafka(conn), 0);
  if (!cluster) return { supported: false, reason: "this Kafka client build cannot send the request", entries: [] };
  await cluster.connect();
  try {
    await cluster.refreshMetadata();
    const broker = await cluster.findControllerBroker();
    const range = broker.versions?.[DESCRIBE_CLIENT_QUOTAS];
    if (!range) return { supported: false, reason: "this Kafka version has no client quota API (it came in 2.6)", entries: [] };
    const entries: QuotaEntry[] = [];
    for (const c of components) {
      const r = (await broker.connectionPool.send({ request: request(c), response })) as Decoded;
      if (r.errorCode !== 0) throw new Error(`DescribeClientQuotas failed (error ${r.errorCode}): ${r.errorMessage ?? "no message"}`);
      entries.push(...r.entries);
    }
    return { supported: true, entries: entries.sort((a, b) => entityLabel(a.entity).localeCompare(entityLabel(b.entity))) };
  } finally {
    await cluster.disconnect().catch(() => undefined);
  }
}

/** "user=alice, client-id=<default>": how kafka-configs names an entity. */
export function entityLabel(entity: QuotaEntity[]): string {
  return entity.map((e) => `${e.type}=${e.name ?? "<default>"}`).join(", ");
}

/** Every client quota set on the cluster (users, client ids, IPs, their defaults). */
export function allClientQuotas(conn: ClusterConnection): Promise<QuotaAnswer> {
  return describe(conn, [[]]);
}

/** The quotas that can apply to one user: the user's own entries and the default user's. */
export function userClientQuotas(conn: ClusterConnection, user: string): Promise<QuotaAnswer> {
  return describe(conn, [[{ entityType: "user", match: "EXACT", name: user }], [{ entityType: "user", match: "DEFAULT" }]]);
}
