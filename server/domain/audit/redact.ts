// Secrets never enter the audit log: a value under a key that names a secret becomes "[redacted]",
// at any depth. Webhook URLs count as secrets (a Slack or Teams URL is its own credential), and so do
// custom headers (Authorization).
const SECRET_KEY = /pass(word)?|secret|token|credential|authorization|cookie|headers|^url$|enc$/i;

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 20) return "[too deep]";
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = SECRET_KEY.test(k) && v !== null && v !== undefined && v !== "" ? "[redacted]" : redact(v, depth + 1);
    }
    return out;
  }
  return value;
}
