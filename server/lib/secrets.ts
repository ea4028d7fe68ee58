// AES-256-GCM for secrets stored at rest (SASL passwords). The key comes from EVENTPLANE_SECRET_KEY;
// the launcher generates one into the data dir when none is set, so nothing must be configured.
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from "node:crypto";
import { env } from "@/env";

function key(): Buffer {
  const raw = env.EVENTPLANE_SECRET_KEY;
  if (!raw) throw new Error("EVENTPLANE_SECRET_KEY is not set; cluster secrets cannot be stored or read");
  // Any string works as key material; hashing gives exactly 32 bytes whatever its encoding.
  return createHash("sha256").update(raw).digest();
}

export function encryptSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [iv, cipher.getAuthTag(), data].map((b) => b.toString("base64")).join(".");
}

export function decryptSecret(stored: string): string {
  const [iv, tag, data] = stored.split(".").map((p) => Buffer.from(p, "base64"));
  if (!iv || !tag || !data) throw new Error("stored secret is malformed");
  const decipher = createDecipheriv("aes-256-gcm", key(), iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(data), decipher.final()]).toString("utf8");
}

/** A keyed digest (HMAC-SHA-256 under a key derived from EVENTPLANE_SECRET_KEY): equal inputs give equal
 *  digests, and no one without the key can test guesses (a plain hash of a card number can be). */
export function keyedDigest(text: string): string {
  return createHmac("sha256", createHash("sha256").update("eventplane-masking\0").update(key()).digest()).update(text).digest("hex");
}
