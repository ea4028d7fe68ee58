import { connect } from "@nats-io/transport-node";
import { jetstream } from "@nats-io/jetstream";
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { addCluster, listClusterTargets } from "@/server/domain/connections";
import { listTopicRefs } from "@/server/domain/topics";
import { brokerBacklogMetrics } from "@/server/domain/consumers";
import { testAdmin } from "@/test/actors";
import { uniqueName } from "@/test/kafka-helpers";
import { AckPolicy, natsUrl, withTestNats } from "@/test/nats";
import { syncCluster } from "./sync-cluster";

async function addNats() {
  const { id } = await addCluster(testAdmin, { name: uniqueName("nats"), kind: "nats", bootstrapServers: natsUrl() });
  const target = (await listClusterTargets()).find((t) => t.id === id);
  if (target?.kind !== "nats") throw new Error("the NATS connection was not listed as one");
  return target;
}

describe("NATS JetStream: streams and consumer backlog from a real server", () => {
  it("records streams (a DLQ by name) and each consumer's pending + ack pending as JetStream's consumer info says", async () => {
    const cluster = await addNats();
    const stream = uniqueName("WAREHOUSE").replace(/[^A-Za-z0-9_-]/g, "_");
    const dlq = `${stream}_DLQ`;
    await withTestNats(async ({ js, jsm }) => {
      await jsm.streams.add({ name: stream, subjects: [`${stream}.>`] });
      await jsm.streams.add({ name: dlq, subjects: [`${dlq}.>`] });
      await jsm.consumers.add(stream, {
        durable_name: "pickers",
        ack_policy: AckPolicy.Explicit,
        max_deliver: 2,
        ack_wait: 60_000_000_000,
      });
      for (let i = 0; i < 7; i++) await js.publish(`${stream}.pick`, new TextEncoder().encode(`item ${i}`));
    });
    // A picker takes three and acknowledges one: two wait for their ack, four are not delivered yet.
    const nc = await connect({ servers: natsUrl() });
    const c = await jetstream(nc).consumers.get(stream, "pickers");
    const batch = await c.fetch({ max_messages: 3, expires: 2_000 });
    let first = true;
    for await (const m of batch) {
      if (first) m.ack();
      first = false;
    }
    await nc.flush();

    const r = await syncCluster(cluster, { withConfigs: true });
    expect(r.ok).toBe(true);
    const truth = await withTestNats(({ jsm }) => jsm.consumers.info(stream, "pickers"));
    await nc.close();
    expect([truth.num_pending, truth.num_ack_pending]).toEqual([4, 2]);

    const g = await db.consumerGroup.findFirstOrThrow({ where: { clusterId: cluster.id, groupId: `${stream}/pickers` } });
    expect(g).toMatchObject({ kind: "jetstream", totalLag: BigInt(truth.num_pending + truth.num_ack_pending) });
    expect(g.details).toMatchObject({ pending: truth.num_pending, ackPending: truth.num_ack_pending, maxDeliver: 2 });

    const metric = (await brokerBacklogMetrics()).find(
      (m) => m.kind === "jetstream" && m.scope === stream && m.connection === cluster.name,
    );
    expect(metric).toMatchObject({ name: "pickers", waiting: truth.num_pending, inFlight: truth.num_ack_pending });

    const topics = await listTopicRefs({ clusterIds: [cluster.id] });
    expect(topics.find((t) => t.name === stream)).toMatchObject({ deadLetter: false, messageCount: 7n });
    expect(topics.find((t) => t.name === dlq)).toMatchObject({ deadLetter: true });

    // A stream's rate: its last sequence's growth between two syncs (JetStream gives no rate itself).
    const before = await db.topic.findFirstOrThrow({ where: { clusterId: cluster.id, name: stream } });
    await withTestNats(async ({ js }) => {
      for (let i = 0; i < 5; i++) await js.publish(`${stream}.pick`, new TextEncoder().encode(`more ${i}`));
    });
    expect((await syncCluster(cluster, { withConfigs: false })).ok).toBe(true);
    const after = await db.topic.findFirstOrThrow({ where: { clusterId: cluster.id, name: stream } });
    const seconds = (after.rateSampledAt!.getTime() - before.rateSampledAt!.getTime()) / 1000;
    expect(after.messagesPerSec).toBeCloseTo(5 / seconds, 6);
    // Other tests share this server: the count is whatever it holds, as JetStream lists it.
    const consumers = await withTestNats(async ({ jsm }) => {
      let n = 0;
      for await (const s of jsm.streams.list()) n += s.state.consumer_count;
      return n;
    });
    expect(await db.cluster.findUniqueOrThrow({ where: { id: cluster.id } })).toMatchObject({
      kind: "nats",
      status: "OK",
      groupCount: consumers,
    });
  });

  it("refuses to save a connection to an address where no NATS server answers", async () => {
    await expect(
      addCluster(testAdmin, { name: uniqueName("nats-none"), kind: "nats", bootstrapServers: "nats://127.0.0.1:1" }),
    ).rejects.toThrow(/cannot reach/);
  });
});
