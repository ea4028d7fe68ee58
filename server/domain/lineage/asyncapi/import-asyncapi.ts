// An AsyncAPI document (2.x or 3.0, YAML or JSON) as declared lineage: each send operation declares
// "<service> produces <address>", each receive "<service> consumes <address>". The service is the
// operation's x-eventplane-service when present (our own exports name one per operation), else the
// caller's choice, else the document's info.title: one AsyncAPI document usually describes one app.
import { Parser } from "@asyncapi/parser";
import { parse as parseYaml } from "yaml";
import type { Actor } from "@/server/domain/identity";
import { DomainError } from "@/server/errors";
import { unstorableText } from "@/server/lib/storable-text";
import { declareEdges } from "../declarations";

export type ImportResult = { declared: { service: string; direction: "produces" | "consumes"; topic: string }[]; skipped: string[] };

/**
 * The parser follows `$ref`s to local files and to URLs by default: a document could make the server
 * read its own secret key or call an internal address. Only references inside the document are
 * accepted, checked before the parser sees it.
 */
function refuseExternalRefs(text: string): void {
  let doc: unknown;
  try {
    doc = parseYaml(text, { maxAliasCount: 100 });
  } catch (e) {
    throw new DomainError("INVALID_INPUT", `Not a valid AsyncAPI document: ${(e as Error).message.split("\n")[0]}`);
  }
  // Escapes (\u0000 in JSON or YAML) become text no column can hold only once parsed.
  const problem = unstorableText(doc);
  if (problem) throw new DomainError("INVALID_INPUT", `The AsyncAPI document holds ${problem}`);
  const stack: unknown[] = [doc];
  while (stack.length) {
    const node = stack.pop();
    if (Array.isArray(node)) stack.push(...node);
    else if (node && typeof node === "object") {
      for (const [k, v] of Object.entries(node)) {
        if (k === "$ref" && (typeof v !== "string" || !v.startsWith("#")))
          throw new DomainError(
            "INVALID_INPUT",
            `Not accepted: $ref ${JSON.stringify(v).slice(0, 200)} points outside the document (only "#/…" references are resolved)`,
          );
        stack.push(v);
      }
    }
  }
}

export async function importAsyncApi(actor: Actor, text: string, options: { service?: string } = {}): Promise<ImportResult> {
  if (!text.trim()) throw new DomainError("INVALID_INPUT", "The AsyncAPI document is empty");
  const problem = unstorableText(text) ?? unstorableText(options.service ?? "");
  if (problem) throw new DomainError("INVALID_INPUT", `The AsyncAPI document holds ${problem}`);
  refuseExternalRefs(text);
  const parser = new Parser();
  const { document, diagnostics } = await parser.parse(text);
  // Severity 0 is an error; warnings (unknown schema formats, missing descriptions) do not block.
  const errors = diagnostics.filter((d) => d.severity === 0);
  if (!document || errors.length) {
    throw new DomainError(
      "INVALID_INPUT",
      `Not a valid AsyncAPI document: ${errors
        .slice(0, 5)
        .map((d) => `${d.message}${d.path.length ? ` (at ${d.path.join(".")})` : ""}`)
        .join("; ")}`,
    );
  }
  const fallback = options.service?.trim() || document.info().title();
  const result: ImportResult = { declared: [], skipped: [] };
  for (const op of document.operations().all()) {
    const ext = op.extensions().get("x-eventplane-service")?.value<string>();
    const service = (typeof ext === "string" && ext) || fallback;
    const direction = op.isSend() ? "produces" : "consumes";
    const channels = op.channels().all();
    if (!channels.length) {
      result.skipped.push(`${op.id()}: names no channel`);
      continue;
    }
    for (const ch of channels) {
      const topic = ch.address() ?? ch.id();
      if (!topic || topic.includes("{")) {
        result.skipped.push(`${op.id()}: channel ${ch.id()} has no fixed address`);
        continue;
      }
      result.declared.push({ service, direction, topic });
    }
  }
  // All or nothing: a document with one bad operation declares none of the others.
  await declareEdges(actor, result.declared, "asyncapi");
  return result;
}
