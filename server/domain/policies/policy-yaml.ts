// The policy as code: the document in YAML, as the console's editor and the REST API show it and as a
// repository file holds it. Parsing is YAML's own (no custom tags, a bounded alias count); the
// document's shape is then the same zod schema every path uses.
import { parse, stringify } from "yaml";
import { DomainError } from "@/server/errors";
import type { PolicyDocument } from "./policy-document";

const HEADER = `# Eventplane policy. Schema rules have a severity: error (refuses the registration),
# warning (reported by POST /api/policy/check and the console), off. Topic rules always refuse.
`;

export function policyToYaml(document: PolicyDocument): string {
  return HEADER + stringify(document, { indent: 2, lineWidth: 0 });
}

/** The YAML (or JSON, which is YAML) text as a plain value; a syntax error names its line. */
export function parsePolicyText(text: string): unknown {
  if (text.length > 256 * 1024) throw new DomainError("INVALID_INPUT", "the policy document is over 256 KiB");
  try {
    const value: unknown = parse(text, { maxAliasCount: 50, uniqueKeys: true });
    return value ?? {};
  } catch (e) {
    const error = e as Error & { linePos?: { line: number; col: number }[] };
    const at = error.linePos?.[0];
    throw new DomainError(
      "INVALID_INPUT",
      `the policy is not valid YAML${at ? ` (line ${at.line}, column ${at.col})` : ""}: ${error.message.split("\n")[0]}`,
    );
  }
}
