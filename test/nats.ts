// The test suite's NATS server with JetStream (started by test/global-setup.ts).
import { AckPolicy, jetstream, jetstreamManager } from "@nats-io/jetstream";
import { connect } from "@nats-io/transport-node";

export const natsUrl = () => process.env.TEST_NATS_URL!;

export async function withTestNats<T>(
  fn: (h: { js: ReturnType<typeof jetstream>; jsm: Awaited<ReturnType<typeof jetstreamManager>> }) => Promise<T>,
) {
  const nc = await connect({ servers: natsUrl() });
  try {
    return await fn({ js: jetstream(nc), jsm: await jetstreamManager(nc) });
  } finally {
    await nc.close();
  }
}

export { AckPolicy };
