// RabbitMQ and NATS JetStream in the same pane as Kafka: connected through Settings, their queues and
// streams in the catalog, a RabbitMQ dead letter and a JetStream max-deliveries dead letter each
// found in Dead letters and redriven from there.
import { jetstream, jetstreamManager, AckPolicy } from "@nats-io/jetstream";
import { connect } from "@nats-io/transport-node";
import amqp from "amqplib";
import { expect, test } from "@playwright/test";
import { stack, unique } from "../fixtures/kafka";

test.describe.configure({ mode: "serial" });

const rabbitName = unique("rabbit");
const natsName = unique("nats");
const work = unique("emails");
const parked = `${work}.parked`;
const stream = unique("PICKS").replace(/-/g, "_");

function amqpUrl() {
  const u = new URL(stack().rabbitAmqpUrl);
  u.pathname = "/%2F";
  return u.toString();
}

test.beforeAll(async () => {
  // RabbitMQ: a work queue whose consumer rejects one message into its dead-letter queue.
  const conn = await amqp.connect(amqpUrl());
  const ch = await conn.createChannel();
  await ch.assertExchange(`${work}.dlx`, "fanout", { durable: true });
  await ch.assertQueue(parked, { durable: true });
  await ch.bindQueue(parked, `${work}.dlx`, "");
  await ch.assertQueue(work, { durable: true, arguments: { "x-dead-letter-exchange": `${work}.dlx` } });
  ch.sendToQueue(work, Buffer.from(JSON.stringify({ to: "ada@example.com" })), { persistent: true, headers: { tenant: "acme" } });
  await new Promise<void>((resolve) => {
    void ch.consume(work, (msg) => {
      if (!msg) return;
      ch.nack(msg, false, false);
      resolve();
    });
  });
  // Dead-lettering happens after the nack is handled: wait for the letter before closing.
  while ((await ch.checkQueue(parked)).messageCount < 1) await new Promise((r) => setTimeout(r, 100));
  await conn.close();
  // JetStream: a stream whose consumer may deliver twice.
  const nc = await connect({ servers: stack().natsUrl });
  const jsm = await jetstreamManager(nc);
  await jsm.streams.add({ name: stream, subjects: [`${stream}.>`] });
  await jsm.consumers.add(stream, { durable_name: "picker", ack_policy: AckPolicy.Explicit, max_deliver: 2, ack_wait: 30_000_000_000 });
  await nc.close();
});

test("RabbitMQ and NATS connections are added in Settings and their queues and streams join the catalog", async ({ page }) => {
  const rabbit = new URL(stack().rabbitManagementUrl);
  await page.goto("/settings");
  await page.getByRole("button", { name: "Add connection" }).click();
  let form = page.getByRole("form", { name: "Add connection" });
  await form.getByLabel("Broker").selectOption("rabbitmq");
  await form.getByLabel("Name", { exact: true }).fill(rabbitName);
  await form.getByLabel("Management API URL").fill(rabbit.origin);
  await form.getByLabel(/AMQP URL/).fill(`amqp://${new URL(stack().rabbitAmqpUrl).host}`);
  await form.getByLabel("Username").fill(decodeURIComponent(rabbit.username));
  await form.getByRole("textbox", { name: "Password" }).fill(decodeURIComponent(rabbit.password));
  await form.getByRole("button", { name: "Test connection" }).click();
  await expect(form.getByRole("status")).toContainText("Connected");
  await form.getByRole("button", { name: "Add connection" }).click();
  await expect(page.getByTestId("cluster-row").filter({ hasText: rabbitName })).toBeVisible();

  await page.getByRole("button", { name: "Add connection" }).click();
  form = page.getByRole("form", { name: "Add connection" });
  await form.getByLabel("Broker").selectOption("nats");
  await form.getByLabel("Name", { exact: true }).fill(natsName);
  await form.getByLabel("Servers").fill(stack().natsUrl);
  await form.getByRole("button", { name: "Add connection" }).click();
  await expect(page.getByTestId("cluster-row").filter({ hasText: natsName })).toBeVisible();

  await page.goto(`/topics?q=${encodeURIComponent(work)}`);
  await expect(page.getByTestId("topic-row").filter({ hasText: parked })).toBeVisible();
  await expect(page.getByTestId("topic-row").filter({ hasText: parked }).getByTestId("dlq-badge")).toBeVisible();
  await page.goto(`/topics?q=${encodeURIComponent(stream)}`);
  await expect(page.getByTestId("topic-row").filter({ hasText: stream })).toContainText(/JetStream|NATS/);
});

