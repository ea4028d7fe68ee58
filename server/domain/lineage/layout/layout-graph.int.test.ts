// Layouts made by the real ELK (in its thread), kept in this process and in PostgreSQL by shape.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import type { LineageEdge, LineageNode } from "../graph-types";
import { runElk } from "./elk-thread";
import { extendedLayout, keptLayout, layoutGraph, layoutSoon, NODE_SIZE } from "./layout-graph";
import { shapeKey } from "./shape-key";

/** A graph of this test's own: ids nobody else's layouts share. */
function flow(links: [string, string][]) {
  const run = randomUUID().slice(0, 8);
  const id = (name: string) => `${name}-${run}`;
  const names = [...new Set(links.flat())];
  const nodes = names.map((n) => ({ id: id(n), label: n }) as LineageNode);
  const edges = links.map(([a, b]) => ({ id: `${id(a)}>${id(b)}`, from: id(a), to: id(b) }) as LineageEdge);
  return { nodes, edges, id };
}

const overlaps = (a: [number, number], b: [number, number]) =>
  Math.abs(a[0] - b[0]) < NODE_SIZE.width && Math.abs(a[1] - b[1]) < NODE_SIZE.height;

describe("lineage layouts", () => {
  it("places every node left to right along the flow, without overlaps, and keeps the layout by shape", async () => {
    const g = flow([
      ["svc-a", "orders"],
      ["svc-b", "orders"],
      ["orders", "billing"],
      ["orders", "shipping"],
      ["billing", "svc-c"],
      ["shipping", "svc-d"],
      ["svc-c", "invoices"],
    ]);
    const made = await layoutGraph(g);
    expect(made.source).toBe("computed");
    expect(made.node).toEqual(NODE_SIZE);
    const p = made.positions;
    expect(Object.keys(p).sort()).toEqual(g.nodes.map((n) => n.id).sort());
    // Each edge points right: the producer left of its topic, the topic left of its groups, and so on.
    for (const e of g.edges) expect(p[e.from]![0]).toBeLessThan(p[e.to]![0]);
    const ids = Object.keys(p);
    for (let i = 0; i < ids.length; i++)
      for (let j = i + 1; j < ids.length; j++) expect(overlaps(p[ids[i]!]!, p[ids[j]!]!), `${ids[i]} over ${ids[j]}`).toBe(false);

    // Stored for every process, under the shape's key.
    const row = await db.lineageLayout.findUniqueOrThrow({ where: { key: made.key } });
    expect(row.positions).toEqual(p);
    expect(row.nodeCount).toBe(g.nodes.length);

    // The same shape in another order is the same layout, from memory; numbers on nodes do not matter.
    const shuffled = { nodes: [...g.nodes].reverse().map((n) => ({ ...n, count: 7 })), edges: [...g.edges].reverse() };
    expect(shapeKey(shuffled)).toBe(made.key);
    const again = await layoutGraph(shuffled);
    expect(again.source).toBe("memory");
    expect(again.positions).toEqual(p);

    // One more edge is another shape.
    const grown = { nodes: g.nodes, edges: [...g.edges, { id: "extra", from: g.id("svc-d"), to: g.id("invoices") } as LineageEdge] };
    expect(shapeKey(grown)).not.toBe(made.key);
  });

  it("lays out a cycle (a service that reads what it writes) and computes a shape asked for at once only once", async () => {
    const g = flow([
      ["svc", "events"],
      ["events", "group"],
      ["group", "svc"],
    ]);
    const all = await Promise.all([layoutGraph(g), layoutGraph(g), layoutGraph(g)]);
    expect(new Set(all.map((l) => l.key)).size).toBe(1);
    expect(all[1]!.positions).toBe(all[0]!.positions); // the same answer object: one computation
    expect(Object.keys(all[0]!.positions)).toHaveLength(3);
    expect(await db.lineageLayout.count({ where: { key: all[0]!.key } })).toBe(1);
  });

  it("draws a large view that gained a node from its kept layout at once, the known nodes where they were", async () => {
    // 40 producers → 120 topics → 180 groups: above the size where a fresh layout takes seconds.
    const links: [string, string][] = [];
    for (let t = 0; t < 120; t++) links.push([`p${t % 40}`, `t${t}`]);
    for (let g = 0; g < 180; g++) links.push([`t${g % 120}`, `g${g}`]);
    const g = flow(links);
    const made = await layoutGraph(g);
    expect(made.source).toBe("computed");

    const grown = {
      nodes: [...g.nodes, { id: g.id("audit") } as LineageNode],
      edges: [...g.edges, { id: "t5>audit", from: g.id("t5"), to: g.id("audit") } as LineageEdge],
    };
    const drawn = extendedLayout(grown)!;
    expect(drawn.source).toBe("extended");
    expect(drawn.key).toBe(shapeKey(grown));
    for (const [id, at] of Object.entries(made.positions)) expect(drawn.positions[id]).toEqual(at);
    const audit = drawn.positions[g.id("audit")]!;
    // One layer right of its topic, on no other node.
    expect(audit[0]).toBeGreaterThan(made.positions[g.id("t5")]![0]);
    for (const [id, at] of Object.entries(made.positions)) expect(overlaps(audit, at), `audit over ${id}`).toBe(false);
    // Kept in this process only: the full layout of that shape, once the worker stores it, comes first.
    expect(extendedLayout(grown)!.positions).toBe(drawn.positions);
    expect(await keptLayout(drawn.key)).toBeNull();

    // A small view is laid out afresh instead.
    const small = flow([["a", "b"]]);
    await layoutGraph(small);
    expect(extendedLayout({ nodes: [...small.nodes, { id: small.id("c") }], edges: small.edges })).toBeNull();
  });

  it("draws a draft of a view ELK is slow on, and the full layout once ELK has made it", async () => {
    // 400 nodes (drafts are for larger views by default): ELK takes a good part of a second, far more
    // than the no wait asked for here.
    const links: [string, string][] = [];
    for (let t = 0; t < 150; t++) links.push([`p${t % 50}`, `t${t}`]);
    for (let g = 0; g < 200; g++) links.push([`t${g % 150}`, `g${g}`]);
    const g = flow(links);
    const draft = await layoutSoon(g, { over: 0, afterMs: 0 });
    expect(draft.source).toBe("draft");
    expect(draft.key).toBe(shapeKey(g));
    expect(Object.keys(draft.positions).sort()).toEqual(g.nodes.map((n) => n.id).sort());
    for (const e of g.edges) expect(draft.positions[e.from]![0]).toBeLessThan(draft.positions[e.to]![0]);
    // Asked again while ELK is at work: the draft without waiting (an hour's wait would fail the test).
    expect((await layoutSoon(g, { over: 0, afterMs: 3_600_000 })).source).toBe("draft");
    // ELK went on without anyone waiting: once it is done, its layout is the answer, and it is kept.
    const soon = () => layoutSoon(g, { over: 0, afterMs: 0 });
    await expect.poll(async () => (await soon()).source, { timeout: 60_000 }).not.toBe("draft");
    const kept = await keptLayout(draft.key);
    expect(kept?.source).toBe("memory");
    expect((await soon()).positions).toEqual(kept!.positions);
    // A view of this size waits for ELK unless told otherwise.
    const other = flow(links);
    expect((await layoutSoon(other)).source).toBe("computed");
  });

  it("refuses more than a few layouts waiting at once, and still finishes the ones it took", async () => {
    const g = flow([["a", "b"]]);
    const graph = {
      id: "root",
      layoutOptions: { "elk.algorithm": "layered" },
      children: g.nodes.map((n) => ({ id: n.id, ...NODE_SIZE })),
      edges: g.edges.map((e) => ({ id: e.id, sources: [e.from], targets: [e.to] })),
    };
    // Asked for in one go: none can finish before all are asked.
    const results = await Promise.allSettled(Array.from({ length: 12 }, () => runElk(graph)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(8);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(refused).toHaveLength(4);
    for (const r of refused) expect(r.reason).toMatchObject({ code: "RATE_LIMITED" });
    // Room again once they are done.
    expect(await runElk(graph)).toHaveLength(2);
  });
});
