// Signs in through the sign-in page as the admin of the test stack and keeps the session for the
// other browser tests (playwright.config.ts: the "console" project depends on this one).
import { expect, test as setup } from "@playwright/test";
import { ADMIN_STATE } from "../fixtures/auth";
import { stack } from "../fixtures/kafka";

setup("sign in as admin", async ({ page }) => {
  await page.goto("/topics");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Ftopics$/);
  await page.getByLabel("Username").fill("admin");
  await page.getByLabel("Password").fill(stack().adminPassword);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/topics$/);
  await expect(page.getByTestId("user-menu")).toContainText("admin");
  await page.context().storageState({ path: ADMIN_STATE });
});
