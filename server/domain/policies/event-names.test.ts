import { describe, expect, it } from "vitest";
import { commandStyle, nameWords } from "./event-names";

describe("event names: commands or facts", () => {
  it("splits names written in any of the usual cases", () => {
    expect(nameWords("CreateOrder")).toEqual(["create", "order"]);
    expect(nameWords("order_created")).toEqual(["order", "created"]);
    expect(nameWords("HTTPRequestSent")).toEqual(["http", "request", "sent"]);
  });

  it.each(["CreateOrder", "SendEmail", "ProcessPayment", "PlaceOrderCommand", "reserve_stock", "ShipParcel", "AwardPoints"])(
    "%s is a command",
    (n) => {
      expect(commandStyle(n)).not.toBeNull();
    },
  );

  it.each([
    "OrderCreated",
    "EmailSent",
    "PaymentProcessed",
    "OrderPlaced",
    "StockReserved",
    "Order",
    "PaymentFailed",
    "Cancel",
    "CancelledOrder",
  ])("%s is not a command", (n) => {
    expect(commandStyle(n)).toBeNull();
  });

  it("suggests the fact", () => {
    expect(commandStyle("CreateOrder")).toContain("OrderCreated");
    expect(commandStyle("SendEmail")).toContain("EmailSent");
    expect(commandStyle("ShipParcel")).toContain('"ship"');
  });
});
