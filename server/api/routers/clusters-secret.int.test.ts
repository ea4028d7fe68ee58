// A stored SASL password goes only where it went before. Editing a cluster (or testing the edit)
// with another address, mechanism or user, or without the TLS it had, needs the password typed again:
// otherwise an edit could send the stored secret to an address of the editor's choosing.
import { createCipheriv, createHash, randomBytes } from "node:crypto";
import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "@/server/api/root";
import { db } from "@/server/db";
import { encryptSecret } from "@/server/lib/secrets";
import { testAdmin } from "@/test/actors";
import { uniqueName } from "@/test/kafka-helpers";

const caller = createCaller({ actor: testAdmin });
let listener: Server;
let address = "";
let connections = 0;

beforeAll(async () => {
  // Stands for the address someone would like the password sent to: it counts who connects.
  listener = createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((r) => listener.listen(0, "127.0.0.1", r));
  address = `127.0.0.1:${(listener.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((r) => listener.close(() => r())));

async function storedSaslCluster(tls = false) {
  return db.cluster.create({
    data: {
      name: uniqueName("secret"),
      bootstrapServers: ["127.0.0.1:1"],
      tls,
      saslMechanism: "scram-sha-256",
      saslUsername: "svc",
      saslPasswordEnc: encryptSecret("the-stored-secret"),
    },
  });
}

describe("a stored SASL password", () => {
  it("is not sent to a new address by an edit or a connection test that does not retype it", async () => {
    const row = await storedSaslCluster();
    const edit = { id: row.id, name: row.name, bootstrapServers: address, saslMechanism: "scram-sha-256" as const, saslUsername: "svc" };
    await expect(caller.clusters.update(edit)).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("type the password again"),
    });
    await expect(caller.clusters.test(edit)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.clusters.update({ ...edit, bootstrapServers: "127.0.0.1:1", saslUsername: "someone-else" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    expect(connections).toBe(0);
    expect(await db.cluster.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      bootstrapServers: ["127.0.0.1:1"],
      saslPasswordEnc: row.saslPasswordEnc,
    });
  });

  it("is not sent in the clear when the cluster had TLS, nor over another mechanism", async () => {
    const row = await storedSaslCluster(true);
    const same = { id: row.id, name: row.name, bootstrapServers: "127.0.0.1:1", saslUsername: "svc" };
    await expect(caller.clusters.update({ ...same, tls: false, saslMechanism: "scram-sha-256" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(caller.clusters.update({ ...same, tls: true, saslMechanism: "plain" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    // Unchanged settings keep using it (the address does not answer, which is the error we get).
    await expect(caller.clusters.test({ ...same, tls: true, saslMechanism: "scram-sha-256" })).resolves.toMatchObject({ ok: false });
  });

  it("is sent to the new address once it is typed again", async () => {
    const row = await storedSaslCluster();
    const result = await caller.clusters.test({
      id: row.id,
      name: row.name,
      bootstrapServers: address,
      saslMechanism: "scram-sha-256",
      saslUsername: "svc",
      saslPassword: "typed-again",
    });
    expect(result.ok).toBe(false);
    expect(connections).toBeGreaterThan(0);
  });
});

/** The stored format (iv.tag.data, AES-256-GCM) under a key that is not this installation's. */
function encryptedWithAnotherKey(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", createHash("sha256").update("some other installation's key").digest(), iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [iv, cipher.getAuthTag(), data].map((b) => b.toString("base64")).join(".");
}

describe("a stored secret that cannot be decrypted", () => {
  it("stops only its own cluster: the others are still listed for syncing, and it says why", async () => {
    const { listClusterTargets } = await import("@/server/domain/connections");
    const good = await db.cluster.create({ data: { name: uniqueName("fine"), bootstrapServers: ["127.0.0.1:1"] } });
    // Encrypted under another key (as after EVENTPLANE_SECRET_KEY changed): the real thing, not a mock.
    const bad = await db.cluster.create({
      data: {
        name: uniqueName("rekeyed"),
        bootstrapServers: ["127.0.0.1:1"],
        saslMechanism: "plain",
        saslUsername: "svc",
        saslPasswordEnc: encryptedWithAnotherKey("the-password"),
      },
    });
    const ids = (await listClusterTargets()).map((t) => t.id);
    expect(ids).toContain(good.id);
    expect(ids).not.toContain(bad.id);
    expect(await db.cluster.findUniqueOrThrow({ where: { id: bad.id } })).toMatchObject({
      status: "UNREACHABLE",
      lastError: expect.stringContaining("cannot be decrypted"),
    });
  });
});
