import { describe, expect, it } from "vitest";
import { backlogStatus } from "./queue-status";

const base = { backlog: 10, previousBacklog: 10, consumers: 1, inRate: 1, outRate: 1 };

describe("backlogStatus", () => {
  it("is OK for an empty queue, whatever else holds", () => {
    expect(backlogStatus({ ...base, backlog: 0, consumers: 0, outRate: 0 })).toEqual({ status: "OK", reason: "empty" });
  });
  it("is ERR when messages wait and nobody consumes", () => {
    expect(backlogStatus({ ...base, consumers: 0 })).toEqual({ status: "ERR", reason: "no consumers" });
  });
  it("is ERR when consumers are attached but nothing leaves and the backlog does not shrink", () => {
    expect(backlogStatus({ ...base, outRate: 0 })).toEqual({ status: "ERR", reason: "stalled" });
    expect(backlogStatus({ ...base, outRate: null, backlog: 12 })).toEqual({ status: "ERR", reason: "stalled" });
  });
  it("does not call a first sighting stalled (no previous backlog to compare)", () => {
    expect(backlogStatus({ ...base, previousBacklog: null, outRate: 0 })).toEqual({ status: "OK", reason: "keeping up" });
  });
  it("warns when the backlog grows because more comes in than goes out", () => {
    expect(backlogStatus({ ...base, backlog: 20, inRate: 5, outRate: 2 })).toEqual({ status: "WARN", reason: "growing" });
  });
  it("is OK while draining", () => {
    expect(backlogStatus({ ...base, backlog: 5, inRate: 1, outRate: 4 })).toEqual({ status: "OK", reason: "draining" });
  });
});
