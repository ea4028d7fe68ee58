// Brute-force brakes, counted in PostgreSQL (rate-limiter-flexible's Prisma store) so every web
// process shares them: failed sign-ins per account and per address, bad credentials per address.
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { db } from "@/server/db";
import { DomainError } from "@/server/errors";

const limiter = (keyPrefix: string, points: number, durationSeconds: number) =>
  new RateLimiterPrisma({ storeClient: db, tableName: "rateLimit", keyPrefix, points, duration: durationSeconds });

let limiters: ReturnType<typeof create> | undefined;
function create() {
  return {
    /** 10 failed sign-ins of one account in 15 minutes */
    account: limiter("signin-account", 10, 15 * 60),
    /** 50 failed sign-ins from one address in 15 minutes */
    address: limiter("signin-address", 50, 15 * 60),
    /** 100 bad tokens or cookies from one address in 5 minutes */
    credential: limiter("credential-address", 100, 5 * 60),
  };
}
const get = () => (limiters ??= create());

const blocked = (res: RateLimiterRes | null, points: number) => res !== null && res.consumedPoints >= points;

function tooMany(res: RateLimiterRes): never {
  const seconds = Math.ceil(res.msBeforeNext / 1000);
  throw new DomainError("RATE_LIMITED", `Too many failed attempts; try again in ${seconds} s`, { retryAfterSeconds: seconds });
}

/** Refuses before a password is checked when this account or address already failed too often. */
export async function checkSignInAllowed(username: string, address: string | null): Promise<void> {
  const l = get();
  const [account, addr] = await Promise.all([l.account.get(username.toLowerCase()), address ? l.address.get(address) : null]);
  if (blocked(account, l.account.points)) tooMany(account!);
  if (blocked(addr, l.address.points)) tooMany(addr!);
}

export async function recordFailedSignIn(username: string, address: string | null): Promise<void> {
  const l = get();
  await Promise.all([
    l.account.penalty(username.toLowerCase()).catch(() => undefined),
    address ? l.address.penalty(address).catch(() => undefined) : undefined,
  ]);
}

export async function clearFailedSignIns(username: string): Promise<void> {
  await get().account.delete(username.toLowerCase()).catch(() => undefined);
}

export async function checkCredentialAllowed(address: string | null): Promise<void> {
  if (!address) return;
  const l = get();
  const res = await l.credential.get(address);
  if (blocked(res, l.credential.points)) tooMany(res!);
}

export async function recordBadCredential(address: string | null): Promise<void> {
  if (address) await get().credential.penalty(address).catch(() => undefined);
}
