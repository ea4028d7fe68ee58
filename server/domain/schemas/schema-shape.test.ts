// The event types and field paths the policy looks at, from each of the three schema languages.
import { describe, expect, it } from "vitest";
import { parseSchema } from "./schema-formats";
import { schemaShape } from "./schema-shape";

describe("schema shape", () => {
  it("reads an Avro union of records as one event type per record, with nested fields", () => {
    const meta = { type: "record", name: "Meta", fields: [{ name: "event_id", type: "string" }] };
    const created = { type: "record", name: "OrderCreated", namespace: "shop", fields: [{ name: "meta", type: meta }] };
    const cancel = { type: "record", name: "CancelOrder", namespace: "shop", fields: [{ name: "order_id", type: "string" }] };
    const shape = schemaShape(parseSchema("AVRO", { schema: JSON.stringify([created, cancel]) }));
    expect(shape).toEqual([
      { name: "OrderCreated", namePath: "name", fields: ["meta", "meta.event_id"] },
      { name: "CancelOrder", namePath: "name", fields: ["order_id"] },
    ]);
  });

  it("reads a JSON Schema's title and properties, through allOf and $ref", () => {
    const schema = {
      title: "ShipmentDispatched",
      $defs: { envelope: { type: "object", properties: { eventId: { type: "string" } } } },
      allOf: [
        { $ref: "#/$defs/envelope" },
        { type: "object", properties: { parcel: { type: "object", properties: { weight: { type: "number" } } } } },
      ],
    };
    expect(schemaShape(parseSchema("JSON", { schema: JSON.stringify(schema) }))).toEqual([
      { name: "ShipmentDispatched", namePath: "title", fields: ["eventId", "parcel", "parcel.weight"] },
    ]);
  });

  it("reads a Protobuf file's first message, as Confluent's serializers write it", () => {
    const proto = `syntax = "proto3"; package shop;
      message SendInvoice { Header header = 1; string invoice_id = 2; }
      message Header { string event_id = 1; string correlation_id = 2; }`;
    expect(schemaShape(parseSchema("PROTOBUF", { schema: proto }))).toEqual([
      {
        name: "SendInvoice",
        namePath: "message SendInvoice",
        fields: ["header", "header.event_id", "header.correlation_id", "invoice_id"],
      },
    ]);
  });
});
