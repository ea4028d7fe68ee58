// Every peer case of ../shared/corpus through our engine; the REST API runs the same cases in
// server/http/confluent/corpus.int.test.ts.
import { describe, expect, it } from "vitest";
import { formatReport, runCorpus, unexplained } from "../../../test/corpus/run-corpus";
import { loadCorpus } from "../../../test/corpus/load-corpus";
import { checkCompatibility } from "./check-compatibility";

describe("peer compatibility corpus through the engine", () => {
  it("agrees with every verdict except the listed exceptions", async () => {
    const cases = loadCorpus();
    expect(cases.length).toBe(648);
    const report = await runCorpus(
      cases,
      (c) =>
        checkCompatibility(
          c.schemaType,
          c.level,
          c.previous.map((schema, i) => ({ schema, references: c.previousReferences?.[i] ?? [] })),
          { schema: c.candidate, references: c.candidateReferences ?? [] },
        ).compatible,
    );
    console.log(formatReport("engine agreement", report));
    expect(unexplained(report)).toEqual({ unlisted: [], stale: [] });
    // 648 parses and checks (protobufjs, ajv) take seconds on 2 busy cores, over vitest's 5 s default.
  }, 60_000);
});
