import { describe, expect, it } from "vitest";
import { applyOverrides, severityIn } from "./overrides";
import { liftedForOverrides } from "./lift-overrides";
import { PolicyDocument } from "./policy-document";

const doc = (raw: unknown) => PolicyDocument.parse(raw);

describe("policy overrides", () => {
  const overrides = doc({
    overrides: [
      { teams: ["analytics"], severities: { "records.duplicates": "off" }, reason: "replays on purpose" },
      { names: "payments\\..*", severities: { "records.duplicates": "error", "schemas.envelope": "error" } },
      { teams: ["analytics"], names: "payments\\.replay", severities: { "records.duplicates": "warning" } },
    ],
  }).overrides;

  it("gives a rule the severity of the last override that covers its team and name", () => {
    expect(severityIn(overrides, "records.duplicates", "warning", { team: "analytics", names: ["clicks"] })).toBe("off");
    expect(severityIn(overrides, "records.duplicates", "warning", { team: "billing", names: ["payments.v1"] })).toBe("error");
    expect(severityIn(overrides, "records.duplicates", "warning", { team: "analytics", names: ["payments.replay"] })).toBe("warning");
    expect(severityIn(overrides, "records.duplicates", "warning", { team: null, names: ["orders"] })).toBe("warning");
    // a group is covered by the topics it reads as well as by its own id
    expect(severityIn(overrides, "schemas.envelope", "warning", { team: null, names: ["billing", "payments.v1"] })).toBe("error");
  });

  it("drops what an override turns off and keeps the rest", () => {
    const violations = [
      { rule: "records.duplicates", severity: "warning" as const },
      { rule: "schemas.eventNames", severity: "warning" as const },
    ];
    expect(applyOverrides(overrides, violations, { team: "analytics", names: ["clicks"] })).toEqual([violations[1]]);
  });

  it("runs a rule that is off in the document where an override turns it on, and only there", () => {
    const d = doc({
      checks: { deadLetterRequired: { severity: "off" } },
      overrides: [{ teams: ["payments"], severities: { "deadLetters.required": "error" } }],
    });
    const { document, offRules } = liftedForOverrides(d);
    expect(document.checks.deadLetterRequired.severity).toBe("warning");
    expect(offRules.has("deadLetters.required")).toBe(true);
    expect(severityIn(document.overrides, "deadLetters.required", "off", { team: "payments", names: ["x"] })).toBe("error");
    expect(severityIn(document.overrides, "deadLetters.required", "off", { team: "shop", names: ["x"] })).toBe("off");
    // a document without such overrides is left as it is
    expect(liftedForOverrides(doc({})).offRules.size).toBe(0);
  });

  it("refuses an override that covers nothing or names no rule", () => {
    expect(PolicyDocument.safeParse({ overrides: [{ severities: { "records.duplicates": "off" } }] }).success).toBe(false);
    expect(PolicyDocument.safeParse({ overrides: [{ teams: ["a"], severities: { duplicates: "off" } }] }).success).toBe(false);
  });
});
