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

/**
 * The globs people write most (a name, "prefix*", "*suffix", "*") as plain string tests: RE2 in
 * JavaScript costs microseconds a test, and 1,000 alert rules test 20,000 group names every cycle.
 * Null when the glob needs the general matcher (several *, a ?, or case folding).
 */
function simpleGlob(glob: string, anyChar: boolean): ((text: string) => boolean) | null {
  const parts = globAffixes(glob, anyChar);
  if (!parts) return null;
  const { prefix, suffix } = parts;
  if (!parts.star) return (text) => text === glob;
  return (text) => text.length >= prefix.length + suffix.length && text.startsWith(prefix) && text.endsWith(suffix);
}

/** A glob of at most one * and no ? as its fixed start and end (the whole glob when `star` is false);
 *  null for any other glob. */
export function globAffixes(glob: string, anyChar = true): { prefix: string; suffix: string; star: boolean } | null {
  if (anyChar && glob.includes("?")) return null;
  const star = glob.indexOf("*");
  if (star < 0) return { prefix: glob, suffix: "", star: false };
  if (glob.indexOf("*", star + 1) >= 0) return null;
  return { prefix: glob.slice(0, star), suffix: glob.slice(star + 1), star: true };
}

/** A glob (* any run, ? one character unless `anyChar` is false) as a whole-string matcher. */
export function globMatcher(glob: string, opts: { caseInsensitive?: boolean; anyChar?: boolean } = {}): (text: string) => boolean {
  const anyChar = opts.anyChar ?? true;
  const simple = opts.caseInsensitive ? null : simpleGlob(glob, anyChar);
  if (simple) return simple;
  const source = [...glob].map((c) => (c === "*" ? ".*" : c === "?" && anyChar ? "." : RE2JS.quote(c))).join("");
  const compiled = RE2JS.compile(source, RE2JS.DOTALL | (opts.caseInsensitive ? RE2JS.CASE_INSENSITIVE : 0));
  return (text) => compiled.testExact(text);
}
