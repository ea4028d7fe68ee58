// The scorecard in the console: a schema named as a command, registered in the UI, shows up after a
// pass with its evidence; acknowledging it takes a reason and keeps it listed, marked, until withdrawn.
// A topic whose records pile onto one partition shows its skew as a bar per partition.
import { expect, test } from "@playwright/test";
import { Kafka, logLevel } from "kafkajs";
import { ensureCluster } from "../fixtures/cluster";
import { stackBrokers, unique } from "../fixtures/kafka";

test("a planted pitfall is found with its evidence, acknowledged with a reason, and the acknowledgement withdrawn", async ({ page }) => {
  const subject = `${unique("parcels")}-value`;
  const schema = JSON.stringify(
    { type: "record", name: "ShipParcel", namespace: "shop", fields: [{ name: "parcel_id", type: "string" }] },
    null,
    2,
  );
  await page.goto("/schemas/new");
  await page.getByRole("textbox", { name: /^Subject/ }).fill(subject);
  await page.getByTestId("schema-editor").locator(".cm-content").fill(schema);
  await expect(page.getByTestId("policy-findings")).toContainText("schemas.eventNames");
  await page.getByRole("button", { name: "Register subject" }).click();
  await expect(page).toHaveURL(new RegExp(`/schemas/${subject}`));

  await page.goto("/scorecard");
  await page.getByRole("button", { name: "Run a pass now" }).click();
  await expect(page.getByRole("button", { name: "Run a pass now" })).toBeEnabled();
  await expect(page.getByTestId("coverage")).toContainText(/Last pass .* over \d+ subjects?/);
  await page.getByLabel("Check").selectOption("schemas.eventNames");
  // While the filtered list loads, the previous one stays on screen (dimmed): pick the row by its check.
  const row = page.locator('[data-testid="finding"][data-check="schemas.eventNames"]').filter({ hasText: subject });
  await expect(row).toContainText('"ShipParcel" starts with the verb "ship"');
  await row.getByRole("button", { name: "Evidence" }).click();
  await expect(page.getByTestId("evidence")).toContainText(`"subject": "${subject}"`);

  await row.getByRole("button", { name: "Acknowledge" }).click();
  const form = page.getByRole("form", { name: `Acknowledge schemas.eventNames on ${subject}` });
  await form.getByLabel("Reason").fill("renamed in the v2 contract next quarter");
  await form.getByLabel("For (days)").fill("30");
  await form.getByRole("button", { name: "Acknowledge" }).click();
  await expect(row.getByTestId("acknowledgement")).toContainText("Acknowledged by admin until");
  await expect(row.getByTestId("acknowledgement")).toContainText("renamed in the v2 contract next quarter");

  await page.getByLabel("State").selectOption("acknowledged");
  await expect(row).toBeVisible();
  await row.getByRole("button", { name: "Withdraw" }).click();
  await expect(row).toHaveCount(0);
  await page.getByLabel("State").selectOption("");
  await expect(row.getByRole("button", { name: "Acknowledge" })).toBeVisible();
});

test("a hot partition is found, its evidence a bar per partition against the fair share", async ({ page, browser }) => {
  await ensureCluster(browser, "e2e");
  const topic = unique("hot-clicks");
  const group = unique("clicks-reader");
  const kafka = new Kafka({ clientId: "e2e-hot", brokers: [stackBrokers()], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
  // A reader at the start of every partition: the worker samples the end offsets of consumed topics.
  await admin.setOffsets({ groupId: group, topic, partitions: [0, 1, 2].map((partition) => ({ partition, offset: "0" })) });
  await admin.disconnect();
  await page.goto(`/consumers?q=${group}`);
  const lag = page.getByTestId("group-row").filter({ hasText: group }).getByTestId("group-lag");
  await expect(lag).toHaveText("0");

  const producer = kafka.producer();
  await producer.connect();
  const batch = (partition: number, n: number) =>
    Array.from({ length: n }, (_, i) => ({ partition, key: "same-customer", value: `click ${i}` }));
  await producer.send({ topic, messages: [...batch(0, 1000), ...batch(1, 50), ...batch(2, 50)] });
  await producer.disconnect();
  // The worker has sampled the end offsets again once the group's lag shows the new records.
  await expect(lag).not.toHaveText("0");

  await page.goto("/scorecard");
  await page.getByRole("button", { name: "Run a pass now" }).click();
  await expect(page.getByRole("button", { name: "Run a pass now" })).toBeEnabled();
  await page.getByLabel("Check").selectOption("ordering.hotPartition");
  const row = page.locator('[data-testid="finding"][data-check="ordering.hotPartition"]').filter({ hasText: topic });
  await expect(row).toContainText("partition 0");
  await row.getByRole("button", { name: "Evidence" }).click();
  const chart = page.getByRole("figure", { name: "Records per partition" });
  await expect(chart.getByRole("listitem")).toHaveCount(3);
  await expect(chart.getByRole("listitem").first()).toContainText("91 % · 1,000");
});
