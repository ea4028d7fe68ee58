import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { descriptorFromProtos } from "./load-protos";

describe("vendored OTLP descriptor", () => {
  it("is what the vendored .proto files say (regenerate with generate.ts after editing them)", () => {
    const committed = JSON.parse(readFileSync(join(import.meta.dirname, "otlp-trace.json"), "utf8")) as unknown;
    expect(JSON.parse(JSON.stringify(descriptorFromProtos()))).toEqual(committed);
  });
});
