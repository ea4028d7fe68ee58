import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { systemActor } from "@/server/domain/identity";
import { listClusterTargets, registerEnvCluster, registerEnvNats, registerEnvRabbit } from ".";

const startup = systemActor("startup");

describe("connections named by the environment", () => {
  it("RABBITMQ_URL registers local-rabbitmq with its credentials encrypted, once, and reaches the broker", async () => {
    const url = process.env.TEST_RABBITMQ_URL!;
    const { id } = await registerEnvRabbit(startup, url, process.env.TEST_RABBITMQ_AMQP_URL);
    const row = await db.cluster.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({
      name: "local-rabbitmq",
      kind: "rabbitmq",
      source: "env",
      saslUsername: "guest",
      bootstrapServers: [new URL(url).origin],
    });
    expect(row.saslPasswordEnc).not.toContain("guest");
    // The AMQP URL is kept without its credentials (they live encrypted beside it).
    expect(JSON.stringify(row.options)).not.toContain("guest");
    const audits = () => db.auditEntry.count({ where: { targetId: id } });
    const before = await audits();
    await registerEnvRabbit(startup, url, process.env.TEST_RABBITMQ_AMQP_URL);
    expect(await audits()).toBe(before);
    const target = (await listClusterTargets()).find((t) => t.id === id);
    expect(target).toMatchObject({ kind: "rabbitmq", connection: { username: "guest", password: "guest" } });
    await db.cluster.deleteMany({ where: { id } });
  });

  it("NATS_URL registers local-nats; a token or user:password in the URL becomes its authentication", async () => {
    const { id } = await registerEnvNats(startup, "nats://s3cret@127.0.0.1:4999, nats://127.0.0.1:5000");
    const row = await db.cluster.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({
      name: "local-nats",
      kind: "nats",
      saslMechanism: "token",
      bootstrapServers: ["nats://127.0.0.1:4999", "nats://127.0.0.1:5000"],
    });
    expect(row.saslPasswordEnc).not.toContain("s3cret");
    await registerEnvNats(startup, "nats://ann:pw@127.0.0.1:4999");
    expect((await listClusterTargets()).find((t) => t.id === id)).toMatchObject({
      kind: "nats",
      connection: { servers: ["nats://127.0.0.1:4999"], auth: { method: "plain", user: "ann", pass: "pw" } },
    });
    await expect(registerEnvNats(startup, "http://nope:1")).rejects.toThrow(/NATS_URL/);
    await db.cluster.deleteMany({ where: { id } });
  });
});

describe("KAFKA_BROKERS", () => {
  it("registers local once, audited, and never sends a stored password to the addresses it names", async () => {
    const brokers = process.env.TEST_KAFKA_BROKERS!;
    const { id } = await registerEnvCluster(startup, brokers, "env-client");
    await db.cluster.update({ where: { id }, data: { saslMechanism: "plain", saslUsername: "x", saslPasswordEnc: "stored" } });
    const audits = () => db.auditEntry.count({ where: { targetId: id } });
    const before = await audits();
    await registerEnvCluster(startup, brokers, "env-client");
    expect(await audits()).toBe(before);
    await registerEnvCluster(startup, `${brokers},127.0.0.1:1`, "env-client");
    expect(await audits()).toBe(before + 1);
    expect(await db.cluster.findUniqueOrThrow({ where: { id } })).toMatchObject({
      name: "local",
      kind: "kafka",
      source: "env",
      clientId: "env-client",
      bootstrapServers: [brokers, "127.0.0.1:1"],
      saslMechanism: null,
      saslPasswordEnc: null,
    });
    await expect(registerEnvCluster(startup, "no port here", "x")).rejects.toThrow(/KAFKA_BROKERS/);
    await db.cluster.deleteMany({ where: { id } });
  });
});
