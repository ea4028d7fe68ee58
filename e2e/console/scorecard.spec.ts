// The scorecard in the console: a schema named as a command, registered in the UI, shows up after a
// pass with its evidence; acknowledging it takes a reason and keeps it listed, marked, until withdrawn.
import { expect, test } from "@playwright/test";
import { unique } from "../fixtures/kafka";

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
  await expect(page.getByTestId("coverage")).toContainText(/Last pass .* over \d+ subjects/);
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
