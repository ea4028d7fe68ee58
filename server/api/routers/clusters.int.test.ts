import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { testBrokers, uniqueName } from "@/test/kafka-helpers";
import { createCaller } from "../root";
import { testAdmin } from "@/test/actors";

const caller = createCaller({ actor: testAdmin });

describe("clusters API (tRPC caller, real PostgreSQL and Kafka)", () => {
  it("adds a reachable cluster, and never returns its SASL password", async () => {
    const name = uniqueName("ok");
    const { id } = await caller.clusters.add({ name, bootstrapServers: testBrokers() });
    const view = await caller.clusters.get({ id });
    expect(view).toMatchObject({ name, bootstrapServers: [testBrokers()], status: "UNKNOWN", hasPassword: false, source: "ui" });
    await caller.clusters.remove({ id });
    await expect(caller.clusters.get({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses an unreachable bootstrap server with a clear error and saves nothing", async () => {
    const name = uniqueName("down");
    const before = await db.cluster.count();
    await expect(caller.clusters.add({ name, bootstrapServers: "127.0.0.1:1" })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: expect.stringContaining("cannot reach 127.0.0.1:1"),
    });
    expect(await db.cluster.count()).toBe(before);
  });

  it("refuses malformed addresses before trying to connect", async () => {
    await expect(caller.clusters.add({ name: uniqueName("bad"), bootstrapServers: "not an address" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining('"not" is not host:port'),
    });
  });

  it("refuses a second cluster with the same name", async () => {
    const name = uniqueName("dup");
    const { id } = await caller.clusters.add({ name, bootstrapServers: testBrokers() });
    await expect(caller.clusters.add({ name, bootstrapServers: testBrokers() })).rejects.toMatchObject({ code: "CONFLICT" });
    await caller.clusters.remove({ id });
  });

  it("stores a SASL password encrypted, and the connection test reports the broker's refusal", async () => {
    // The test broker has no SASL listener: the handshake fails, so the password is not saved either.
    const name = uniqueName("sasl");
    const result = await caller.clusters.test({
      name,
      bootstrapServers: testBrokers(),
      saslMechanism: "plain",
      saslUsername: "u",
      saslPassword: "hunter2-secret",
    });
    expect(result.ok).toBe(false);
    expect(result.error).toBeTruthy();
    await expect(
      caller.clusters.add({
        name,
        bootstrapServers: testBrokers(),
        saslMechanism: "plain",
        saslUsername: "u",
        saslPassword: "hunter2-secret",
      }),
    ).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
    });
    expect(await db.cluster.findUnique({ where: { name } })).toBeNull();
  });

  it("keeps a stored password encrypted at rest and out of every API answer", async () => {
    // Written through the domain's own encryption: the only way to get a SASL cluster without a SASL broker.
    const { encryptSecret } = await import("@/server/lib/secrets");
    const row = await db.cluster.create({
      data: {
        name: uniqueName("stored"),
        bootstrapServers: ["127.0.0.1:1"],
        saslMechanism: "scram-sha-256",
        saslUsername: "svc",
        saslPasswordEnc: encryptSecret("p@ss-word-42"),
      },
    });
    const raw = await db.$queryRaw<{ saslPasswordEnc: string }[]>`SELECT "saslPasswordEnc" FROM "Cluster" WHERE id = ${row.id}`;
    expect(raw[0]!.saslPasswordEnc).not.toContain("p@ss-word-42");
    const listed = JSON.stringify(await caller.clusters.list());
    expect(listed).not.toContain("p@ss-word-42");
    expect(listed).not.toContain(raw[0]!.saslPasswordEnc);
    expect((await caller.clusters.get({ id: row.id })).hasPassword).toBe(true);
    await caller.clusters.remove({ id: row.id });
  });

  it("rejects a 1 MB topic description with a clear message and leaves the topic unchanged", async () => {
    const cluster = await db.cluster.create({ data: { name: uniqueName("meta"), bootstrapServers: [testBrokers()] } });
    const topic = await db.topic.create({
      data: { clusterId: cluster.id, name: "t", partitionCount: 1, replicationFactor: 1, lastSeenAt: new Date(), description: "before" },
    });
    await expect(
      caller.topics.updateMetadata({ id: topic.id, ownerTeam: "x", description: "d".repeat(1024 * 1024), tags: [] }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("description: at most 20,000 characters") });
    expect(await db.topic.findUniqueOrThrow({ where: { id: topic.id } })).toMatchObject({ description: "before", ownerTeam: null });
    await caller.clusters.remove({ id: cluster.id });
  });
});
