// Client quotas read from a real Kafka, set with Kafka's own kafka-configs tool: every entry of the
// cluster, and those that can apply to one user (its own entries and the default user's).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestCluster } from "@/test/catalog-helpers";
import { configCommand } from "@/test/kafka-cli";
import { testBrokers, uniqueName } from "@/test/kafka-helpers";
import { readClientQuotas } from "./client-quotas";

const alice = uniqueName("alice");
const bob = uniqueName("bob");
const billing = uniqueName("billing");
let clusterId = "";

const alter = (entity: string[], config: string) => configCommand(testBrokers(), ["--alter", ...entity, "--add-config", config]);

beforeAll(async () => {
  alter(["--entity-type", "users", "--entity-name", alice], "producer_byte_rate=1048576,consumer_byte_rate=2097152");
  alter(
    ["--entity-type", "users", "--entity-name", alice, "--entity-type", "clients", "--entity-name", billing],
    "producer_byte_rate=524288",
  );
  alter(["--entity-type", "users", "--entity-name", bob], "request_percentage=150");
  // A default user's quota applies to every test client too: a topic-change rate none of them nears.
  alter(["--entity-type", "users", "--entity-default"], "controller_mutation_rate=100000");
  clusterId = (await createTestCluster()).id;
}, 120_000);

afterAll(() => {
  configCommand(testBrokers(), ["--alter", "--entity-type", "users", "--entity-default", "--delete-config", "controller_mutation_rate"]);
});

const label = (entity: { type: string; name: string | null }[]) => entity.map((e) => `${e.type}=${e.name ?? "<default>"}`).join(", ");

describe("client quotas, read only", () => {
  it("lists every quota of the cluster, with the values kafka-configs describes", async () => {
    const r = await readClientQuotas({ clusterId });
    expect(r.supported).toBe(true);
    const byEntity = new Map(r.entries.map((e) => [label(e.entity), e.values]));
    expect(byEntity.get(`user=${alice}`)).toEqual({ producer_byte_rate: 1048576, consumer_byte_rate: 2097152 });
    expect(byEntity.get(`user=${alice}, client-id=${billing}`)).toEqual({ producer_byte_rate: 524288 });
    expect(byEntity.get(`user=${bob}`)).toEqual({ request_percentage: 150 });
    expect(byEntity.get("user=<default>")).toMatchObject({ controller_mutation_rate: 100000 });
    // The broker's own tool prints the same figures for the same entity.
    const cli = configCommand(testBrokers(), ["--describe", "--entity-type", "users", "--entity-name", alice]);
    for (const [k, v] of Object.entries(byEntity.get(`user=${alice}`)!)) expect(cli).toContain(`${k}=${v.toFixed(1)}`);
  });

  it("lists the quotas that can apply to one principal: its own and the default user's, not another user's", async () => {
    const r = await readClientQuotas({ clusterId, principal: `User:${alice}` });
    const labels = r.entries.map((e) => label(e.entity));
    expect(labels).toEqual(expect.arrayContaining([`user=${alice}`, `user=${alice}, client-id=${billing}`, "user=<default>"]));
    expect(labels.some((l) => l.includes(bob))).toBe(false);
    await expect(readClientQuotas({ clusterId, principal: "Group:ops" })).rejects.toThrow(/quotas are set per user/);
  });
});
