// `npm run bench -- brokers`: catalog sync of a RabbitMQ broker with many queues and a NATS server with
// many streams (each with a consumer), on real local servers and PostgreSQL. Each sync (read + record)
// is reported as a ratio against the broker's own API reads of the same data, measured in this run.
// Usage: npm run bench -- brokers [--queues 1000] [--streams 1000] [--rounds 3]
import amqp from "amqplib";
import { AckPolicy, jetstreamManager } from "@nats-io/jetstream";
import { connect } from "@nats-io/transport-node";
import { median, numberArg } from "./args";
import { startBenchEnv } from "./bench-env";

const queueCount = numberArg("queues", 1_000);
const streamCount = numberArg("streams", 1_000);
const rounds = numberArg("rounds", 3);

const env = await startBenchEnv({ kafka: false, rabbitmq: true, nats: true });
try {
  let t = performance.now();
  const conn = await amqp.connect(env.rabbit!.amqpUrl);
  const ch = await conn.createChannel();
  for (let i = 0; i < queueCount; i++) {
    const q = `bench.queue.${String(i).padStart(5, "0")}`;
    await ch.assertQueue(q, { durable: true, arguments: i % 10 === 0 ? { "x-dead-letter-exchange": "bench.dlx" } : {} });
    if (i < 200) ch.sendToQueue(q, Buffer.from("x"));
  }
  await conn.close();
  const nc = await connect({ servers: env.nats!.url });
  const jsm = await jetstreamManager(nc);
  for (let i = 0; i < streamCount; i++) {
    const name = `BENCH_${String(i).padStart(5, "0")}`;
    await jsm.streams.add({ name, subjects: [`bench.${i}.>`] });
    await jsm.consumers.add(name, { durable_name: "c", ack_policy: AckPolicy.Explicit });
  }
  await nc.close();
  console.log(
    `created ${queueCount} queues and ${streamCount} streams (with a consumer each) in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );

  const { addCluster, listClusterTargets } = await import("@/server/domain/connections");
  const { systemActor } = await import("@/server/domain/identity");
  const { syncCluster } = await import("@/collectors/catalog-sync/sync-cluster");
  const { BROKER_ADAPTERS } = await import("@/server/brokers");
  const { closeConnections } = await import("@/server/lib/lifecycle");
  const m = new URL(env.rabbit!.managementUrl);
  const actor = systemActor("bench");
  await addCluster(actor, {
    name: "bench-rabbit",
    kind: "rabbitmq",
    bootstrapServers: m.origin,
    saslUsername: "guest",
    saslPassword: "guest",
  });
  await addCluster(actor, { name: "bench-nats", kind: "nats", bootstrapServers: env.nats!.url });
  const targets = await listClusterTargets();
  const rabbit = targets.find((x) => x.kind === "rabbitmq")!;
  const nats = targets.find((x) => x.kind === "nats")!;
  if (rabbit.kind !== "rabbitmq" || nats.kind !== "nats") throw new Error("connections missing");

  // The brokers' own calls for the same data: the management API's lists (what rabbitmqadmin list
  // does) and the JetStream API's stream and consumer lists (what `nats stream ls` / `consumer ls` do).
  const auth = { authorization: `Basic ${Buffer.from("guest:guest").toString("base64")}` };
  const rabbitOwn = async () => {
    for (const path of ["/api/queues", "/api/exchanges", "/api/bindings", "/api/consumers"]) {
      const r = await fetch(`${m.origin}${path}`, { headers: auth });
      if (!r.ok) throw new Error(`${path}: ${r.status}`);
      await r.json();
    }
  };
  const natsOwn = async () => {
    const c = await connect({ servers: env.nats!.url });
    const j = await jetstreamManager(c);
    for await (const s of j.streams.list()) for await (const _ of j.consumers.list(s.config.name)) void _;
    await c.close();
  };

  for (const target of [rabbit, nats]) {
    const first = await syncCluster(target, { withConfigs: true });
    if (!first.ok) throw new Error(`first sync of ${target.name} failed: ${first.error}`);
  }
  const time = async (fn: () => Promise<unknown>) => {
    const s0 = performance.now();
    await fn();
    return performance.now() - s0;
  };
  const r = { own: [] as number[], read: [] as number[], sync: [] as number[] };
  const n = { own: [] as number[], read: [] as number[], sync: [] as number[] };
  for (let i = 0; i < rounds; i++) {
    r.own.push(await time(rabbitOwn));
    r.read.push(await time(() => BROKER_ADAPTERS.rabbitmq.readCatalog(rabbit.connection, { withConfigs: true })));
    r.sync.push(
      await time(async () => {
        const res = await syncCluster(rabbit, { withConfigs: true });
        if (!res.ok || res.groups < queueCount) throw new Error(`rabbit sync: ${JSON.stringify(res)}`);
      }),
    );
    n.own.push(await time(natsOwn));
    n.read.push(await time(() => BROKER_ADAPTERS.nats.readCatalog(nats.connection, { withConfigs: true })));
    n.sync.push(
      await time(async () => {
        const res = await syncCluster(nats, { withConfigs: true });
        if (!res.ok || res.topics < streamCount) throw new Error(`nats sync: ${JSON.stringify(res)}`);
      }),
    );
  }
  const s = (xs: number[]) => `${(median(xs) / 1000).toFixed(2)} s`;
  console.log(`\nmedian of ${rounds}:`);
  console.log(
    `RabbitMQ, ${queueCount} queues: broker's own API reads ${s(r.own)} · our read ${s(r.read)} (ratio ${(median(r.read) / median(r.own)).toFixed(2)}) · full sync ${s(r.sync)} (ratio ${(median(r.sync) / median(r.own)).toFixed(2)})`,
  );
  console.log(
    `JetStream, ${streamCount} streams + consumers: broker's own API reads ${s(n.own)} · our read ${s(n.read)} (ratio ${(median(n.read) / median(n.own)).toFixed(2)}) · full sync ${s(n.sync)} (ratio ${(median(n.sync) / median(n.own)).toFixed(2)})`,
  );
  await closeConnections();
} finally {
  await env.stop();
}
