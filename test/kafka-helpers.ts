// Test-side Kafka client: plays the user's producers and consumers against the real test broker.
import { randomBytes } from "node:crypto";
import { Kafka, logLevel } from "kafkajs";

export const testBrokers = () => {
  const b = process.env.TEST_KAFKA_BROKERS;
  if (!b) throw new Error("TEST_KAFKA_BROKERS is not set: run through the int project (test/global-setup.ts)");
  return b;
};

export const uniqueName = (prefix: string) => `${prefix}-${randomBytes(4).toString("hex")}`;

export function testKafka(brokers = testBrokers()) {
  return new Kafka({ clientId: "eventplane-test", brokers: brokers.split(","), logLevel: logLevel.NOTHING });
}

export async function createTopic(name: string, partitions: number, config: Record<string, string> = {}) {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    await admin.createTopics({
      topics: [{ topic: name, numPartitions: partitions, configEntries: Object.entries(config).map(([n, value]) => ({ name: n, value })) }],
      waitForLeaders: true,
    });
  } finally {
    await admin.disconnect();
  }
}

/** Sends `count` messages to each listed partition; returns when all are acknowledged. */
export async function produce(topic: string, perPartition: Record<number, number>) {
  const producer = testKafka().producer();
  await producer.connect();
  try {
    for (const [partition, count] of Object.entries(perPartition)) {
      await producer.send({
        topic,
        messages: Array.from({ length: count }, (_, i) => ({ partition: Number(partition), key: `k${i}`, value: `m${i}` })),
      });
    }
  } finally {
    await producer.disconnect();
  }
}

/** Commits explicit offsets for a group, as a consumer that processed that far would. */
export async function commitOffsets(groupId: string, topic: string, offsets: Record<number, number>) {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    await admin.setOffsets({
      groupId,
      topic,
      partitions: Object.entries(offsets).map(([p, o]) => ({ partition: Number(p), offset: String(o) })),
    });
  } finally {
    await admin.disconnect();
  }
}

export async function deleteTopic(name: string) {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    await admin.deleteTopics({ topics: [name] });
  } finally {
    await admin.disconnect();
  }
}

/** Runs a real consumer in `groupId` on `topic` from the beginning; returns how many records it has
 *  seen so far, and a stop function. */
export async function startConsumer(groupId: string, topic: string) {
  const consumer = testKafka().consumer({ groupId });
  let seen = 0;
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({ eachMessage: async () => void seen++ });
  return { seen: () => seen, stop: () => consumer.disconnect() };
}
