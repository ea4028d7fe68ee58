// The group page's lag chart reads the once-a-minute samples over the chosen range, oldest first.
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createTestCluster } from "@/test/catalog-helpers";
import { uniqueName } from "@/test/kafka-helpers";
import { createCaller } from "../root";
import { testAdmin } from "@/test/actors";

const caller = createCaller({ actor: testAdmin });

describe("consumers.history", () => {
  it("returns the samples inside the range, oldest first, and refuses a range it cannot serve", async () => {
    const cluster = await createTestCluster();
    const group = await db.consumerGroup.create({
      data: { clusterId: cluster.id, groupId: uniqueName("chart"), state: "Stable", lastSeenAt: new Date() },
    });
    const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
    await db.groupLagSample.createMany({
      data: [
        { consumerGroupId: group.id, observedAt: minutesAgo(300), totalLag: 900n, maxTimeLagSeconds: 600 },
        { consumerGroupId: group.id, observedAt: minutesAgo(30), totalLag: 40n, maxTimeLagSeconds: 12.5 },
        { consumerGroupId: group.id, observedAt: minutesAgo(2), totalLag: 10n, maxTimeLagSeconds: null },
      ],
    });
    const lastHour = await caller.consumers.history({ id: group.id, minutes: 60 });
    expect(lastHour.map((p) => [p.totalLag, p.maxTimeLagSeconds])).toEqual([
      [40, 12.5],
      [10, null],
    ]);
    expect((await caller.consumers.history({ id: group.id, minutes: 360 })).map((p) => p.totalLag)).toEqual([900, 40, 10]);
    await expect(caller.consumers.history({ id: group.id, minutes: 60 * 24 * 30 })).rejects.toThrow(/minutes/);
  });
});
