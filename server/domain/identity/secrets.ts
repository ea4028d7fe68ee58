// Random secrets for cookies and API tokens. They carry 256 bits, so a plain SHA-256 is the right
// way to store them (a slow hash protects low-entropy passwords, not random keys).
import { createHash, randomBytes } from "node:crypto";

export const newSecret = (prefix: string) => `${prefix}${randomBytes(32).toString("base64url")}`;
export const hashSecret = (secret: string) => createHash("sha256").update(secret).digest("hex");
