// The schema rules on event shapes: envelope fields in any case convention, rules turned off, levels.
import { describe, expect, it } from "vitest";
import { checkSchema, SchemaRules } from "./schema-rules";

describe("schema rules", () => {
  const shape = (name: string, fields: string[]) => [{ name, namePath: "name", fields }];

  it("meets an envelope field written in the schema language's own case", () => {
    const rules = SchemaRules.parse({ envelope: { fields: ["event_id", "meta.correlation_id"] } });
    expect(
      checkSchema(rules, {
        subject: "s",
        compatibility: "BACKWARD",
        events: shape("OrderPaid", ["eventId", "meta", "meta.CorrelationId"]),
      }),
    ).toEqual([]);
    expect(checkSchema(rules, { subject: "s", compatibility: "BACKWARD", events: shape("OrderPaid", ["eventId"]) })).toEqual([
      {
        rule: "schemas.envelope",
        severity: "warning",
        message: 'OrderPaid has no envelope field "meta.correlation_id"',
        path: "OrderPaid.meta.correlation_id",
      },
    ]);
  });

  it("checks nothing a rule turned off; holds the subject's level to the minimum", () => {
    const rules = SchemaRules.parse({
      envelope: { severity: "off" },
      eventNames: { severity: "off" },
      minCompatibility: { level: "BACKWARD" },
    });
    const p = (compatibility: string) => ({ subject: "s", compatibility, events: shape("DoThing", []) });
    expect(checkSchema(rules, p("FULL_TRANSITIVE"))).toEqual([]);
    expect(checkSchema(rules, p("BACKWARD_TRANSITIVE"))).toEqual([]);
    expect(checkSchema(rules, p("FORWARD")).map((v) => [v.rule, v.severity])).toEqual([["schemas.minCompatibility", "error"]]);
    expect(checkSchema(rules, p("NONE")).map((v) => v.rule)).toEqual(["schemas.compatibilityNone", "schemas.minCompatibility"]);
  });
});
