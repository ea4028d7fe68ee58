// The Prisma client of this process (one per process; t3's singleton so dev reloads reuse it).
import { PrismaPg } from "@prisma/adapter-pg";
import { env } from "@/env";
import { PrismaClient } from "@/server/generated/prisma/client";
import { closeRawPool } from "./raw";

function create(): PrismaClient {
  if (!env.DATABASE_URL) {
    throw new Error("DATABASE_URL is not set: start Eventplane with `npm start` (it starts an embedded PostgreSQL) or set DATABASE_URL");
  }
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: env.DATABASE_URL, max: 10 }) });
}

const holder = globalThis as unknown as { eventplaneDb?: PrismaClient };

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  // Created on first use, so importing a module that reaches the db costs nothing at build time.
  get(_target, prop) {
    holder.eventplaneDb ??= create();
    const value = Reflect.get(holder.eventplaneDb, prop);
    return typeof value === "function" ? value.bind(holder.eventplaneDb) : value;
  },
});

export async function disconnectDb(): Promise<void> {
  await closeRawPool();
  await holder.eventplaneDb?.$disconnect();
  holder.eventplaneDb = undefined;
}

/**
 * Options for a transaction that writes a whole snapshot of a cluster: its size grows with the cluster
 * (100,000 partitions took 7.6 s on a busy machine, past Prisma's default 5 s, and the sync failed).
 */
export const SNAPSHOT_TRANSACTION = { timeout: 120_000, maxWait: 30_000 } as const;

export { Prisma } from "@/server/generated/prisma/client";
export { rawQuery, rawTransaction, type RawClient } from "./raw";
export { isCheckViolation, isUniqueViolation, pgErrorCode } from "./pg-errors";
export { arrivalScope, sharedRead } from "./shared-read";
