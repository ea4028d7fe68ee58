// The policy as code in the console: an admin sets the envelope rule to "error" in the YAML editor; a
// schema without the envelope is then refused before it can be registered, naming the rule, and one
// that carries it registers with the command-style name reported as a warning.
import { expect, test, type Page } from "@playwright/test";
import { unique } from "../fixtures/kafka";

test.describe.configure({ mode: "serial" });

const strict = `schemas:
  envelope:
    severity: error
    fields: [event_id, correlation_id]
  eventNames:
    severity: warning
`;
const record = (name: string, fields: string[]) =>
  JSON.stringify({ type: "record", name, namespace: "shop", fields: fields.map((f) => ({ name: f, type: "string" })) }, null, 2);

async function savePolicyYaml(page: Page, yaml: string) {
  await page.goto("/settings");
  const form = page.getByRole("form", { name: "Policy as code" });
  await expect(form.getByTestId("policy-editor")).toContainText("schemas:");
  await form.locator(".cm-content").fill(yaml);
  await form.getByRole("button", { name: "Save as a new version" }).click();
  return form;
}

async function setPolicyYaml(page: Page, yaml: string) {
  const form = await savePolicyYaml(page, yaml);
  await expect(form.getByText(/Saved as version \d+/)).toBeVisible();
}

test("a schema without the envelope is refused by the policy, naming the rule; one with it registers", async ({ page }) => {
  const refused = await savePolicyYaml(page, "schemas:\n  envelope: {severity: fatal}\n");
  await expect(refused.getByRole("alert")).toContainText("schemas.envelope.severity");
  await setPolicyYaml(page, strict);

  const subject = `${unique("refunds")}-value`;
  await page.goto("/schemas/new");
  await page.getByRole("textbox", { name: /^Subject/ }).fill(subject);
  await page
    .getByTestId("schema-editor")
    .locator(".cm-content")
    .fill(record("IssueRefund", ["refund_id", "event_id"]));
  const findings = page.getByTestId("policy-findings");
  const envelope = findings.getByRole("listitem").filter({ hasText: "schemas.envelope" });
  await expect(envelope).toContainText('IssueRefund has no envelope field "correlation_id"');
  await expect(envelope).toContainText("error");
  await expect(findings.getByRole("listitem").filter({ hasText: "schemas.eventNames" })).toContainText(
    'name the fact instead (e.g. "RefundIssued")',
  );
  await expect(page.getByRole("button", { name: "Register subject" })).toBeDisabled();
  await expect(page.getByText("The policy refuses this schema")).toBeVisible();

  await page
    .getByTestId("schema-editor")
    .locator(".cm-content")
    .fill(record("RefundIssued", ["refund_id", "eventId", "correlationId"]));
  await expect(findings).toContainText("Meets the policy.");
  await page.getByRole("button", { name: "Register subject" }).click();
  await expect(page).toHaveURL(new RegExp(`/schemas/${subject}`));
  await expect(page.getByRole("button", { name: /Version 1/ })).toBeVisible();

  // Back to the default policy (warnings only) for the specs after this one.
  await setPolicyYaml(page, "{}\n");
});
