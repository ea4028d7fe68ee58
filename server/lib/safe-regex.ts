// Patterns that come from outside (alert-rule globs, DLQ_NAME_PATTERNS, JSON Schema `pattern` and
// `patternProperties` in submitted schemas) run on RE2 (re2js): linear time in the input, so no
// pattern can freeze a process the way a backtracking JavaScript RegExp can (ReDoS). RE2 has no
// backreferences or lookarounds; a pattern that needs them is refused as invalid.
import { RE2JS } from "re2js";

export interface SafePattern {
  /** true when the pattern matches anywhere in the text (RegExp#test semantics) */
  test(text: string): boolean;
}

export class UnsafePatternError extends Error {}

export function safeRegExp(pattern: string, flags = ""): SafePattern {
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(RE2JS.translateRegExp(pattern), flags.includes("i") ? RE2JS.CASE_INSENSITIVE : 0);
  } catch (e) {
    throw new UnsafePatternError(`invalid or unsupported pattern ${JSON.stringify(pattern)}: ${(e as Error).message}`);
  }
  return { test: (text) => compiled.test(text) };
}

/** A glob (* any run, ? one character unless `anyChar` is false) as a whole-string matcher. */
export function globMatcher(glob: string, opts: { caseInsensitive?: boolean; anyChar?: boolean } = {}): (text: string) => boolean {
  const anyChar = opts.anyChar ?? true;
  const source = [...glob].map((c) => (c === "*" ? ".*" : c === "?" && anyChar ? "." : RE2JS.quote(c))).join("");
  const compiled = RE2JS.compile(source, RE2JS.DOTALL | (opts.caseInsensitive ? RE2JS.CASE_INSENSITIVE : 0));
  return (text) => compiled.testExact(text);
}
