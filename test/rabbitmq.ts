// The test suite's RabbitMQ node (started by test/global-setup.ts): AMQP for playing producers and
// consumers, and rabbitmqctl as the ground truth for backlog.
import { spawnSync } from "node:child_process";
import amqp from "amqplib";

export const rabbitManagement = () => {
  const u = new URL(process.env.TEST_RABBITMQ_URL!);
  return { origin: u.origin, username: decodeURIComponent(u.username), password: decodeURIComponent(u.password) };
};

export function rabbitConnect(vhost = "/") {
  const u = new URL(process.env.TEST_RABBITMQ_AMQP_URL!);
  u.pathname = `/${encodeURIComponent(vhost)}`;
  return amqp.connect(u.toString());
}

/** `rabbitmqctl list_queues name messages_ready messages_unacknowledged` → name → [ready, unacked]. */
export function rabbitQueueCounts(vhost = "/"): Map<string, [number, number]> {
  const r = spawnSync(
    "/usr/lib/rabbitmq/bin/rabbitmqctl",
    [
      "-n",
      process.env.TEST_RABBITMQ_NODE!,
      "list_queues",
      "-p",
      vhost,
      "--no-table-headers",
      "--quiet",
      "name",
      "messages_ready",
      "messages_unacknowledged",
    ],
    { encoding: "utf8" },
  );
  if (r.status !== 0) throw new Error(`rabbitmqctl failed: ${r.stderr}`);
  return new Map(
    r.stdout
      .trim()
      .split("\n")
      .filter(Boolean)
      .map((line) => {
        const [name, ready, unacked] = line.split("\t");
        return [name!, [Number(ready), Number(unacked)] as [number, number]];
      }),
  );
}

/** What a person types to connect the test node: management origin, credentials, and the AMQP
 *  address (the test node's AMQP port is not the default the form would derive). */
export function rabbitConnectionInput(name: string) {
  const m = rabbitManagement();
  const amqpUrl = new URL(process.env.TEST_RABBITMQ_AMQP_URL!);
  return {
    name,
    kind: "rabbitmq" as const,
    bootstrapServers: m.origin,
    saslUsername: m.username,
    saslPassword: m.password,
    amqpUrl: `amqp://${amqpUrl.host}`,
  };
}
