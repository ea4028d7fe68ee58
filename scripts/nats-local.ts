// npm run nats:local — a real NATS server with JetStream on 127.0.0.1:${NATS_PORT:-4222}, in the
// foreground. Streams stay in <EVENTPLANE_DATA_DIR>/nats across restarts.
import { join } from "node:path";
import { env } from "@/env";
import { NatsSetupError, startNats } from "./lib/nats-server";

try {
  const dataDir = join(env.EVENTPLANE_DATA_DIR, "nats");
  const server = await startNats({ dataDir, port: env.NATS_PORT });
  console.log(`NATS with JetStream is up on ${server.url} (storage in ${dataDir}).`);
  console.log(`Connect Eventplane with NATS_URL=${server.url}. Ctrl-C stops it.`);
  const stop = async () => {
    console.log("stopping NATS…");
    await server.stop();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  server.process.once("exit", (code) => {
    console.error(`nats-server exited (code ${code})`);
    process.exit(code ?? 1);
  });
} catch (e) {
  if (e instanceof NatsSetupError) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}
