import { expect, test } from "@playwright/test";
import { createHmac } from "node:crypto";
import { eventually, startReceiver } from "../../test/webhook-receiver";
import { ensureCluster } from "../fixtures/cluster";
import { seedTopic, unique } from "../fixtures/kafka";

test.describe.configure({ mode: "serial" });

// A team's webhook receiver (a real HTTP server in this process) and a dead-letter topic with records.
const dlq = `${unique("payments")}.DLQ`;
const hook = unique("oncall");
const ruleName = unique("PaymentsDeadLetters");
const secret = "e2e-signing-secret";
let receiver: Awaited<ReturnType<typeof startReceiver>>;

// Runs after catalog.spec.ts (file order), which connects the stack's cluster; alone, it connects one itself.
test.beforeAll(async ({ browser }) => {
  receiver = await startReceiver();
  await seedTopic(dlq, 1, 3);
  await ensureCluster(browser, "alerts");
});
test.afterAll(() => receiver.close());

test("a platform engineer adds a signed webhook and sends a test", async ({ page }) => {
  await page.goto("/alerts?tab=webhooks");
  await page.getByRole("button", { name: "New webhook" }).click();
  const form = page.getByRole("form", { name: "New webhook" });
  await form.getByLabel("Name", { exact: true }).fill(hook);
  await form.getByLabel("URL", { exact: true }).fill("http://169.254.169.254/latest");
  await form.getByLabel(/Signing secret/).fill(secret);
  await form.getByRole("button", { name: "Create webhook" }).click();
  // Cloud metadata addresses are refused (SSRF), with the reason.
  await expect(form.getByRole("alert")).toContainText("link-local address");
  await form.getByLabel("URL", { exact: true }).fill(receiver.url);
  await form.getByRole("button", { name: "Create webhook" }).click();
  const row = page.getByTestId("webhook-row").filter({ hasText: hook });
  await expect(row).toContainText("HMAC-SHA256");
  await row.getByRole("button", { name: "Send test" }).click();
  await expect(page.getByTestId("delivery-row").filter({ hasText: hook }).first()).toHaveAttribute("data-status", "delivered", {
    timeout: 15_000,
  });
  const sent = await eventually(() => receiver.received.find((r) => r.body.includes("EventplaneTest")), 5_000, "the test notification");
  expect(JSON.parse(sent.body)).toMatchObject({ version: "4", status: "firing", receiver: hook });
});

test("a rule created in the UI fires, shows on the Alerts page and reaches the webhook, signed", async ({ page }) => {
  await page.goto("/alerts?tab=rules");
  await page.getByRole("button", { name: "New rule" }).click();
  const form = page.getByRole("form", { name: "New rule" });
  await form.getByLabel("Name", { exact: true }).fill(ruleName);
  await form.getByLabel("Condition").selectOption("dlq_depth");
  await form.getByLabel(/Threshold/).fill("2");
  await form.getByLabel(/DLQ topic pattern/).fill(dlq);
  await form.getByLabel(/For \(seconds\)/).fill("0");
  await form.getByLabel("Severity").selectOption("critical");
  await form.getByLabel(/Labels/).fill("team=payments");
  await form.getByLabel(hook).check();
  await form.getByRole("button", { name: "Create rule" }).click();
  await expect(page.getByTestId("rule-row").filter({ hasText: ruleName })).toContainText("DLQ holds more than 2 records");

  await page.goto("/alerts");
  const alert = page.getByTestId("active-alert").filter({ hasText: ruleName });
  await expect(alert).toHaveAttribute("data-state", "firing", { timeout: 30_000 });
  await expect(alert).toContainText(dlq);
  await expect(alert).toContainText("team=payments");
  // The subject opens the alert's data: here, the dead-letter queue's records.
  await expect(alert.getByRole("link", { name: new RegExp(dlq.replace(/\./g, "\\.")) })).toHaveAttribute("href", /^\/dead-letters\//);

  const firing = await eventually(() => receiver.received.find((r) => r.body.includes(ruleName)), 15_000, "the alert notification");
  const body = JSON.parse(firing.body);
  expect(body).toMatchObject({
    status: "firing",
    commonLabels: { alertname: ruleName, severity: "critical", topic: dlq, team: "payments" },
  });
  expect(body.alerts[0].annotations.summary).toContain("3 dead letters");
  const ts = firing.headers["x-eventplane-timestamp"];
  expect(firing.headers["x-eventplane-signature"]).toBe(
    `t=${ts},v1=${createHmac("sha256", secret).update(`${ts}.${firing.body}`).digest("hex")}`,
  );

  // The overview names the firing alert and the dead-letter queue that holds records.
  await page.goto("/");
  await expect(page.getByTestId("overview-alerts")).toContainText(ruleName);
  await expect(page.getByTestId("overview-dlqs").getByRole("link", { name: dlq })).toBeVisible();
  await expect(page.getByTestId("overview-dlqs")).toContainText("3 held");

  // Silencing from the page: the alert stays visible, the silence is listed.
  await page.goto("/alerts");
  await alert.getByRole("button", { name: "Silence 4 h" }).click();
  await expect(page.getByText("silenced from the Alerts page")).toBeVisible();
});
