// The span indexes that searches need (migration 20261201143000_span_index_costs): searches by topic,
// consumer group and message key ask for one value, and the indexes on those columns hold only the
// spans that have one. This checks the planner can use them for such a search as it is sent (with
// parameters, in a generic plan), on a day's table that holds spans with and without the column.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { rawTransaction } from "@/server/db";
import type { Attributes, SpanInput } from "./span-types";
import { storeSpans } from "./store-spans";

const hex = (n: number) => randomBytes(n).toString("hex");
const now = BigInt(Date.now()) * 1_000_000n;

beforeAll(async () => {
  const spans: SpanInput[] = Array.from({ length: 40 }, (_, i) => ({
    traceId: hex(16),
    spanId: hex(8),
    parentSpanId: null,
    name: "op",
    kind: i % 2 ? 5 : 2,
    startNs: now - BigInt(i) * 1_000_000n,
    endNs: now,
    statusCode: 0,
    statusMessage: null,
    attributes: (i % 2
      ? {
          "messaging.system": "kafka",
          "messaging.destination.name": "orders",
          "messaging.consumer.group.name": "billing",
          "messaging.kafka.message.key": `k${i}`,
        }
      : {}) as Attributes,
    resource: { "service.name": "index-check" },
    scope: null,
    events: [],
    links: [],
  }));
  await storeSpans(spans);
});

/** The indexes a generic plan of `where` reads, with sequential scans priced out (the table is small). */
async function indexesRead(where: string, values: unknown[]): Promise<string[]> {
  return rawTransaction(async (client) => {
    await client.query("SET LOCAL enable_seqscan = off");
    await client.query("SET LOCAL plan_cache_mode = force_generic_plan");
    const name = `span_index_check_${hex(4)}`;
    await client.query(`PREPARE ${name} AS SELECT "traceId" FROM "Span" WHERE "startNs" BETWEEN $1 AND $2 AND ${where}`);
    const { rows } = await client.query(`EXPLAIN (FORMAT JSON) EXECUTE ${name}(${values.map((v) => `'${String(v)}'`).join(", ")})`);
    await client.query(`DEALLOCATE ${name}`);
    const found: string[] = [];
    const walk = (node: Record<string, unknown>) => {
      if (typeof node["Index Name"] === "string") found.push((node["Index Name"] as string).replace(/^Span_d\d+_/, ""));
      for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
    };
    walk((rows[0]["QUERY PLAN"] as { Plan: Record<string, unknown> }[])[0]!.Plan);
    return found;
  });
}

describe("span indexes", () => {
  const range = [now - 3_600_000_000_000n, now];
  it("serve a search by topic, by consumer group and by message key", async () => {
    expect(await indexesRead(`"msgDestination" = $3`, [...range, "orders"])).toContain("msgDestination_startNs_idx");
    expect(await indexesRead(`"msgGroup" = $3`, [...range, "billing"])).toContain("msgGroup_startNs_idx");
    expect(await indexesRead(`"msgKey" = $3`, [...range, "k1"])).toContain("msgKey_idx");
  });
});
