// An alert's lifecycle as stored: the evaluation writes a rule's alerts together (one statement for
// each of creates, updates and events), so the times it stores are checked against the evaluation's
// clock at each step.
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createRule, evaluateRules } from "@/server/domain/alerts";
import { testAdmin } from "@/test/actors";
import { createTestCluster } from "@/test/catalog-helpers";
import { uniqueName } from "@/test/kafka-helpers";

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

/** Resolves once some session waits for an advisory lock (polling pg_locks), or once `stop` is set. */
async function lockWaiter(client: pg.Client, stop: { done: boolean }): Promise<void> {
  while (!stop.done) {
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`);
    if (rows[0].n > 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("evaluateRules", () => {
  it("stores pending, firing and resolved with the evaluation's times, and one event per change", async () => {
    const cluster = await createTestCluster();
    cleanups.push(async () => void (await db.cluster.deleteMany({ where: { id: cluster.id } })));
    await db.cluster.update({ where: { id: cluster.id }, data: { status: "UNREACHABLE", lastError: "refused" } });
    const rule = await createRule(testAdmin, {
      name: uniqueName("lifecycle"),
      kind: "cluster_unreachable",
      target: cluster.name,
      clusterId: cluster.id,
      forSeconds: 60,
    });
    const alertOf = () => db.alert.findFirstOrThrow({ where: { ruleId: rule.id }, include: { events: { orderBy: { id: "asc" } } } });
    // Milliseconds that are not zero: a time zone or precision slip shows.
    const t0 = new Date(Math.floor(Date.now() / 1000) * 1000 - 3_600_000 + 123);
    const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
    const evaluate = (now: Date) => evaluateRules({ now, externalUrl: "http://eventplane.test" });

    await evaluate(t0);
    expect(await alertOf()).toMatchObject({ state: "pending", activeSince: t0, firingSince: null, value: 1 });

    // Still pending with the same value: nothing of the row changes, and it is not written again. Nor
    // does the evaluation wait for the evaluation lock (held here by "another worker"): with nothing
    // to change it opens no transaction. Either it finishes, or a waiter on the lock shows up.
    const written = (await alertOf()).updatedAt;
    const holder = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await holder.connect();
    try {
      await holder.query(`SELECT pg_advisory_lock(${0x45_50_41_4c})`);
      const second = evaluate(at(30));
      const polling = { done: false };
      const outcome = await Promise.race([second.then(() => "finished"), lockWaiter(holder, polling).then(() => "waited for the lock")]);
      polling.done = true;
      await holder.query(`SELECT pg_advisory_unlock(${0x45_50_41_4c})`);
      expect(outcome).toBe("finished");
      expect((await second).written).toBe(0);
    } finally {
      await holder.end();
    }
    expect(await alertOf()).toMatchObject({ state: "pending", activeSince: t0, firingSince: null, updatedAt: written });

    await evaluate(at(61));
    expect(await alertOf()).toMatchObject({ state: "firing", activeSince: t0, firingSince: at(61), lastNotifiedAt: at(61) });

    await db.cluster.update({ where: { id: cluster.id }, data: { status: "OK" } });
    await evaluate(at(90));
    const resolved = await alertOf();
    expect(resolved).toMatchObject({ state: "inactive", activeSince: null, firingSince: null, resolvedAt: at(90), value: 0 });
    expect(resolved.events.map((e) => [e.state, e.at.getTime()])).toEqual([
      ["pending", t0.getTime()],
      ["firing", at(61).getTime()],
      ["resolved", at(90).getTime()],
    ]);

    // A second episode keeps the last resolution until it resolves again.
    await db.cluster.update({ where: { id: cluster.id }, data: { status: "UNREACHABLE" } });
    await evaluate(at(120));
    expect(await alertOf()).toMatchObject({ state: "pending", activeSince: at(120), resolvedAt: at(90) });
  });
});
