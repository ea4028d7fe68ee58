// Message filters in CEL (the Common Expression Language, as kafbat's UI uses), evaluated on the
// server by @marcbachmann/cel-js: no eval, no JavaScript sandbox, no loops, bounded size. A filter
// sees each message as
//   key, value        decoded (JSON objects for schema payloads and JSON text; strings otherwise)
//   headers           map of header name → first value as text
//   partition, offset, size  ints;  timestamp  a CEL timestamp
// CEL's standard `matches` runs a JavaScript RegExp, which can backtrack for ever on a crafted
// pattern; every `matches` call is rewritten to the same function on RE2 (linear time) instead.
import { Environment } from "@marcbachmann/cel-js";
import { DomainError } from "@/server/errors";
import { safeRegExp, UnsafePatternError, type SafePattern } from "@/server/lib/safe-regex";

export const MAX_FILTER_LENGTH = 2_000;

export type FilterSubject = {
  key: unknown;
  value: unknown;
  headers: Map<string, string>;
  partition: number;
  offset: string;
  timestamp: number;
  size: number;
};

const patterns = new Map<string, SafePattern>();
function re2(text: string, pattern: string): boolean {
  let compiled = patterns.get(pattern);
  if (!compiled) {
    compiled = safeRegExp(pattern);
    if (patterns.size > 500) patterns.clear();
    patterns.set(pattern, compiled);
  }
  return compiled.test(text);
}

const environment = new Environment({
  homogeneousAggregateLiterals: false,
  limits: { maxAstNodes: 500, maxDepth: 40, maxListElements: 200, maxMapEntries: 200, maxCallArguments: 16 },
})
  .registerVariable("key", "dyn")
  .registerVariable("value", "dyn")
  .registerVariable("headers", "map<string, string>")
  .registerVariable("partition", "int")
  .registerVariable("offset", "int")
  .registerVariable("timestamp", "google.protobuf.Timestamp")
  .registerVariable("size", "int")
  .registerFunction("string.re2Matches(string): bool", re2)
  .registerFunction("re2Matches(string, string): bool", re2);

type Node = { op: string; args: unknown; start: number; end: number };
const isNode = (x: unknown): x is Node => !!x && typeof x === "object" && "op" in x && "start" in x;

/** Where `matches` is called: the source offsets of each call's name, to swap in re2Matches. */
function matchesCalls(node: unknown, source: string, out: number[] = []): number[] {
  if (Array.isArray(node)) {
    for (const n of node) matchesCalls(n, source, out);
    return out;
  }
  if (!isNode(node)) return out;
  const args = node.args as unknown[];
  if ((node.op === "rcall" || node.op === "call") && Array.isArray(args) && args[0] === "matches") {
    const from = node.op === "rcall" && isNode(args[1]) ? args[1].end : node.start;
    const at = source.indexOf("matches", from);
    if (at >= 0) out.push(at);
  }
  if (Array.isArray(args)) for (const a of args) matchesCalls(a, source, out);
  return out;
}

function parse(source: string) {
  try {
    return environment.parse(source);
  } catch (error) {
    throw new DomainError("INVALID_INPUT", `The filter is not valid CEL: ${(error as Error).message.split("\n")[0]}`);
  }
}

/** A compiled filter, or a DomainError saying what is wrong with it. */
export function compileFilter(source: string): (m: FilterSubject) => boolean {
  if (source.length > MAX_FILTER_LENGTH) throw new DomainError("INVALID_INPUT", `A filter is at most ${MAX_FILTER_LENGTH} characters`);
  let text = source;
  for (const at of matchesCalls(parse(source).ast, source).sort((a, b) => b - a))
    text = `${text.slice(0, at)}re2Matches${text.slice(at + "matches".length)}`;
  const expression = parse(text);
  const checked = expression.check();
  if (!checked.valid) throw new DomainError("INVALID_INPUT", `The filter does not type-check: ${checked.error?.message.split("\n")[0]}`);
  if (checked.type !== "bool" && checked.type !== "dyn")
    throw new DomainError("INVALID_INPUT", `A filter must be true or false for each message, not a ${checked.type}`);
  return (m) => {
    const result = expression({
      key: m.key,
      value: m.value,
      headers: m.headers,
      partition: BigInt(m.partition),
      offset: BigInt(m.offset),
      timestamp: new Date(m.timestamp),
      size: BigInt(m.size),
    });
    if (typeof result !== "boolean") throw new Error(`the filter gave ${typeof result}, not true or false`);
    return result;
  };
}

export { UnsafePatternError };
