import { expect, test } from "@playwright/test";
import { unique } from "../fixtures/kafka";
import { otlpBatch, spanId, traceId, type TestSpan } from "../fixtures/otlp";
import { tokenHeaders } from "../fixtures/auth";

test.describe.configure({ mode: "serial" });

// One order's journey as OTLP/JSON: order → orders → billing and inventory (parent-style hops), billing
// → payments → shipping in a trace of its own, joined by a span link (the semantic conventions' default).
const run = unique("e2e");
const svc = (name: string) => `${name}-${run}`;
const [a, b] = [traceId(), traceId()];
const ids = {
  root: spanId(),
  sendOrders: spanId(),
  billing: spanId(),
  inventory: spanId(),
  sendPayments: spanId(),
  poll: spanId(),
  shipping: spanId(),
};
const kafka = (topic: string, extra: Record<string, string | number> = {}) => ({
  "messaging.system": "kafka",
  "messaging.destination.name": topic,
  ...extra,
});
const spans: TestSpan[] = [
  { traceId: a, spanId: ids.root, name: "place order", service: svc("order"), kind: 2, start: 0, end: 12 },
  {
    traceId: a,
    spanId: ids.sendOrders,
    parentSpanId: ids.root,
    name: "send orders",
    service: svc("order"),
    kind: 4,
    start: 1,
    end: 10,
    attributes: kafka("orders"),
  },
  // 15 ms in the broker before billing picked it up; inventory after 4 ms.
  {
    traceId: a,
    spanId: ids.billing,
    parentSpanId: ids.sendOrders,
    name: "process orders",
    service: svc("billing"),
    kind: 5,
    start: 25,
    end: 40,
    attributes: kafka("orders", { "messaging.consumer.group.name": "billing", "messaging.kafka.offset": 7 }),
  },
  {
    traceId: a,
    spanId: ids.inventory,
    parentSpanId: ids.sendOrders,
    name: "process orders",
    service: svc("inventory"),
    kind: 5,
    start: 14,
    end: 18,
    attributes: kafka("orders", { "messaging.kafka.consumer.group": "inventory" }),
  },
  {
    traceId: a,
    spanId: ids.sendPayments,
    parentSpanId: ids.billing,
    name: "send payments",
    service: svc("billing"),
    kind: 4,
    start: 30,
    end: 36,
    attributes: kafka("payments"),
  },
  {
    traceId: b,
    spanId: ids.poll,
    name: "poll payments",
    service: svc("shipping"),
    kind: 3,
    start: 58,
    end: 75,
    attributes: kafka("payments", { "messaging.operation.type": "receive" }),
  },
  // Waited 26 ms (36 → 62) in payments.
  {
    traceId: b,
    spanId: ids.shipping,
    parentSpanId: ids.poll,
    name: "process payments",
    service: svc("shipping"),
    kind: 5,
    start: 62,
    end: 70,
    attributes: kafka("payments", { "messaging.consumer.group.name": "shipping" }),
    links: [{ traceId: a, spanId: ids.sendPayments }],
  },
];

test.beforeAll(async ({ request }) => {
  const res = await request.post("/v1/traces", {
    data: otlpBatch(spans, Date.now() - 60_000),
    headers: { "content-type": "application/json", ...tokenHeaders() },
  });
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({});
});

test("search finds the journey by service and shows its hops", async ({ page }) => {
  await page.goto("/traces");
  await page.getByLabel("Service").selectOption(svc("billing"));
  await page.getByRole("button", { name: "Search" }).click();
  const row = page.getByTestId("trace-row");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("place order");
  // Two consumer spans in the trace and one in another trace that links to it.
  await expect(row.getByTestId("trace-hops")).toHaveText("3");
  await row.getByRole("link", { name: "place order" }).click();
  await expect(page).toHaveURL(new RegExp(`/traces/${a}`));
});

test("the waterfall stitches both traces and draws each broker wait where it happened", async ({ page }) => {
  await page.goto(`/traces/${a}`);
  const facts = page.getByTestId("journey-facts");
  await expect(facts).toContainText("Traces joined2");
  await expect(facts).toContainText("Hops3");
  await expect(page.getByTestId("span-row")).toHaveCount(7);
  const linked = page.locator(`[data-span="${ids.poll}"]`);
  await expect(linked).toContainText("⤷");

  const dwell = page.getByTestId("dwell-bar");
  await expect(dwell).toHaveCount(3);
  const waits = await dwell.evaluateAll((els) =>
    els.map((e) => [e.getAttribute("data-topic"), e.getAttribute("data-group"), Number(e.getAttribute("data-dwell-ms"))]),
  );
  expect(waits.sort()).toEqual([
    ["orders", "billing", 15],
    ["orders", "inventory", 4],
    ["payments", "shipping", 26],
  ]);
  // Geometry: the journey lasts 75 ms; billing's wait runs from 10 to 25 ms of it.
  const billingRow = page.locator(`[data-span="${ids.billing}"]`);
  const timeline = await billingRow.getByTestId("dwell-bar").locator("..").boundingBox();
  const bar = await billingRow.getByTestId("dwell-bar").boundingBox();
  expect((bar!.x - timeline!.x) / timeline!.width).toBeCloseTo(10 / 75, 2);
  expect(bar!.width / timeline!.width).toBeCloseTo(15 / 75, 2);
  await expect(billingRow).toContainText("waited 15.0 ms in orders → billing");
});

test("keyboard, span detail with its link, and zoom by dragging on the minimap", async ({ page }) => {
  await page.goto(`/traces/${a}`);
  const tree = page.getByRole("tree", { name: "Journey waterfall" });
  await tree.focus();
  // Rows in pre-order: place order, send orders, inventory (earlier), billing, send payments, poll, process payments.
  for (let i = 0; i < 6; i++) await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  const detail = page.getByTestId("span-detail");
  await expect(detail).toContainText("process payments");
  await expect(detail).toContainText("Links to (1)");
  await detail.getByRole("button", { name: /send payments/ }).click();
  await expect(detail).toContainText("Linked from (1)");
  await expect(page).toHaveURL(new RegExp(`span=${a}-${ids.sendPayments}`));
  await page.keyboard.press("Escape");
  await expect(page).not.toHaveURL(/span=/);

  await tree.focus();
  await page.keyboard.press("Home");
  await page.keyboard.press("ArrowLeft"); // collapse the root
  await expect(page.getByTestId("span-row")).toHaveCount(1);
  await page.keyboard.press("ArrowRight");
  await expect(page.getByTestId("span-row")).toHaveCount(7);

  const minimap = page.getByTestId("minimap");
  const box = (await minimap.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.99, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect(page.getByRole("button", { name: "Reset zoom" })).toBeEnabled();
  // Zoomed into the second half: the order service's early spans are out of view.
  await expect(page.locator(`[data-span="${ids.root}"]`).getByTestId("span-bar")).toHaveCount(0);
  await page.getByRole("button", { name: "Reset zoom" }).click();
  await expect(page.locator(`[data-span="${ids.root}"]`).getByTestId("span-bar")).toHaveCount(1);
});
