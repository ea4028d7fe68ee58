// Compatibility verdicts, kept: a verdict depends only on the level, the candidate (its fingerprint
// covers its text and references) and the versions it is held against (schema ids, which never change
// once committed, and version numbers, which the messages name). Serializers and CI pipelines ask the
// same question again and again; the comparison against a 100-version subject is the registry's
// costliest read.
import type { CompatibilityLevel, Verdict } from "./compat-types";

const verdicts = new Map<string, Verdict>();
const MAX = 5_000;

export async function cachedVerdict(
  level: CompatibilityLevel,
  candidateFingerprint: string,
  against: { version: number; id: number }[],
  compute: () => Promise<Verdict>,
): Promise<Verdict> {
  const key = `${level}|${candidateFingerprint}|${against.map((v) => `${v.version}:${v.id}`).join(",")}`;
  const known = verdicts.get(key);
  if (known) return known;
  const verdict = await compute();
  if (verdicts.size >= MAX) verdicts.delete(verdicts.keys().next().value!);
  verdicts.set(key, verdict);
  return verdict;
}
