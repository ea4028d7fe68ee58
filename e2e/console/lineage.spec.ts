import { Parser } from "@asyncapi/parser";
import { expect, test, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { ensureCluster } from "../fixtures/cluster";
import { seedTopic, unique } from "../fixtures/kafka";
import { otlpBatch, spanId, traceId } from "../fixtures/otlp";
import { tokenHeaders } from "../fixtures/auth";

test.describe.configure({ mode: "serial" });

// A cart service produces to a checkout topic; a fulfilment service reads it through its group.
// The topic and the group's committed offset are real (Kafka); the services are known from their
// PRODUCER and CONSUMER spans, sent to /v1/traces as any SDK would.
const topic = unique("checkout");
const group = unique("fulfil");
const cart = unique("cart-svc");
const fulfil = unique("fulfil-svc");
const refunds = unique("refunds");

test.beforeAll(async ({ browser, request }) => {
  await ensureCluster(browser, "lineage");
  await seedTopic(topic, 1, 5, group);
  const t = traceId();
  const send = spanId();
  const res = await request.post("/v1/traces", {
    data: otlpBatch(
      [
        {
          traceId: t,
          spanId: send,
          name: `send ${topic}`,
          service: cart,
          kind: 4,
          start: 0,
          end: 3,
          attributes: { "messaging.system": "kafka", "messaging.destination.name": topic, "messaging.operation.type": "send" },
        },
        {
          traceId: t,
          spanId: spanId(),
          parentSpanId: send,
          name: `process ${topic}`,
          service: fulfil,
          kind: 5,
          start: 12,
          end: 20,
          attributes: {
            "messaging.system": "kafka",
            "messaging.destination.name": topic,
            "messaging.consumer.group.name": group,
            "messaging.operation.type": "process",
          },
        },
      ],
      Date.now() - 5_000,
    ),
    headers: { "content-type": "application/json", ...tokenHeaders() },
  });
  expect(res.status()).toBe(200);
});

const node = (page: Page, label: string) => page.getByTestId("lineage-node").filter({ has: page.getByText(label, { exact: true }) });

test("the graph shows producer → topic → group → service from traffic, and the side panel explains an edge", async ({ page }) => {
  test.setTimeout(180_000);
  // The worker folds spans and committed offsets into lineage a few seconds after they arrive (and the
  // group's offsets only after a catalog sync): look again until the whole flow is in. The focused view
  // is opened by its address, so no search typed earlier narrows it.
  await expect(async () => {
    await page.goto(`/lineage?q=${encodeURIComponent(cart)}`);
    await expect(page.getByTestId("lineage-canvas")).toHaveAttribute("data-layout", "ready", { timeout: 5_000 });
    await expect(node(page, topic)).toBeVisible({ timeout: 1_000 });
    const topicId = await node(page, topic).getAttribute("data-node-id");
    await page.goto(`/lineage?focus=${encodeURIComponent(topicId!)}&hops=2`);
    await expect(page.getByTestId("focus-bar")).toContainText(topic);
    for (const label of [cart, topic, group, fulfil]) await expect(node(page, label)).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 90_000 });
  await expect(node(page, cart)).toHaveAttribute("data-kind", "service");

  await node(page, topic).click();
  await expect(page.getByTestId("panel-title")).toHaveText(topic);
  const produced = page.getByTestId("panel-edge").filter({ hasText: `produces ← ${cart}` });
  await expect(produced).toContainText("observed");
  await expect(produced).toContainText("first seen");
  await expect(page.getByTestId("lineage-node")).toHaveCount(4);
  await expect(page.locator(".react-flow__edge")).toHaveCount(3);
  await expect(node(page, group)).toHaveAttribute("data-kind", "group");

  // The panel lies over the canvas: close it (Escape) before reaching for a node it may cover.
  await page.getByRole("button", { name: "Close details" }).press("Escape");
  await expect(page.getByTestId("panel-title")).toHaveCount(0);
  await node(page, group).click();
  await expect(page.getByTestId("panel-title")).toHaveText(group);
  await expect(page.getByTestId("panel-edge").filter({ hasText: `runs as → ${fulfil}` })).toContainText("observed");
  await expect(page.getByText("seen in CONSUMER spans")).toBeVisible();
});

test("a declared edge with no traffic shows as drift", async ({ page }) => {
  await page.goto(`/lineage?node=${encodeURIComponent(`svc:${fulfil}`)}&focus=${encodeURIComponent(`svc:${fulfil}`)}&hops=2`);
  await expect(page.getByTestId("panel-title")).toHaveText(fulfil);
  const panel = page.getByRole("complementary", { name: "Node details" });
  await panel.getByLabel("Direction").selectOption("consumes");
  await panel.getByLabel("Topic", { exact: true }).fill(refunds);
  await panel.getByRole("button", { name: "Declare" }).click();
  await expect(page.getByTestId("declarations")).toContainText(`consumes ${refunds}`);
  const declared = page.getByTestId("panel-edge").filter({ hasText: `consumes ← ${refunds}` });
  await expect(declared).toContainText("drift: not seen");
  await expect(declared).toContainText("never seen in traffic");
  // fulfil-svc now declares: its group reading the checkout topic, undeclared, is drift too.
  await expect(page.getByTestId("graph-stats")).toContainText("2 drift");
  await expect(node(page, refunds)).toBeVisible();
});

test("registering an incompatible version lists the consumers of the subject's topic", async ({ page, request }) => {
  const record = (fields: object[]) => JSON.stringify({ type: "record", name: "CheckoutPlaced", namespace: "shop", fields });
  const res = await request.post(`/api/schema-registry/subjects/${topic}-value/versions`, {
    data: { schema: record([{ name: "cart_id", type: "string" }]) },
    headers: { "content-type": "application/vnd.schemaregistry.v1+json", ...tokenHeaders() },
  });
  expect(res.status()).toBe(200);
  await page.goto(`/schemas/${topic}-value?tab=register`);
  await expect(page.getByTestId("schema-editor")).toContainText("CheckoutPlaced");
  await expect(page.getByTestId("verdict")).toHaveAttribute("data-verdict", /compatible|incompatible/);
  await page
    .getByTestId("schema-editor")
    .locator(".cm-content")
    .fill(
      record([
        { name: "cart_id", type: "string" },
        { name: "coupon", type: "string" },
      ]),
    );
  await expect(page.getByTestId("verdict")).toHaveAttribute("data-verdict", "incompatible");
  const impact = page.getByRole("region", { name: "Consumers of this subject's topic" });
  await expect(impact.getByRole("link", { name: group })).toBeVisible();
  await expect(impact.getByRole("link", { name: fulfil })).toBeVisible();
});

test("the AsyncAPI export downloads a document the parser accepts", async ({ page }) => {
  await page.goto("/lineage");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export AsyncAPI" }).click()]);
  expect(download.suggestedFilename()).toBe("eventplane-asyncapi.yaml");
  const text = readFileSync((await download.path())!, "utf8");
  const { document, diagnostics } = await new Parser().parse(text);
  expect(diagnostics.filter((d) => d.severity === 0)).toEqual([]);
  const channel = document!
    .channels()
    .all()
    .find((c) => c.address() === topic);
  expect(channel).toBeDefined();
  // The subject registered above is the channel's message, with its Avro schema.
  expect(
    channel!
      .messages()
      .all()
      .map((m) => m.id()),
  ).toEqual([`${topic}-value`]);
  const ops = document!
    .operations()
    .all()
    .filter((o) =>
      o
        .channels()
        .all()
        .some((c) => c.address() === topic),
    );
  expect(ops.map((o) => `${o.action()} ${o.extensions().get("x-eventplane-service")?.value()}`).sort()).toEqual([
    `receive ${fulfil}`,
    `send ${cart}`,
  ]);
});

test("an AsyncAPI document imported in the UI becomes declared lineage; a broken one is refused with the reason", async ({ page }) => {
  const app = unique("ledger-svc");
  const journal = unique("journal");
  const doc = [
    "asyncapi: 3.0.0",
    `info: { title: ${app}, version: 1.0.0 }`,
    "channels:",
    `  journal: { address: ${journal} }`,
    "operations:",
    "  writeJournal: { action: send, channel: { $ref: '#/channels/journal' } }",
  ].join("\n");
  await page.goto("/lineage");
  const file = page.getByLabel("Import AsyncAPI");
  // Enabled once the page is hydrated (a file chosen before would be lost).
  await expect(file).toBeEnabled();
  await file.setInputFiles({ name: "broken.yaml", mimeType: "application/yaml", buffer: Buffer.from("asyncapi: 3.0.0\ninfo: {}\n") });
  await expect(page.getByRole("alert").filter({ hasText: "Not a valid AsyncAPI document" })).toBeVisible();
  await page.getByRole("button", { name: "Dismiss" }).click();
  await file.setInputFiles({ name: "ledger.yaml", mimeType: "application/yaml", buffer: Buffer.from(doc) });
  await expect(page.getByTestId("asyncapi-import-result")).toContainText("1 declaration imported");
  await expect(page.getByTestId("asyncapi-import-result")).toContainText(`${app} produces ${journal}`);
  await page.goto(`/lineage?q=${encodeURIComponent(app)}`);
  await expect(node(page, app)).toBeVisible();
  await expect(node(page, journal)).toHaveAttribute("data-kind", "topic");
  await expect(page.getByTestId("graph-stats")).toContainText("1 drift");
});

test("a topic's page and its group's page open the lineage focused on them", async ({ page }) => {
  await page.goto(`/topics?q=${encodeURIComponent(topic)}`);
  await page.getByTestId("topic-row").getByRole("link", { name: topic }).click();
  await page.getByRole("link", { name: "View lineage" }).click();
  await expect(page.getByTestId("focus-bar")).toContainText(topic);
  await expect(page.getByTestId("panel-title")).toHaveText(topic);
  await expect(node(page, group)).toBeVisible();

  await page.goto(`/consumers?q=${encodeURIComponent(group)}`);
  await page.getByTestId("group-row").getByRole("link", { name: group }).click();
  await page.getByRole("link", { name: "View lineage" }).click();
  await expect(page.getByTestId("panel-title")).toHaveText(group);
  await expect(node(page, fulfil)).toBeVisible();
});

test("a large view fits on screen as one overview picture; finding a node goes to it, readable, and opens its details", async ({
  page,
}) => {
  test.setTimeout(120_000);
  // One service declared to produce 200 topics: 201 nodes, too many to read when fitted on screen.
  const app = unique("estate-svc");
  const channels = Array.from({ length: 200 }, (_, i) => `${app}.t${i}`);
  const doc = [
    "asyncapi: 3.0.0",
    `info: { title: ${app}, version: 1.0.0 }`,
    "channels:",
    ...channels.map((c, i) => `  c${i}: { address: ${c} }`),
    "operations:",
    ...channels.map((_, i) => `  send${i}: { action: send, channel: { $ref: '#/channels/c${i}' } }`),
  ].join("\n");
  await page.goto("/lineage");
  await expect(page.getByLabel("Import AsyncAPI")).toBeEnabled();
  await page.getByLabel("Import AsyncAPI").setInputFiles({ name: "estate.yaml", mimeType: "application/yaml", buffer: Buffer.from(doc) });
  await expect(page.getByTestId("asyncapi-import-result")).toContainText("200 declarations imported");

  await page.goto(`/lineage?q=${encodeURIComponent(app)}`);
  await expect(page.getByTestId("graph-stats")).toContainText("201 of");
  await expect(page.getByTestId("lineage-canvas")).toHaveAttribute("data-layout", "ready", { timeout: 60_000 });
  await expect(page.getByTestId("lineage-overview")).toBeVisible();
  await expect(page.getByTestId("lineage-overview")).toHaveAttribute("aria-label", /Overview of 201 nodes and 200 edges/);
  await expect(page.getByTestId("lineage-node")).toHaveCount(0);

  const target = channels[137]!;
  const find = page.getByPlaceholder("Find a node…");
  await find.fill("no-such-node-anywhere");
  await find.press("Enter");
  await expect(page.getByText("No node matches")).toBeVisible();
  await find.fill(target);
  await find.press("Enter");
  await expect(page.getByTestId("panel-title")).toHaveText(target);
  // Zoomed in to read: the nodes are elements again, the one found among them on screen.
  await expect(page.getByTestId("lineage-overview")).toHaveCount(0);
  await expect(node(page, target)).toBeInViewport();

  await page.getByRole("button", { name: "Close details" }).click();
  await page.getByRole("button", { name: "Fit the whole graph" }).click();
  await expect(page.getByTestId("lineage-overview")).toBeVisible();

  // Read by owner: the service's team owns the topics it writes, so the view collapses to one node.
  const team = unique("estate-team");
  await find.fill(app);
  await find.press("Enter");
  await expect(page.getByTestId("panel-title")).toHaveText(app);
  const panel = page.locator("aside");
  await panel.getByLabel("Team", { exact: true }).fill(team);
  await panel.getByRole("button", { name: "Save owner" }).click();
  await expect(panel.getByRole("button", { name: "Saved" })).toBeVisible();
  await page.goto(`/lineage?q=${encodeURIComponent(app)}&collapse=team`);
  const owner = page.locator('[data-testid="lineage-node"][data-kind="team"]');
  await expect(owner).toHaveCount(1);
  await expect(owner).toContainText(team);
  await expect(owner).toContainText("1 service · 200 topics · 0 groups");
  // Opening it shows that team's part of the graph, node by node again.
  await owner.click();
  await expect(page).toHaveURL(new RegExp(`team=${team}`));
  await expect(page).not.toHaveURL(/collapse=/);
  await expect(page.getByTestId("graph-stats")).toContainText("201 of");
});
