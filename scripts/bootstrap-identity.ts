// Run by the launcher once the database is up, before the web process starts (so the first sign-in
// finds its user): creates the first admin (and prints the one-time password) or applies
// EVENTPLANE_ADMIN_PASSWORD / EVENTPLANE_BOOTSTRAP_TOKEN. The worker does the same at its start,
// for installations that run web and worker without the launcher.
import { resolve } from "node:path";
import { env } from "@/env";
import { bootstrapIdentity, bootstrapMessage, ensureDemoUser } from "@/server/domain/identity";
import { closeConnections } from "@/server/lib/lifecycle";

const result = await bootstrapIdentity({
  dataDir: resolve(env.EVENTPLANE_DATA_DIR),
  adminPassword: env.EVENTPLANE_ADMIN_PASSWORD,
  bootstrapToken: env.EVENTPLANE_BOOTSTRAP_TOKEN,
});
for (const line of bootstrapMessage(result)) console.log(`[eventplane] ${line}`);
// `npm run demo`: its own sign-in, printed at every start.
if (process.argv.includes("--demo")) {
  const demo = await ensureDemoUser(resolve(env.EVENTPLANE_DATA_DIR));
  console.log(`[eventplane] demo sign-in: ${demo.username} / ${demo.password}`);
}
await closeConnections();
