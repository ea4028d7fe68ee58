import { disconnectDb } from "@/server/db";

/** For processes that stop (worker, scripts): releases the database pool so the process can exit. */
export async function closeConnections(): Promise<void> {
  await disconnectDb();
}
