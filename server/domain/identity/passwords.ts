// argon2id (OWASP's parameters: 19 MiB, 2 passes) through @node-rs/argon2.
import { hash, verify } from "@node-rs/argon2";
import { DomainError } from "@/server/errors";

export const MIN_PASSWORD_LENGTH = 10;

export function checkPasswordRules(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new DomainError("INVALID_INPUT", `password: at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.length > 1024) throw new DomainError("INVALID_INPUT", "password: at most 1,024 characters");
}

export const hashPassword = (password: string) => hash(password, { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 });

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (!stored) return false;
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

// Verifying against this when the user does not exist takes as long as a real check, so the answer
// time does not tell which usernames exist.
let decoy: Promise<string> | undefined;
export const decoyHash = () => (decoy ??= hashPassword("not a password of anyone"));