test("a RabbitMQ dead letter is read in Dead letters and moved back to its queue after a dry run", async ({ page }) => {
  await page.goto("/dead-letters");
  await page.getByTestId("dlq-row").filter({ hasText: parked }).getByRole("link", { name: parked }).click();
  const row = page.getByTestId("dead-letter-row");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("rejected");
  await row.getByRole("checkbox").check();
  await page.getByRole("button", { name: /Redrive 1 selected/ }).click();
  const plan = page.getByTestId("redrive-plan");
  await expect(plan).toContainText(`1 message(s) would go back to ${work}`);
  await expect(plan).toContainText("the queue it died in");
  await plan.getByRole("button", { name: "Redrive now" }).click();
  await expect(page.getByTestId("redrive-done")).toContainText("Sent 1 message(s) back");
  await expect(page.getByTestId("dead-letter-row")).toHaveCount(0);

  // The letter is back in the work queue, without its death record, marked as redriven.
  const conn = await amqp.connect(amqpUrl());
  const ch = await conn.createChannel();
  const back = await ch.get(work, { noAck: true });
  await conn.close();
  expect(back && JSON.parse(back.content.toString())).toEqual({ to: "ada@example.com" });
  expect(back && back.properties.headers).toMatchObject({ tenant: "acme", "x-redrive-by": "admin" });
});

test("a JetStream max-deliveries dead letter appears in Dead letters and is republished from its stream", async ({ page }) => {
  // The worker starts watching the connection's advisories within seconds of its adding: until a dead
  // letter shows, each round publishes a message and fails it until the consumer gives up on it.
  const nc = await connect({ servers: stack().natsUrl });
  const js = jetstream(nc);
  const consumer = await js.consumers.get(stream, "picker");
  await page.goto("/dead-letters");
  const row = page
    .getByTestId("jetstream-dead-letter")
    .filter({ hasText: `${stream} / picker` })
    .first();
  await expect(async () => {
    await js.publish(`${stream}.pick`, new TextEncoder().encode("poison"));
    for (let delivery = 0; delivery < 2; delivery++) {
      const batch = await consumer.fetch({ max_messages: 5, expires: 1_000 });
      for await (const m of batch) m.nak();
    }
    await page.reload();
    await expect(row).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 90_000 });
  await expect(row).toContainText("max deliveries reached");
  await expect(row).toContainText("sequence");

  await row.getByRole("checkbox").check();
  await page.getByRole("button", { name: /Redrive 1 selected/ }).click();
  const plan = page.getByTestId("redrive-plan");
  await expect(plan).toContainText(`would go back to ${stream}.pick`);
  await expect(plan).toContainText("gave up: picker");
  await plan.getByRole("button", { name: "Redrive now" }).click();
  await expect(page.getByTestId("redrive-done")).toContainText("Sent 1 message(s) back");
  await expect(row).toContainText("sent →");

  const again = await consumer.fetch({ max_messages: 1, expires: 5_000 });
  // The republished copy is delivered afresh (a new sequence, its first delivery).
  const data: string[] = [];
  for await (const m of again) {
    data.push(m.string());
    m.ack();
  }
  await nc.close();
  expect(data).toEqual(["poison"]);
});
