import { expect, test, type Page } from "@playwright/test";
import { unique } from "../fixtures/kafka";

test.describe.configure({ mode: "serial" });

const subject = unique("checkout") + "-value";
const record = (fields: object[]) => JSON.stringify({ type: "record", name: "CheckoutStarted", namespace: "shop", fields }, null, 2);
const v1 = record([{ name: "event_id", type: "string" }]);
const breaking = record([
  { name: "event_id", type: "string" },
  { name: "cart_size", type: "int" },
]);
const fixed = record([
  { name: "event_id", type: "string" },
  { name: "cart_size", type: "int", default: 0 },
]);

async function typeSchema(page: Page, text: string) {
  await page.getByTestId("schema-editor").locator(".cm-content").fill(text);
}

test("a platform engineer registers a subject in the UI", async ({ page }) => {
  await page.goto("/schemas");
  await page.getByRole("link", { name: "Register schema" }).click();
  await expect(page).toHaveURL(/\/schemas\/new$/);
  await page.getByRole("textbox", { name: /^Subject/ }).fill(subject);
  await page.getByLabel("Compatibility level").selectOption("BACKWARD");
  await typeSchema(page, "{ not a schema");
  await expect(page.getByTestId("verdict")).toHaveAttribute("data-verdict", "invalid");
  await expect(page.getByRole("button", { name: "Register subject" })).toBeDisabled();
  await typeSchema(page, v1);
  await expect(page.getByTestId("verdict")).toHaveAttribute("data-verdict", "compatible");
  await page.getByRole("button", { name: "Register subject" }).click();
  await expect(page).toHaveURL(new RegExp(`/schemas/${subject}`));
  await expect(page.getByRole("button", { name: /Version 1/ })).toBeVisible();
  await expect(page.getByTestId("schema-viewer")).toContainText("CheckoutStarted");
});

test("an incompatible change is explained before submitting, and a fixed one registers", async ({ page }) => {
  await page.goto(`/schemas/${subject}?tab=register`);
  // As a person would: wait until the editor shows the latest version it starts from, then replace it.
  await expect(page.getByTestId("schema-editor")).toContainText("CheckoutStarted");
  await expect(page.getByTestId("verdict")).toHaveAttribute("data-verdict", /compatible|incompatible/);
  await typeSchema(page, breaking);
  const verdict = page.getByTestId("verdict");
  await expect(verdict).toHaveAttribute("data-verdict", "incompatible");
  await expect(verdict).toContainText("Incompatible under BACKWARD");
  await expect(page.getByTestId("verdict-reason").first()).toContainText("READER FIELD MISSING DEFAULT VALUE");
  await expect(page.getByTestId("verdict-reason").first()).toContainText("/fields/1");
  await expect(page.getByRole("button", { name: "Register new version" })).toBeDisabled();

  await typeSchema(page, fixed);
  await expect(verdict).toHaveAttribute("data-verdict", "compatible");
  await page.getByRole("button", { name: "Register new version" }).click();
  await expect(page.getByRole("button", { name: /Version 2/ })).toBeVisible();
});

test("the comparison labels each change with its impact", async ({ page }) => {
  await page.goto(`/schemas/${subject}?tab=diff`);
  const change = page.getByTestId("diff-change");
  await expect(change).toHaveCount(1);
  await expect(change).toContainText('field "cart_size" (int) added with default 0');
  await expect(change).toContainText("backward ✓");
  await expect(change).toContainText("forward ✓");
  await expect(page.getByTestId("side-by-side")).toContainText("cart_size");
});

test("level changes and soft delete need no API call", async ({ page }) => {
  await page.goto(`/schemas/${subject}`);
  await page.getByLabel("Compatibility level").selectOption("FULL_TRANSITIVE");
  await expect(page.getByLabel("Compatibility level")).toHaveValue("FULL_TRANSITIVE");
  await page.getByRole("button", { name: /Version 2/ }).click();
  await page.getByRole("button", { name: "Delete version", exact: true }).click();
  await page.getByRole("alertdialog", { name: "Confirm delete" }).getByRole("button", { name: "Delete" }).click();
  await expect(
    page
      .getByRole("button", { name: /Version 2/ })
      .locator("span")
      .first(),
  ).toHaveClass(/line-through/);
  await page.getByRole("tab", { name: "History" }).click();
  await expect(page.getByRole("cell", { name: "version.delete" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "config.set" }).first()).toBeVisible();
});
