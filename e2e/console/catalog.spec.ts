import { expect, test } from "@playwright/test";
import { seedTopic, stackBrokers, unique } from "../fixtures/kafka";

test.describe.configure({ mode: "serial" });

const clusterName = unique("e2e");
const orders = unique("orders");
const payments = unique("payments");
const group = unique("billing");

test.beforeAll(async () => {
  await seedTopic(orders, 3, 30, group);
  await seedTopic(payments, 1, 5);
});

test("bad cluster input gets a clear error and saves nothing", async ({ page }) => {
  await page.goto("/settings");
  await page.getByRole("button", { name: "Add connection" }).click();
  const form = page.getByRole("form", { name: "Add connection" });
  await form.getByLabel("Name").fill(unique("bad"));
  await form.getByLabel("Bootstrap servers").fill("broker without port");
  await form.getByRole("button", { name: "Add connection" }).click();
  await expect(form.getByRole("alert")).toContainText("is not host:port");

  await form.getByLabel("Bootstrap servers").fill("127.0.0.1:1");
  await form.getByRole("button", { name: "Test connection" }).click();
  await expect(form.getByRole("alert")).toContainText("cannot reach 127.0.0.1:1");
  await form.getByRole("button", { name: "Add connection" }).click();
  await expect(form.getByRole("alert")).toContainText("cannot reach 127.0.0.1:1");
  await form.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId("cluster-row")).toHaveCount(0);
});

test("adding a cluster in the UI brings its topics into the catalog", async ({ page }) => {
  await page.goto("/settings");
  await page.getByRole("button", { name: "Add connection" }).click();
  const form = page.getByRole("form", { name: "Add connection" });
  await form.getByLabel("Name").fill(clusterName);
  await form.getByLabel("Bootstrap servers").fill(stackBrokers());
  await form.getByRole("button", { name: "Test connection" }).click();
  await expect(form.getByRole("status")).toContainText("Connected");
  await form.getByRole("button", { name: "Add connection" }).click();
  const row = page.getByTestId("cluster-row").filter({ hasText: clusterName });
  await expect(row).toBeVisible();
  await expect(row).toContainText("Healthy");

  await page.goto("/topics");
  await expect(page.getByRole("link", { name: orders })).toBeVisible();
  await expect(page.getByRole("link", { name: payments })).toBeVisible();

  await page.getByRole("searchbox", { name: "Search the catalog" }).fill(orders);
  await expect(page.getByTestId("topic-row")).toHaveCount(1);
  await expect(page.getByTestId("topic-row")).toContainText("30");
});

test("a topic's owner, tags and description are edited, persist across reloads, and filter the list", async ({ page }) => {
  await page.goto(`/topics?q=${orders}`);
  await page.getByRole("link", { name: orders }).click();
  await expect(page.getByRole("heading", { name: orders })).toBeVisible();
  await expect(page.getByTestId("partition-row")).toHaveCount(3);

  await page.getByRole("tab", { name: "Consumers" }).click();
  await expect(page.getByTestId("topic-consumer-group")).toContainText(group);

  await page.getByRole("button", { name: "Edit" }).click();
  const form = page.getByRole("form", { name: "Edit topic metadata" });
  await form.getByLabel("Owner team").fill("payments-team");
  await form.getByLabel("Tags (Enter to add)").fill("pii");
  await form.getByLabel("Tags (Enter to add)").press("Enter");
  await form.getByLabel("Description (markdown)").fill("Orders **placed** by customers.");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("topic-owner")).toHaveText("payments-team");
  await expect(page.getByTestId("topic-tags")).toHaveText("pii");

  await page.reload();
  await expect(page.getByTestId("topic-owner")).toHaveText("payments-team");
  await expect(page.getByTestId("topic-tags")).toHaveText("pii");
  await expect(page.locator(".markdown strong")).toHaveText("placed");

  await page.goto("/topics?tag=pii");
  await expect(page.getByTestId("topic-row")).toHaveCount(1);
  await expect(page.getByTestId("topic-row")).toContainText(orders);
  await page.goto(`/topics?q=payments-team`);
  await expect(page.getByTestId("topic-row")).toContainText(orders);
});

test("a 1 MB description is refused with a clear message and nothing is half-saved", async ({ page }) => {
  await page.goto(`/topics?q=${orders}`);
  await page.getByRole("link", { name: orders }).click();
  await page.getByRole("button", { name: "Edit" }).click();
  const form = page.getByRole("form", { name: "Edit topic metadata" });
  await form.getByLabel("Owner team").fill("someone-else");
  await form.getByLabel("Description (markdown)").fill("x".repeat(1024 * 1024));
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByRole("alert")).toContainText("description: at most 20,000 characters");
  await page.reload();
  await expect(page.getByTestId("topic-owner")).toHaveText("payments-team");
});

test("the overview shows the cluster's health and counts", async ({ page }) => {
  await page.goto("/");
  const card = page.getByTestId("cluster-card").filter({ hasText: clusterName });
  await expect(card).toContainText("Healthy");
  await expect(card).toContainText("Brokers");
  const health = await page.request.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toMatchObject({ status: "ok", database: { status: "ok" }, clusters: [{ name: clusterName, status: "OK" }] });
});

test("a consumer group's lag shows in the list and per partition on its page", async ({ page }) => {
  // The seeded group committed offset 1 on partition 0 of a topic with 10 records there.
  await page.goto(`/consumers?q=${group}`);
  const row = page.getByTestId("group-row").filter({ hasText: group });
  await expect(row.getByTestId("group-lag")).toHaveText("9");
  await row.getByRole("link", { name: group }).click();
  await expect(page.getByRole("heading", { name: group })).toBeVisible();
  const lagRow = page.getByTestId("lag-row");
  await expect(lagRow).toHaveCount(1);
  await expect(lagRow).toContainText(orders);
  await expect(lagRow.locator("td").nth(2)).toHaveText("1");
  await expect(lagRow.locator("td").nth(3)).toHaveText("10");
  await expect(lagRow.locator("td").nth(4)).toHaveText("9");
});
