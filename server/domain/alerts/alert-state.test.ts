import { describe, expect, it } from "vitest";
import { INACTIVE, stepAlert, type AlertMemory } from "./alert-state";

const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
const rule = { forSeconds: 30, repeatSeconds: 600 };

/** Runs observations (second, active, silenced?) through the lifecycle and records what it notified. */
function run(steps: [number, boolean, boolean?][], r = rule) {
  let m: AlertMemory = INACTIVE;
  const out: string[] = [];
  for (const [s, active, silenced] of steps) {
    const step = stepAlert(m, active, r, t(s), !!silenced);
    m = step.next;
    out.push(`${s}:${m.state}${step.notify ? `!${step.notify}` : ""}`);
  }
  return out;
}

describe("alert lifecycle", () => {
  it("waits for `for`, fires once, repeats after the interval, resolves once", () => {
    expect(
      run([
        [0, true],
        [20, true],
        [30, true],
        [40, true],
        [630, true],
        [640, false],
        [650, false],
      ]),
    ).toEqual(["0:pending", "20:pending", "30:firing!firing", "40:firing", "630:firing!firing", "640:inactive!resolved", "650:inactive"]);
  });

  it("clears a pending alert silently, and fires at once without `for`", () => {
    expect(
      run([
        [0, true],
        [10, false],
        [20, true],
      ]),
    ).toEqual(["0:pending", "10:inactive", "20:pending"]);
    expect(
      run(
        [
          [0, true],
          [5, false],
        ],
        { forSeconds: 0, repeatSeconds: 600 },
      ),
    ).toEqual(["0:firing!firing", "5:inactive!resolved"]);
  });

  it("does not notify while silenced, notifies when the silence ends, and never resolves what it never announced", () => {
    expect(
      run([
        [0, true, true],
        [30, true, true],
        [40, true],
        [50, false],
      ]),
    ).toEqual(["0:pending", "30:firing", "40:firing!firing", "50:inactive!resolved"]);
    expect(
      run([
        [0, true, true],
        [30, true, true],
        [40, false],
      ]),
    ).toEqual(["0:pending", "30:firing", "40:inactive"]);
  });
});
