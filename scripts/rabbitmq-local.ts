// npm run rabbitmq:local — a real RabbitMQ node (management plugin on) on 127.0.0.1:${RABBITMQ_PORT:-5672},
// management API on ${RABBITMQ_MANAGEMENT_PORT:-15672}, in the foreground. Data stays in
// <EVENTPLANE_DATA_DIR>/rabbitmq, so the next start has the same queues and messages.
import { join } from "node:path";
import { env } from "@/env";
import { RabbitSetupError, startRabbit } from "./lib/rabbitmq-node";

try {
  const dataDir = join(env.EVENTPLANE_DATA_DIR, "rabbitmq");
  const node = await startRabbit({ dataDir, port: env.RABBITMQ_PORT, managementPort: env.RABBITMQ_MANAGEMENT_PORT });
  console.log(`RabbitMQ is up: AMQP ${node.amqpUrl}, management ${node.managementUrl} (logs in ${join(dataDir, "log")}).`);
  console.log(`Connect Eventplane with RABBITMQ_URL=${node.managementUrl}. Ctrl-C stops it.`);
  const stop = async () => {
    console.log("stopping RabbitMQ…");
    await node.stop();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  node.process.once("exit", (code) => {
    console.error(`RabbitMQ exited (code ${code})`);
    process.exit(code ?? 1);
  });
} catch (e) {
  if (e instanceof RabbitSetupError) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}
