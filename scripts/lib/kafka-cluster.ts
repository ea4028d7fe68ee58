// Several local Kafka brokers as one cluster: node 1 is broker and the only controller, the others
// brokers only. A broker keeps an open file per partition it leads, and a process may not hold more
// open files than the machine's hard limit (`ulimit -Hn`, 20,000 on the CI machines): spreading
// partitions over brokers is how one machine holds the design's 100,000.
import { join } from "node:path";
import { newClusterId, startKafka, type KafkaBroker } from "./kafka-broker";
import { freePort } from "./ports";

export interface KafkaCluster {
  /** Bootstrap list, every broker's address. */
  brokers: string;
  nodes: KafkaBroker[];
  stop(): Promise<void>;
}

export async function startKafkaCluster(opts: { libs: string; dataDir: string; nodes: number; heap?: string }): Promise<KafkaCluster> {
  const clusterId = newClusterId(opts.libs);
  if (!clusterId) throw new Error("kafka-storage random-uuid printed no cluster id");
  const controllerPort = await freePort();
  const nodes: KafkaBroker[] = [];
  const stop = async () => {
    // Brokers first: the controller stopping first would leave them waiting to shut down cleanly.
    await Promise.all(nodes.slice(1).map((n) => n.stop()));
    await nodes[0]?.stop();
  };
  const start = async (id: number) =>
    startKafka({
      libs: opts.libs,
      dataDir: join(opts.dataDir, `node-${id}`),
      port: await freePort(),
      controllerPort,
      node: { id, clusterId, heap: opts.heap },
      startTimeoutMs: 600_000,
    });
  try {
    // The controller first; then the brokers side by side (each restarted over 14,000 partitions
    // loads them for over a minute before it listens).
    nodes.push(await start(1));
    const others = await Promise.allSettled(Array.from({ length: opts.nodes - 1 }, (_, i) => start(i + 2)));
    for (const o of others) if (o.status === "fulfilled") nodes.push(o.value);
    const failed = others.find((o) => o.status === "rejected");
    if (failed) throw failed.reason;
  } catch (e) {
    await stop();
    throw e;
  }
  return { brokers: nodes.map((n) => n.brokers).join(","), nodes, stop };
}
