import { describe, expect, it } from "vitest";
import { groupStatus, partitionStatus, type PartitionEvidence } from "./lag-status";

const c = (offset: number, time: number, lag: number) => ({ offset, time, lag });
const base = (over: Partial<PartitionEvidence>): PartitionEvidence => ({
  commits: [],
  currentLag: 0,
  endSamples: [],
  owned: true,
  now: 100_000,
  minIdleMs: 30_000,
  ...over,
});

describe("partitionStatus", () => {
  it("is OK with nothing committed, or with no current lag whatever the history", () => {
    expect(partitionStatus(base({ commits: [], currentLag: 50 }))).toBe("OK");
    expect(partitionStatus(base({ commits: [c(10, 0, 5), c(10, 1_000, 9)], currentLag: 0 }))).toBe("OK");
  });

  it("is STOP when an unowned partition's offset stopped moving for longer than the window, behind the log end", () => {
    const commits = [c(10, 0, 2), c(20, 10_000, 3)];
    expect(partitionStatus(base({ commits, currentLag: 40, owned: false, now: 60_000 }))).toBe("STOP");
  });

  it("is STALL for the same picture while a live member still owns the partition", () => {
    const commits = [c(10, 0, 2), c(20, 10_000, 3)];
    expect(partitionStatus(base({ commits, currentLag: 40, owned: true, now: 60_000 }))).toBe("STALL");
  });

  it("waits at least minIdleMs before calling a fresh window stopped", () => {
    expect(partitionStatus(base({ commits: [c(10, 50_000, 5)], currentLag: 5, owned: false, now: 70_000 }))).toBe("OK");
    expect(partitionStatus(base({ commits: [c(10, 50_000, 5)], currentLag: 5, owned: false, now: 90_000 }))).toBe("STOP");
  });

  it("is not STOP when the consumer was caught up after its last commit (the log end came down to it)", () => {
    const commits = [c(10, 0, 2), c(20, 10_000, 0)];
    const endSamples = [{ offset: 20, time: 15_000 }];
    expect(partitionStatus(base({ commits, currentLag: 40, owned: false, now: 60_000, endSamples }))).toBe("OK");
  });

  it("is REWIND when the offset went backwards and did not recover", () => {
    expect(partitionStatus(base({ commits: [c(50, 90_000, 1), c(20, 95_000, 31), c(25, 98_000, 26)], currentLag: 26 }))).toBe("REWIND");
    expect(partitionStatus(base({ commits: [c(50, 90_000, 1), c(20, 95_000, 31), c(55, 98_000, 0)], currentLag: 3 }))).toBe("OK");
  });

  it("is WARN when moving but the lag never shrinks and never reaches zero in the window", () => {
    expect(partitionStatus(base({ commits: [c(10, 80_000, 5), c(12, 90_000, 8), c(14, 95_000, 8)], currentLag: 9 }))).toBe("WARN");
    expect(partitionStatus(base({ commits: [c(10, 80_000, 5), c(12, 90_000, 3), c(14, 95_000, 8)], currentLag: 9 }))).toBe("OK");
    expect(partitionStatus(base({ commits: [c(10, 80_000, 0), c(12, 90_000, 3), c(14, 95_000, 8)], currentLag: 9 }))).toBe("OK");
  });
});

describe("groupStatus", () => {
  it("is ERR for any STOP, STALL or REWIND, else the worst of WARN and OK", () => {
    expect(groupStatus(["OK", "STOP"])).toBe("ERR");
    expect(groupStatus(["WARN", "STALL"])).toBe("ERR");
    expect(groupStatus(["REWIND"])).toBe("ERR");
    expect(groupStatus(["OK", "WARN"])).toBe("WARN");
    expect(groupStatus(["OK", "OK"])).toBe("OK");
    expect(groupStatus([])).toBe("OK");
  });
});
