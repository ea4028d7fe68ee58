// The demo's event contracts: one Avro record per event type, each with the same envelope, registered
// under the topic's value subject (Confluent's TopicNameStrategy) through Eventplane's registry API.

const envelope = [
  { name: "event_id", type: { type: "string", logicalType: "uuid" }, doc: "Unique per event; consumers deduplicate on it" },
  { name: "event_type", type: "string" },
  { name: "timestamp", type: { type: "long", logicalType: "timestamp-millis" } },
  { name: "version", type: "int", doc: "Version of the event contract" },
  { name: "aggregate_id", type: "string", doc: "The order this event belongs to" },
  { name: "correlation_id", type: "string", doc: "Same on every event caused by one order" },
];

const record = (name: string, namespace: string, data: object[]) => ({
  type: "record",
  name,
  namespace: `com.eventplane.demo.${namespace}`,
  fields: [...envelope, { name: "data", type: { type: "record", name: `${name}Data`, fields: data } }],
});

const orderItem = {
  type: "record",
  name: "OrderItem",
  fields: [
    { name: "sku", type: "string" },
    { name: "quantity", type: "int" },
  ],
};

/** OrderPlaced as first published; the demo then evolves it (v2) to show a compatible change. */
export const orderPlacedV1 = record("OrderPlaced", "orders", [
  { name: "customer_id", type: "string" },
  { name: "items", type: { type: "array", items: orderItem } },
  { name: "total", type: "double" },
]);

export const EVENTS = {
  OrderPlaced: {
    topic: "orders",
    schema: record("OrderPlaced", "orders", [
      { name: "customer_id", type: "string" },
      { name: "items", type: { type: "array", items: orderItem } },
      { name: "total", type: "double" },
      // Added in v2 with a default, so v1 readers and writers stay compatible (BACKWARD).
      { name: "currency", type: "string", default: "EUR" },
    ]),
  },
  PaymentProcessed: {
    topic: "payments",
    schema: record("PaymentProcessed", "billing", [
      { name: "amount", type: "double" },
      { name: "method", type: { type: "enum", name: "PaymentMethod", symbols: ["CARD", "PAYPAL", "INVOICE"], default: "CARD" } },
    ]),
  },
  InventoryUpdated: {
    topic: "inventory",
    schema: record("InventoryUpdated", "inventory", [
      { name: "sku", type: "string" },
      { name: "reserved", type: "int" },
    ]),
  },
  CustomerNotified: {
    topic: "notifications",
    schema: record("CustomerNotified", "notifications", [
      { name: "channel", type: { type: "enum", name: "Channel", symbols: ["EMAIL", "SMS"] } },
      { name: "about", type: "string", doc: "The event_type the customer was told about" },
    ]),
  },
  // Planted for the scorecard: named as a command ("award points") instead of the fact it records.
  AwardPoints: {
    topic: "loyalty",
    schema: record("AwardPoints", "loyalty", [
      { name: "customer_id", type: "string" },
      { name: "points", type: "int" },
    ]),
  },
  // Through JetStream (stream WAREHOUSE): the warehouse is asked to pick what an order reserved.
  PickRequested: {
    topic: "WAREHOUSE",
    schema: record("PickRequested", "warehouse", [
      { name: "sku", type: "string" },
      { name: "quantity", type: "int" },
      { name: "fragile", type: "boolean", default: false },
    ]),
  },
  ShipmentScheduled: {
    topic: "shipments",
    schema: record("ShipmentScheduled", "shipping", [
      { name: "carrier", type: "string" },
      { name: "eta", type: { type: "long", logicalType: "timestamp-millis" } },
    ]),
  },
} as const;

export type EventType = keyof typeof EVENTS;
export const subjectOf = (type: EventType) => `${EVENTS[type].topic}-value`;
