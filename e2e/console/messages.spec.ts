// The message browser: find the messages of one order across a topic's partitions with a CEL filter,
// see the search's progress, open a message, and go on from where a budget stopped the search.
import { Kafka, logLevel } from "kafkajs";
import { expect, test } from "@playwright/test";
import { ensureCluster } from "../fixtures/cluster";
import { stackBrokers, unique } from "../fixtures/kafka";

test.describe.configure({ mode: "serial" });

const topic = unique("checkout-events");
const group = unique("fulfilment");

test.beforeAll(async ({ browser }) => {
  const kafka = new Kafka({ clientId: "e2e", brokers: [stackBrokers()], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
  await admin.disconnect();
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({
    topic,
    messages: Array.from({ length: 300 }, (_, i) => ({
      partition: i % 3,
      key: `order-${i % 50}`,
      value: JSON.stringify({ order_id: `order-${i % 50}`, step: i, total: (i % 7) * 10 }),
      headers: { traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01" },
    })),
  });
  await producer.disconnect();
  // A stopped group that read 90 of each partition's 100 records.
  const groups = kafka.admin();
  await groups.connect();
  await groups.setOffsets({ groupId: group, topic, partitions: [0, 1, 2].map((partition) => ({ partition, offset: "90" })) });
  await groups.disconnect();
  await ensureCluster(browser, "e2e");
});

test("a CEL filter finds one order's messages across partitions, and a message opens with its trace", async ({ page }) => {
  await page.goto(`/topics?q=${topic}`);
  await page.getByRole("link", { name: topic }).click();
  await page.getByRole("link", { name: "Browse messages" }).click();
  const form = page.getByRole("form", { name: "Search messages" });
  await form.getByLabel(/^Filter/).fill('value.order_id == "order-7" && value.total >= 20');
  await form.getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("search-status")).toContainText("Read to the end of the range");
  await expect(page.getByTestId("search-status")).toContainText("scanned 300 of about 300");
  // order-7 is every 50th step from 7: steps 7, 57, …, 257; total = (step % 7) × 10 ≥ 20 keeps four.
  const steps = [7, 57, 107, 157, 207, 257].filter((s) => (s % 7) * 10 >= 20);
  await expect(page.getByTestId("message-row")).toHaveCount(steps.length);
  await expect(page).toHaveURL(/filter=/);

  await page.getByTestId("message-row").first().click();
  const detail = page.getByTestId("message-detail");
  await expect(detail).toContainText('"order_id": "order-7"');
  await expect(detail.getByRole("link", { name: "Producer's trace" })).toHaveAttribute("href", "/traces/4bf92f3577b34da6a3ce929d0e0e4736");
  await detail.getByRole("link", { name: "Open the record" }).click();
  await expect(page.getByTestId("record-value")).toContainText("order-7");
});

test("a search stopped by its budget goes on from where it stopped", async ({ page }) => {
  await page.goto(`/topics?q=${topic}`);
  await page.getByRole("link", { name: topic }).click();
  await page.getByRole("link", { name: "Browse messages" }).click();
  const form = page.getByRole("form", { name: "Search messages" });
  await form.getByLabel(/^Filter/).fill("value.step >= 0");
  await form.getByLabel("Page size").fill("500");
  await form.getByLabel("Budget: messages scanned").fill("100");
  await form.getByLabel(/^Filter/).press("Enter");
  await expect(page.getByTestId("search-status")).toContainText("Stopped at the budget of messages scanned");
  await expect(page.getByTestId("message-row")).toHaveCount(100);
  await page.getByRole("button", { name: "Continue from here" }).click();
  await expect(page.getByTestId("message-row")).toHaveCount(200);
  await page.getByRole("button", { name: "Continue from here" }).click();
  await expect(page.getByTestId("message-row")).toHaveCount(300);
  await expect(page.getByTestId("search-status")).toContainText("Read to the end of the range");
  await expect(page.getByRole("button", { name: "Continue from here" })).toHaveCount(0);
});

test("a live tail shows new messages as they are produced, filtered, until stopped", async ({ page }) => {
  await page.goto(`/topics?q=${topic}`);
  await page.getByRole("link", { name: topic }).click();
  await page.getByRole("link", { name: "Browse messages" }).click();
  const form = page.getByRole("form", { name: "Search messages" });
  await form.getByLabel(/^Filter/).fill('value.kind == "live"');
  await form.getByRole("button", { name: "Live tail" }).click();
  await expect(page.getByTestId("search-status")).toContainText("Live: new messages appear on top");
  const kafka = new Kafka({ clientId: "e2e", brokers: [stackBrokers()], logLevel: logLevel.NOTHING });
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({
    topic,
    messages: [
      { partition: 0, key: "live-a", value: JSON.stringify({ kind: "live" }) },
      { partition: 1, key: "other", value: JSON.stringify({ kind: "batch" }) },
      { partition: 2, key: "live-b", value: JSON.stringify({ kind: "live" }) },
    ],
  });
  await producer.disconnect();
  await expect(page.getByTestId("message-row")).toHaveCount(2);
  await expect(page.getByTestId("message-row").filter({ hasText: "other" })).toHaveCount(0);
  await form.getByRole("button", { name: "Stop" }).click();
  await expect(page.getByTestId("search-status")).toContainText("Live tail stopped");
});

test("a message is re-produced after editing it, and a JSONL file is sent after its dry run", async ({ page }) => {
  await page.goto(`/topics?q=${topic}`);
  await page.getByRole("link", { name: topic }).click();
  await page.getByRole("link", { name: "Browse messages" }).click();
  const search = page.getByRole("form", { name: "Search messages" });
  await search.getByLabel(/^Filter/).fill("value.step == 3");
  await search.getByRole("button", { name: "Search" }).click();
  await page.getByTestId("message-row").first().click();
  await page.getByRole("button", { name: "Re-produce…" }).click();
  const form = page.getByRole("form", { name: "Produce a message" });
  await expect(form.getByRole("textbox", { name: /^Key/ })).toHaveValue("order-3");
  const value = form.getByRole("textbox", { name: "Value", exact: true });
  await expect(value).toHaveValue(/"step": 3/);
  await value.fill(JSON.stringify({ order_id: "order-3", step: 3, total: 999, corrected: true }));
  await form.getByRole("button", { name: "Produce" }).click();
  await expect(page.getByTestId("produced")).toContainText("Sent to partition");

  await search.getByLabel(/^Filter/).fill("has(value.corrected) && value.total == 999");
  await search.getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("message-row")).toHaveCount(1);

  const lines = [
    JSON.stringify({ key: "bulk-1", value: { order_id: "bulk-1", step: -1 } }),
    JSON.stringify({ key: "bulk-2", value: { order_id: "bulk-2", step: -2 }, partition: 1 }),
  ].join("\n");
  await page.getByLabel("JSONL file").setInputFiles({ name: "orders.jsonl", mimeType: "text/plain", buffer: Buffer.from(lines) });
  await page.getByRole("button", { name: "Dry run" }).click();
  await expect(page.getByTestId("batch-result")).toContainText("Dry run: 2 of 2 line(s) valid.");
  await page.getByRole("button", { name: "Send 2 message(s)" }).click();
  await expect(page.getByTestId("batch-result")).toContainText("Sent 2 message(s).");
});

test("a search is exported as a file, and a masking rule set in Settings masks what the browser receives", async ({ page }) => {
  await page.goto(`/topics?q=${topic}`);
  await page.getByRole("link", { name: topic }).click();
  await page.getByRole("link", { name: "Browse messages" }).click();
  const search = page.getByRole("form", { name: "Search messages" });
  await search.getByLabel(/^Filter/).fill('value.order_id == "order-9"');
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "JSONL" }).click()]);
  const lines = (await (await download.createReadStream()).toArray()).join("").trim().split("\n");
  expect(lines.length).toBe(6);
  expect(lines.every((l) => JSON.parse(l).key === "order-9")).toBe(true);

  await page.goto("/settings");
  await page.getByRole("button", { name: "Add masking rule" }).click();
  const form = page.getByRole("form", { name: "Add masking rule" });
  const rule = unique("orders");
  await form.getByLabel("Name").fill(rule);
  await form.getByLabel(/^Topics/).fill(topic);
  await form.getByLabel(/^Field paths/).fill("$.order_id");
  await form.getByLabel("admins").check();
  await form.getByRole("button", { name: "Add rule" }).click();
  await expect(page.getByTestId("masking-row").filter({ hasText: rule })).toBeVisible();

  await page.goto(`/topics?q=${topic}`);
  await page.getByRole("link", { name: topic }).click();
  await page.getByRole("link", { name: "Browse messages" }).click();
  await search.getByLabel("Page size").fill("5");
  await search.getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("message-row")).toHaveCount(5);
  await expect(page.getByTestId("message-row").first()).toContainText('"order_id":"****"');

  await page.goto("/settings");
  await page.getByRole("button", { name: `Delete ${rule}` }).click();
  await expect(page.getByTestId("masking-row").filter({ hasText: rule })).toHaveCount(0);
});

