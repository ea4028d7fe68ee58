// Topics made and changed from the console under the admins' policy: a refusal names its rule; a
// created topic opens at once; its config changes after a preview; it grows and is deleted by name.
import { expect, test } from "@playwright/test";
import { ensureCluster } from "../fixtures/cluster";
import { configCommand } from "@/test/kafka-cli";
import { stackBrokers, unique } from "../fixtures/kafka";

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ browser }) => {
  await ensureCluster(browser, "e2e");
});

test("a topic refused by the policy says which rule; an allowed one is created, changed, grown and deleted", async ({ page }) => {
  await page.goto("/settings");
  const policy = page.getByRole("form", { name: "Topic policy" });
  await policy.getByLabel("Partitions max").fill("4");
  await policy.getByRole("button", { name: "Save the policy" }).click();
  await expect(page.getByText(/Saved as version \d+/)).toBeVisible();

  const name = unique("invoices");
  await page.goto("/topics");
  await page.getByRole("button", { name: "Create topic" }).click();
  const form = page.getByRole("form", { name: "Create topic" });
  await expect(page.getByTestId("policy-summary")).toContainText("partitions: at most 4");
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByLabel("Partitions").fill("8");
  await form.getByRole("button", { name: "Create" }).click();
  await expect(form.getByRole("alert")).toContainText("topics.partitions.max (partitions 8 is above the maximum 4)");
  await form.getByLabel("Partitions").fill("2");
  await form.getByLabel(/^Retention/).fill("24");
  await form.getByRole("button", { name: "Create" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();

  await page.getByRole("tab", { name: "Manage" }).click();
  await page.getByLabel("Config 1 name").fill("retention.ms");
  await page.getByLabel("Config 1 value").fill("172800000");
  await page.getByRole("button", { name: "Preview the change" }).click();
  const diff = page.getByTestId("config-diff");
  await expect(diff).toHaveCount(1);
  await expect(diff).toContainText("86400000");
  await expect(diff).toContainText("172800000");
  await page.getByRole("button", { name: "Apply 1 change(s)" }).click();
  await expect(page.getByRole("columnheader", { name: "Applied" })).toBeVisible();

  await page.getByLabel(/Partitions \(now 2\)/).fill("6");
  await page.getByRole("button", { name: "Add partitions" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "topics.partitions.max" })).toBeVisible();
  await page.getByLabel(/Partitions \(now 2\)/).fill("3");
  await page.getByRole("button", { name: "Add partitions" }).click();
  await expect(page.getByText("2 → 3 partitions.")).toBeVisible();

  // The e2e broker runs an authorizer with no ACL on this topic: the Access tab says so. A client
  // quota set with Kafka's own kafka-configs tool is listed beside the ACLs.
  const user = unique("reporting");
  configCommand(stackBrokers(), ["--alter", "--entity-type", "users", "--entity-name", user, "--add-config", "producer_byte_rate=1048576"]);
  await page.getByRole("tab", { name: "Access" }).click();
  await expect(page.getByText("No ACL names this topic")).toBeVisible();
  await expect(page.getByTestId("quota-row").filter({ hasText: `user ${user}` })).toContainText("produce 1.0 MiB/s");
  await page.getByRole("tab", { name: "Manage" }).click();

  await page.getByLabel("Topic name to confirm").fill(name);
  await page.getByRole("button", { name: `Delete ${name}` }).click();
  await expect(page).toHaveURL(/\/topics$/);

  // Put the policy back as it was (no rules) for the specs after this one.
  await page.goto("/settings");
  await policy.getByLabel("Partitions max").fill("");
  await policy.getByRole("button", { name: "Save the policy" }).click();
  await expect(page.getByText(/Saved as version \d+/)).toBeVisible();
});
