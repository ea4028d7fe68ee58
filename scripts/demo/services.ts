// The demo shop: who consumes what and what each service produces in turn.
// order-service → orders → billing (→ payments), inventory (→ inventory), notifications (→ notifications);
// payments → shipping (→ shipments, consumed in batches, so its spans sit in traces of their own that
// link back to the payment's send span), notifications; reporting stops after a minute; analytics is slow.
import type { EventType } from "./events";

export type DemoEvent = {
  event_id: string;
  event_type: string;
  timestamp: number;
  version: number;
  aggregate_id: string;
  correlation_id: string;
  data: Record<string, unknown>;
};

export type Emit = { type: EventType; data: Record<string, unknown> };

export type ServiceSpec = {
  group?: string;
  topics?: string[];
  /** eachBatch instead of eachMessage: the instrumentation then links process spans instead of parenting them. */
  batch?: boolean;
  delayMs?: number;
  /** Disconnect the consumer after this long (the group empties and its lag status turns STOP). */
  stopAfterMs?: number;
  /** OTLP encoding of this service's exporter: the demo uses both, as a real fleet would. */
  encoding: "protobuf" | "json";
  react?: (event: DemoEvent) => Emit[];
  /** Beyond Kafka: also send each handled order on through RabbitMQ (e-mails) or JetStream (picks). */
  forward?: "rabbitmq" | "nats";
  /** A consumer of the RabbitMQ or JetStream leg instead of Kafka (runs only when that broker is there). */
  leg?: "email-sender" | "warehouse-picker";
  /** Pitfalls planted for the scorecard: records sent without a key, every Nth event sent twice (same event_id). */
  sloppy?: { keyless?: boolean; resendEvery?: number };
  /** Another planted pitfall: the service runs without tracing, so its consumer is dark in every journey. */
  untraced?: boolean;
  /** A processing failure: the record goes to `<topic>.DLQ` with Spring Kafka's dead-letter headers. */
  fail?: (event: DemoEvent) => { exception: string; message: string } | null;
};

const pick = <T>(xs: readonly T[]) => xs[Math.floor(Math.random() * xs.length)]!;
/** When this service process started (each demo service imports this module once). */
const SERVICE_STARTED = Date.now();

export const SERVICES: Record<string, ServiceSpec> = {
  "order-service": { encoding: "protobuf" },
  "billing-service": {
    group: "billing",
    topics: ["orders"],
    encoding: "protobuf",
    react: (e) => [{ type: "PaymentProcessed", data: { amount: e.data.total, method: pick(["CARD", "PAYPAL", "INVOICE"]) } }],
    // About 3 % of orders fail payment, in two different ways.
    fail: (e) => {
      const total = e.data.total as number;
      if (total > 88)
        return { exception: "com.shop.billing.PaymentDeclinedException", message: `card declined for ${e.aggregate_id} (${total} EUR)` };
      if (total < 1) return { exception: "java.lang.IllegalArgumentException", message: `amount must be at least 1.00, was ${total}` };
      // A third way appears after three minutes (a new exception class in orders.DLQ: the
      // NewDeadLetterClass rule fires for it; the first two are the queue's baseline by then).
      if (Date.now() - SERVICE_STARTED > 180_000 && total > 50 && total < 52)
        return { exception: "com.shop.billing.LedgerUnavailableException", message: `ledger did not answer for ${e.aggregate_id}` };
      return null;
    },
  },
  "inventory-service": {
    group: "inventory",
    topics: ["orders"],
    encoding: "json",
    forward: "nats",
    react: (e) =>
      (e.data.items as { sku: string; quantity: number }[]).map((item) => ({
        type: "InventoryUpdated" as const,
        data: { sku: item.sku, reserved: item.quantity },
      })),
  },
  "notification-service": {
    group: "notifications",
    topics: ["orders", "payments"],
    encoding: "json",
    forward: "rabbitmq",
    react: (e) => [{ type: "CustomerNotified", data: { channel: pick(["EMAIL", "SMS"]), about: e.event_type } }],
  },
  "shipping-service": {
    group: "shipping",
    topics: ["payments"],
    batch: true,
    encoding: "protobuf",
    react: () => [{ type: "ShipmentScheduled", data: { carrier: pick(["DHL", "UPS", "PostNL"]), eta: Date.now() + 2 * 86_400_000 } }],
  },
  // The scorecard's planted pitfalls: a command-style event (AwardPoints) sent without a key to a topic
  // of three partitions while it carries aggregate_id, and every fifth one sent twice with one event_id.
  "loyalty-service": {
    group: "loyalty",
    topics: ["payments"],
    encoding: "json",
    sloppy: { keyless: true, resendEvery: 5 },
    react: (e) => [
      { type: "AwardPoints", data: { customer_id: `cust-${e.aggregate_id.slice(6, 10)}`, points: Math.round(Number(e.data.amount ?? 0)) } },
    ],
  },
  // The scorecard's dark consumer: it reads every order and sends no span (nobody set up its tracing).
  "audit-service": { group: "audit", topics: ["orders"], encoding: "json", untraced: true },
  "reporting-service": { group: "reporting", topics: ["payments"], stopAfterMs: 60_000, encoding: "protobuf" },
  // 2 records/s against 2.5 produced: it keeps moving and keeps falling behind (Burrow's WARN).
  "analytics-service": { group: "analytics", topics: ["orders"], delayMs: 500, encoding: "json" },
  // RabbitMQ: sends the e-mails the notification service queues; rejects about one in twenty.
  "email-sender": { leg: "email-sender", encoding: "protobuf" },
  // JetStream: picks what the inventory service reserved; fragile picks fail until JetStream gives up.
  "warehouse-picker": { leg: "warehouse-picker", encoding: "json" },
};
