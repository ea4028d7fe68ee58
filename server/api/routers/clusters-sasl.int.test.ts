import { describe, expect, it } from "vitest";
import { syncCluster } from "@/collectors/catalog-sync/sync-cluster";
import { db } from "@/server/db";
import { listClusterTargets } from "@/server/domain/connections";
import { uniqueName } from "@/test/kafka-helpers";
import { createCaller } from "../root";
import { testAdmin } from "@/test/actors";
import { EVENT_HUBS_CONNECTION_STRING } from "@/test/global-setup";

const caller = createCaller({ actor: testAdmin });
const saslBrokers = () => {
  const b = process.env.TEST_KAFKA_SASL_BROKERS;
  if (!b) throw new Error("TEST_KAFKA_SASL_BROKERS is not set (test/global-setup.ts)");
  return b;
};

// The shared test broker has a real SASL_PLAINTEXT listener with user alice (test/global-setup.ts).
describe("an Azure Event Hubs-style connection (its Kafka endpoint)", () => {
  // Event Hubs takes SASL PLAIN with user "$ConnectionString" and the namespace's connection string as
  // the password, over TLS on port 9093. No Event Hubs here: the test broker's SASL listener accepts
  // the same credentials, without TLS; what is tested is that such a secret (with = ; / +) goes
  // through the form, the encryption at rest and the client unchanged.
  it("connects and syncs with $ConnectionString and a connection string as the password", async () => {
    const input = {
      name: uniqueName("eventhubs"),
      bootstrapServers: saslBrokers(),
      saslMechanism: "plain" as const,
      saslUsername: "$ConnectionString",
      saslPassword: EVENT_HUBS_CONNECTION_STRING,
    };
    expect(await caller.clusters.test(input)).toMatchObject({ ok: true });
    expect(await caller.clusters.test({ ...input, saslPassword: `${EVENT_HUBS_CONNECTION_STRING}x` })).toMatchObject({
      ok: false,
      error: expect.stringContaining("authentication failed"),
    });
    const { id } = await caller.clusters.add(input);
    const target = (await listClusterTargets()).find((t) => t.id === id)!;
    expect((await syncCluster(target, { withConfigs: false })).ok).toBe(true);
  });
});

describe("a SASL PLAIN cluster", () => {
  it("is added with the right password, stored encrypted, never returned, and synced with the stored secret", async () => {
    const name = uniqueName("sasl");
    const input = {
      name,
      bootstrapServers: saslBrokers(),
      saslMechanism: "plain" as const,
      saslUsername: "alice",
      saslPassword: "alice-secret",
    };
    expect(await caller.clusters.test(input)).toMatchObject({ ok: true, error: null });
    const { id } = await caller.clusters.add(input);

    const row = await db.cluster.findUniqueOrThrow({ where: { id } });
    expect(row.saslPasswordEnc).toBeTruthy();
    expect(row.saslPasswordEnc).not.toContain("alice-secret");
    expect(JSON.stringify(await caller.clusters.list())).not.toContain("alice-secret");
    expect(await caller.clusters.get({ id })).toMatchObject({ saslMechanism: "plain", saslUsername: "alice", hasPassword: true });

    const target = (await listClusterTargets()).find((t) => t.id === id)!;
    expect((await syncCluster(target, { withConfigs: false })).ok).toBe(true);

    // Editing without retyping the password keeps the stored one (and it still works).
    await caller.clusters.update({ id, ...input, saslPassword: "", clientId: "renamed-client" });
    const after = await db.cluster.findUniqueOrThrow({ where: { id } });
    expect(after.clientId).toBe("renamed-client");
    expect(after.saslPasswordEnc).toBe(row.saslPasswordEnc);
    await caller.clusters.remove({ id });
  });

  it("refuses a wrong password with an authentication error and saves nothing", async () => {
    const name = uniqueName("badpw");
    await expect(
      caller.clusters.add({ name, bootstrapServers: saslBrokers(), saslMechanism: "plain", saslUsername: "alice", saslPassword: "wrong" }),
    ).rejects.toMatchObject({ code: "PRECONDITION_FAILED", message: expect.stringMatching(/authentication/i) });
    expect(await db.cluster.findUnique({ where: { name } })).toBeNull();
  });
});
