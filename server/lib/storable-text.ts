// PostgreSQL text and jsonb cannot hold U+0000, and a lone UTF-16 surrogate has no UTF-8 form: input
// carrying either can never be stored, so it is refused at the door (400) rather than failing deep
// inside a write (500).
const MAX_DEPTH = 64;

export function unstorableText(value: unknown, depth = 0): string | null {
  if (typeof value === "string") {
    if (value.includes("\u0000")) return "a NUL character (U+0000)";
    if (!value.isWellFormed()) return "an unpaired UTF-16 surrogate";
    return null;
  }
  if (depth > MAX_DEPTH || !value || typeof value !== "object") return null;
  for (const [k, v] of Object.entries(value)) {
    const problem = unstorableText(k, depth + 1) ?? unstorableText(v, depth + 1);
    if (problem) return problem;
  }
  return null;
}
