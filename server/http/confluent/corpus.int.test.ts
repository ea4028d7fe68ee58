// Every peer case of ../shared/corpus through the REST API over HTTP: the previous schemas are
// registered under a fresh subject (level NONE while registering), the case's level is set, and
// POST /compatibility/subjects/{s}/versions gives the verdict.
import { describe, expect, it } from "vitest";
import { loadCorpus, type CorpusCase, type CorpusReference } from "@/test/corpus/load-corpus";
import { formatReport, runCorpus, unexplained } from "@/test/corpus/run-corpus";
import { useRegistryServer } from "@/test/registry-server";

const server = useRegistryServer();

async function call(method: string, path: string, body: unknown) {
  const res = await fetch(server.base + path, {
    method,
    headers: { "content-type": "application/vnd.schemaregistry.v1+json", ...server.auth },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (res.status !== 200) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json).slice(0, 300)}`);
  return json;
}

let run = 0;
async function registerReferences(refs: CorpusReference[] | undefined, prefix: string) {
  const out = [];
  for (const ref of refs ?? []) {
    if (!ref.schema) continue; // well-known types are built in
    const subject = `${prefix}-${ref.subject}`;
    const { version } = await call("POST", `/subjects/${encodeURIComponent(subject)}/versions`, {
      schema: ref.schema,
      schemaType: "PROTOBUF",
    });
    out.push({ name: ref.name, subject, version });
  }
  return out;
}

async function verdictOverRest(c: CorpusCase): Promise<boolean> {
  const subject = `corpus-${run++}-${c.id.replace(/[^\w-]/g, "_")}`;
  await call("PUT", `/config/${subject}`, { compatibility: "NONE" });
  for (const [i, schema] of c.previous.entries()) {
    const references = await registerReferences(c.previousReferences?.[i], `${subject}-p${i}`);
    await call("POST", `/subjects/${subject}/versions`, { schema, schemaType: c.schemaType, references });
  }
  await call("PUT", `/config/${subject}`, { compatibility: c.level });
  const references = await registerReferences(c.candidateReferences, `${subject}-c`);
  const result = await call("POST", `/compatibility/subjects/${subject}/versions`, {
    schema: c.candidate,
    schemaType: c.schemaType,
    references,
  });
  return result.is_compatible as boolean;
}

describe("peer compatibility corpus through the REST API", () => {
  it("agrees with every verdict except the listed exceptions", async () => {
    const report = await runCorpus(loadCorpus(), verdictOverRest);
    console.log(formatReport("REST API agreement", report));
    expect(unexplained(report)).toEqual({ unlisted: [], stale: [] });
  }, 600_000);
});
