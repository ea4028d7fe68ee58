// Validation without codecs says exactly what avsc's full build says, and leaves avsc whole after it.
import avro from "avsc";
import { describe, expect, it } from "vitest";
import { validateAvroSchema } from "./avsc-validate";

const rec = (fields: unknown[], name = "R") => ({ type: "record", name, fields });
const CASES: [string, unknown][] = [
  ["plain record", rec([{ name: "a", type: "string" }])],
  ["union default of the first branch", rec([{ name: "a", type: ["null", "string"], default: null }])],
  ["union default of another branch", rec([{ name: "a", type: ["null", "string"], default: "x" }])],
  [
    "record-typed default",
    rec([{ name: "inner", type: rec([{ name: "b", type: ["int", "null"], default: 1 }], "In"), default: { b: 2 } }]),
  ],
  ["record-typed default missing a field", rec([{ name: "inner", type: rec([{ name: "b", type: "int" }], "In2"), default: {} }])],
  [
    "array of records default",
    rec([{ name: "xs", type: { type: "array", items: rec([{ name: "c", type: "long" }], "It") }, default: [{ c: 1 }] }]),
  ],
  ["map default of wrong type", rec([{ name: "m", type: { type: "map", values: "int" }, default: { k: "no" } }])],
  ["enum default not a symbol", rec([{ name: "e", type: { type: "enum", name: "E", symbols: ["A"] }, default: "B" }])],
  [
    "duplicate field",
    rec([
      { name: "a", type: "int" },
      { name: "a", type: "int" },
    ]),
  ],
  ["bad field name", rec([{ name: "1a", type: "int" }])],
  ["unknown type", rec([{ name: "a", type: "Nope" }])],
  ["fixed with bad size", { type: "fixed", name: "F", size: -1 }],
  ["union of two records", rec([{ name: "u", type: [rec([], "X"), rec([], "Y")] }])],
];

describe("validateAvroSchema", () => {
  it.each(CASES)("%s: the same verdict and message as avsc's full build", (_name, schema) => {
    const full = (() => {
      try {
        avro.Type.forSchema(structuredClone(schema) as avro.Schema, { wrapUnions: true });
        return "valid";
      } catch (error) {
        return (error as Error).message;
      }
    })();
    const light = (() => {
      try {
        validateAvroSchema(structuredClone(schema), { wrapUnions: true });
        return "valid";
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(light).toBe(full);
  });

  it("leaves avsc able to encode and decode afterwards, also after a refusal", () => {
    expect(() => validateAvroSchema(rec([{ name: "a", type: "int", default: "x" }]), {})).toThrow(/incompatible field default/);
    const type = avro.Type.forSchema(rec([{ name: "a", type: ["null", "string"], default: null }]) as avro.Schema, { wrapUnions: true });
    const value = { a: { string: "hi" } };
    expect(type.isValid(value)).toBe(true);
    expect(type.fromBuffer(type.toBuffer(value))).toMatchObject({ a: { string: "hi" } });
  });
});
