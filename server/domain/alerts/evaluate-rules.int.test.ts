// An alert's lifecycle as stored: the evaluation writes a rule's alerts together (one statement for
// each of creates, updates and events), so the times it stores are checked against the evaluation's
// clock at each step.
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

    // Still pending with the same value: nothing of the row changes, and it is not written again.
    const written = (await alertOf()).updatedAt;
    const second = await evaluate(at(30));
    expect(await alertOf()).toMatchObject({ state: "pending", activeSince: t0, firingSince: null, updatedAt: written });
    expect(second.written).toBe(0);

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
