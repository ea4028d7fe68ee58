// The peers' compatibility cases (../shared/corpus, see its README): read in place, never copied.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export type CorpusReference = { name: string; subject: string; version: number; schema: string };
export type CorpusCase = {
  id: string;
  schemaType: "AVRO" | "JSON" | "PROTOBUF";
  level: "BACKWARD" | "BACKWARD_TRANSITIVE" | "FORWARD" | "FORWARD_TRANSITIVE" | "FULL" | "FULL_TRANSITIVE";
  previous: string[];
  candidate: string;
  compatible: boolean;
  source: string;
  description: string;
  previousReferences?: CorpusReference[][];
  candidateReferences?: CorpusReference[];
};

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** The corpus sits beside the repository on our machines; a clone elsewhere falls back to /work/shared. */
export function corpusDir(): string {
  const candidates = [join(repoRoot, "../shared/corpus"), "/work/shared/corpus"];
  const found = candidates.find((dir) => existsSync(join(dir, "compat.jsonl")));
  if (!found) throw new Error(`peer corpus not found (looked in ${candidates.join(", ")})`);
  return found;
}

export function loadCorpus(): CorpusCase[] {
  const dir = corpusDir();
  return ["compat.jsonl", "compat-with-references.jsonl"].flatMap((file) =>
    readFileSync(join(dir, file), "utf8")
      .split("\n")
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line) as CorpusCase),
  );
}

/** "apache/avro:lang/java/.../TestSchemaCompatibility.java#12" → "apache/avro TestSchemaCompatibility.java". */
export function sourceOf(c: CorpusCase): string {
  const [repo, path = ""] = c.source.split("#")[0]!.split(":");
  return `${repo} ${path.split("/").pop()}`;
}
