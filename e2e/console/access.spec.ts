// Trust in the browser: nobody gets in without signing in; an admin creates an editor; the editor
// chooses a password at first sign-in, sees only what an editor may do, and makes a registry token
// that a serializer can read with but not write with; the admin sees all of it in the audit log.
import { expect, test, type Page } from "@playwright/test";
import { stack, unique } from "../fixtures/kafka";

test.describe.configure({ mode: "serial" });

const editor = unique("e2e-editor");
const firstPassword = "first password 123";
const ownPassword = "my own password 456";
const tokenName = unique("ci-reader");
let tokenSecret = "";

async function signIn(page: Page, username: string, password: string) {
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("without a session every page leads to sign-in, and a wrong password is refused", async ({ browser }) => {
  // It also claims to come from elsewhere: the address the audit log keeps must be the real one.
  const anonymous = await browser.newContext({
    storageState: { cookies: [], origins: [] },
    extraHTTPHeaders: { "x-forwarded-for": "6.6.6.6" },
  });
  const page = await anonymous.newPage();
  await page.goto("/schemas");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fschemas$/);
  await signIn(page, "admin", "certainly not it");
  await expect(page.getByRole("alert").filter({ hasText: "Wrong username or password" })).toBeVisible();
  expect((await page.request.get("/api/trpc/topics.facets")).status()).toBe(401);
  await anonymous.close();
});

test("an admin creates an editor of team payments", async ({ page }) => {
  await page.goto("/access");
  await page.getByRole("button", { name: "New user" }).click();
  const form = page.getByRole("form", { name: "New user" });
  await form.getByLabel("Username").fill(editor);
  await form.getByLabel("Role").selectOption("editor");
  await form.getByLabel("Teams (comma separated)").fill("payments");
  await form.getByLabel("First password").fill(firstPassword);
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByRole("row").filter({ hasText: editor })).toContainText("payments");
});

test("the editor chooses a password, sees an editor's console, and makes a read-only registry token", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/settings");
  await signIn(page, editor, firstPassword);
  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await page.getByLabel("New password", { exact: true }).fill(ownPassword);
  await page.getByLabel("New password, again").fill(ownPassword);
  await page.getByRole("button", { name: "Save password" }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByTestId("user-menu")).toContainText("editor");
  await expect(page.getByTestId("user-menu")).toContainText("payments");
  // Clusters are the admins': no way to add one is offered.
  await expect(page.getByRole("heading", { name: "Connections" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Add connection" })).toHaveCount(0);

  await page.goto("/access");
  await expect(page.getByRole("heading", { name: "API tokens" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Users", exact: true })).toHaveCount(0);
  await page.getByRole("button", { name: "New token" }).click();
  await page.getByLabel("Name (the user name of HTTP Basic)").fill(tokenName);
  await page.getByRole("button", { name: "Create token" }).click();
  const shown = page.getByTestId("token-secret");
  await expect(shown).toContainText(`Token ${tokenName} created`);
  tokenSecret = (await shown.locator("code").first().textContent())!.trim();
  expect(tokenSecret).toMatch(/^ept_/);
  await context.close();

  // What a serializer does with it: HTTP Basic with the token's name and secret.
  const basic = { authorization: `Basic ${Buffer.from(`${tokenName}:${tokenSecret}`).toString("base64")}` };
  const api = await (await import("@playwright/test")).request.newContext({ baseURL });
  expect((await api.get("/api/schema-registry/subjects", { headers: basic })).status()).toBe(200);
  const write = await api.post(`/api/schema-registry/subjects/${unique("nope")}-value/versions`, {
    headers: { ...basic, "content-type": "application/vnd.schemaregistry.v1+json" },
    data: { schema: '"string"' },
  });
  expect(write.status()).toBe(403);
  await api.dispose();
});

test("the admin's audit log holds the user, the sign-ins and the token", async ({ page }) => {
  await page.goto(`/audit?actor=${editor}`);
  const rows = page.getByRole("row");
  await expect(rows.filter({ hasText: "token.create" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "user.password.change" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "auth.signin" }).first()).toBeVisible();
  await rows.filter({ hasText: "token.create" }).click();
  await expect(page.getByText(`"name": "${tokenName}"`)).toBeVisible();
});

test("a client's own X-Forwarded-For is not believed: the audit log keeps the real address", async ({ page }) => {
  await page.goto("/audit?actor=admin&action=auth.signin.failed");
  const failed = page.getByRole("row").filter({ hasText: "auth.signin.failed" }).first();
  await expect(failed).toContainText("127.0.0.1");
  await expect(page.getByRole("row").filter({ hasText: "6.6.6.6" })).toHaveCount(0);
});

test("the registry, answered ahead of Next, believes no client's X-Forwarded-For either", async ({ page, request }) => {
  const subject = `${unique("forwarded")}-value`;
  const res = await request.post(`/api/schema-registry/subjects/${subject}/versions`, {
    headers: {
      authorization: `Bearer ${stack().token}`,
      "content-type": "application/vnd.schemaregistry.v1+json",
      "x-forwarded-for": "6.6.6.7",
    },
    data: { schema: '"string"' },
  });
  expect(res.status()).toBe(200);
  await page.goto(`/audit?action=schema.register`);
  const row = page.getByRole("row").filter({ hasText: subject });
  await expect(row).toContainText("127.0.0.1");
  await expect(page.getByRole("row").filter({ hasText: "6.6.6.7" })).toHaveCount(0);
});