test("a filter that is not CEL says why", async ({ page }) => {
  await page.goto(`/topics?q=${topic}`);
  await page.getByRole("link", { name: topic }).click();
  await page.getByRole("link", { name: "Browse messages" }).click();
  const form = page.getByRole("form", { name: "Search messages" });
  await form.getByLabel(/^Filter/).fill("value.order_id ==");
  await form.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The filter is not valid CEL" })).toBeVisible();
});

test("a stopped group's offsets are reset after a dry run that shows lag before and after", async ({ page }) => {
  await page.goto(`/consumers?q=${group}`);
  await page.getByTestId("group-row").filter({ hasText: group }).getByRole("link", { name: group }).click();
  const form = page.getByRole("form", { name: "Reset offsets" });
  await form.getByRole("combobox", { name: "To", exact: true }).selectOption("shift");
  await form.getByRole("textbox", { name: /Shift by/ }).fill("-40");
  await form.getByRole("button", { name: "Dry run" }).click();
  const rows = page.getByTestId("reset-row");
  await expect(rows).toHaveCount(3);
  // partition, current, new, lag before, lag after (each partition holds 100 records, or more after the tail test)
  await expect(rows.first().locator("td").nth(1)).toHaveText("90");
  await expect(rows.first().locator("td").nth(2)).toHaveText("50");
  await form.getByRole("button", { name: "Apply to 3 partition(s)" }).click();
  await expect(page.getByTestId("reset-applied")).toBeVisible();
  await expect(page.getByTestId("lag-row").first().locator("td").nth(2)).toHaveText("50");
});
