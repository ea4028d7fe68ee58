// Extending a kept layout: known nodes stay put, new ones go beside their neighbours' layers without
// landing on anyone, and too much change means a fresh layout.
import { describe, expect, it } from "vitest";
import { changeAllowed, extendLayout, LAYER_GAP, NODE_GAP } from "./extend-layout";

const size = { width: 190, height: 52 };
const step = size.width + LAYER_GAP;
const shape = (nodes: string[], links: [string, string][]) => ({
  nodes: nodes.map((id) => ({ id })),
  edges: links.map(([from, to]) => ({ id: `${from}>${to}`, from, to })),
});
// producers in layer 0, topics in layer 1, groups in layer 2
const before = {
  "svc-a": [0, 0],
  "svc-b": [0, 74],
  orders: [step, 0],
  billing: [2 * step, 0],
  shipping: [2 * step, 74],
} as Record<string, [number, number]>;
const links: [string, string][] = [
  ["svc-a", "orders"],
  ["svc-b", "orders"],
  ["orders", "billing"],
  ["orders", "shipping"],
];

describe("extendLayout", () => {
  it("keeps every known node where it was and puts a new group right of its topic, below that layer", () => {
    const grown = shape([...Object.keys(before), "audit"], [...links, ["orders", "audit"]]);
    const placed = extendLayout(before, grown, size)!;
    for (const [id, at] of Object.entries(before)) expect(placed[id]).toEqual(at);
    expect(placed.audit).toEqual([2 * step, 74 + size.height + NODE_GAP]);
  });

  it("puts a new producer left of the topic it feeds, and a node whose neighbours are new after them", () => {
    const grown = shape([...Object.keys(before), "svc-c", "payments"], [...links, ["svc-c", "payments"], ["payments", "billing"]]);
    const placed = extendLayout(before, grown, size)!;
    // payments feeds billing (layer 2): layer 1, below orders; svc-c feeds payments: layer 0, below svc-b.
    expect(placed.payments).toEqual([step, size.height + NODE_GAP]);
    expect(placed["svc-c"]).toEqual([0, 74 + size.height + NODE_GAP]);
  });

  it("drops nodes that are gone, and refuses to extend when too much changed", () => {
    const shrunk = shape(["svc-a", "orders", "billing"], links.slice(0, 1));
    expect(Object.keys(extendLayout(before, shrunk, size)!).sort()).toEqual(["billing", "orders", "svc-a"]);
    const many = Array.from({ length: changeAllowed(5) + 1 }, (_, i) => `new-${i}`);
    expect(extendLayout(before, shape([...Object.keys(before), ...many], links), size)).toBeNull();
    expect(extendLayout(before, shape(["x", "y"], [["x", "y"]]), size)).toBeNull();
  });
});
