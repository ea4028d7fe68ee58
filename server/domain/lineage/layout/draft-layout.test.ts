// The draft drawn while ELK works: every node placed once, nobody on top of anybody, the flow left to
// right, connected parts apart, and columns ordered so that edges do not cross when they need not.
import { describe, expect, it } from "vitest";
import { draftLayout } from "./draft-layout";

const size = { width: 190, height: 52 };
const shape = (links: [string, string][], alone: string[] = []) => ({
  nodes: [...new Set([...links.flat(), ...alone])].map((id) => ({ id })),
  edges: links.map(([from, to]) => ({ id: `${from}>${to}`, from, to })),
});
const overlaps = (a: [number, number], b: [number, number]) => Math.abs(a[0] - b[0]) < size.width && Math.abs(a[1] - b[1]) < size.height;

function expectNoOverlap(p: Record<string, [number, number]>) {
  const ids = Object.keys(p);
  for (let i = 0; i < ids.length; i++)
    for (let j = i + 1; j < ids.length; j++) expect(overlaps(p[ids[i]!]!, p[ids[j]!]!), `${ids[i]} over ${ids[j]}`).toBe(false);
}

describe("draft layout", () => {
  it("places every node once, without overlaps, each edge pointing right", () => {
    const g = shape([
      ["svc-a", "orders"],
      ["svc-b", "orders"],
      ["orders", "billing"],
      ["orders", "shipping"],
      ["billing", "svc-c"],
      ["svc-c", "invoices"],
      ["svc-a", "invoices"],
    ]);
    const p = draftLayout(g, size);
    expect(Object.keys(p).sort()).toEqual(g.nodes.map((n) => n.id).sort());
    expectNoOverlap(p);
    // A long edge (svc-a → invoices) too: invoices is one column right of its furthest feeder.
    for (const e of g.edges) expect(p[e.from]![0]).toBeLessThan(p[e.to]![0]);
  });

  it("orders a column by where its neighbours sit, so edges that need not cross do not", () => {
    // Sorted by id, b1 would sit above b2 while a1 (above a2) feeds b2: one crossing the sweeps remove.
    const p = draftLayout(
      shape([
        ["x", "a1"],
        ["x", "a2"],
        ["a1", "b2"],
        ["a2", "b1"],
      ]),
      size,
    );
    expect(Math.sign(p.a1![1] - p.a2![1])).toBe(Math.sign(p.b2![1] - p.b1![1]));
  });

  it("draws a cycle without losing a node, and the same shape alike whatever its order", () => {
    const g = shape(
      [
        ["svc", "events"],
        ["events", "group"],
        ["group", "svc"],
        ["group", "audit"],
      ],
      ["lonely-topic"],
    );
    const p = draftLayout(g, size);
    expect(Object.keys(p)).toHaveLength(5);
    expectNoOverlap(p);
    const reversed = { nodes: [...g.nodes].reverse(), edges: [...g.edges].reverse() };
    expect(draftLayout(reversed, size)).toEqual(p);
  });

  it("puts each connected part on a band of its own, the largest first", () => {
    const p = draftLayout(
      shape([
        ["s1", "t1"],
        ["t1", "g1"],
        ["t1", "g2"],
        ["s2", "t2"],
      ]),
      size,
    );
    const band = (ids: string[]) => [Math.min(...ids.map((id) => p[id]![1])), Math.max(...ids.map((id) => p[id]![1])) + size.height];
    const [bigTop, bigBottom] = band(["s1", "t1", "g1", "g2"]);
    const [smallTop] = band(["s2", "t2"]);
    expect(bigTop).toBe(0);
    expect(smallTop).toBeGreaterThan(bigBottom!);
  });
});
