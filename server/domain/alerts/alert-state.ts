// The lifecycle of one alert, as a pure function of its previous state, this cycle's observation and
// the time: inactive → pending (the condition holds, `for` not yet elapsed) → firing → inactive
// (resolved). Notifications: one when it fires, again every `repeat` while firing, one when it
// resolves — but a silenced alert is not notified, and a resolve is only sent for a firing that was.

export type AlertState = "inactive" | "pending" | "firing";

export type AlertMemory = {
  state: AlertState;
  activeSince: Date | null;
  firingSince: Date | null;
  lastNotifiedAt: Date | null;
};

export type Step = {
  next: AlertMemory & { resolvedAt?: Date };
  /** A state change for the history (null: nothing changed). */
  event: "pending" | "firing" | "resolved" | "cleared" | null;
  notify: "firing" | "resolved" | null;
  reason: "first notification" | "repeat interval elapsed" | "silence ended" | "resolved" | null;
};

export const INACTIVE: AlertMemory = { state: "inactive", activeSince: null, firingSince: null, lastNotifiedAt: null };

export function stepAlert(
  prev: AlertMemory,
  active: boolean,
  rule: { forSeconds: number; repeatSeconds: number },
  now: Date,
  silenced: boolean,
): Step {
  const since = (d: Date | null) => (d ? (now.getTime() - d.getTime()) / 1000 : Infinity);
  const fire = (from: AlertMemory): Step =>
    silenced
      ? { next: { ...from, state: "firing", firingSince: now }, event: "firing", notify: null, reason: null }
      : {
          next: { ...from, state: "firing", firingSince: now, lastNotifiedAt: now },
          event: "firing",
          notify: "firing",
          reason: "first notification",
        };

  if (prev.state === "inactive") {
    if (!active) return { next: prev, event: null, notify: null, reason: null };
    const pending: AlertMemory = { ...INACTIVE, state: "pending", activeSince: now };
    return rule.forSeconds <= 0 ? fire(pending) : { next: pending, event: "pending", notify: null, reason: null };
  }
  if (prev.state === "pending") {
    if (!active) return { next: INACTIVE, event: "cleared", notify: null, reason: null };
    return since(prev.activeSince) >= rule.forSeconds ? fire(prev) : { next: prev, event: null, notify: null, reason: null };
  }
  // firing
  const notifiedThisEpisode = !!prev.lastNotifiedAt && !!prev.firingSince && prev.lastNotifiedAt >= prev.firingSince;
  if (!active) {
    return {
      next: { ...INACTIVE, resolvedAt: now },
      event: "resolved",
      notify: notifiedThisEpisode && !silenced ? "resolved" : null,
      reason: notifiedThisEpisode && !silenced ? "resolved" : null,
    };
  }
  if (silenced) return { next: prev, event: null, notify: null, reason: null };
  if (!notifiedThisEpisode) return { next: { ...prev, lastNotifiedAt: now }, event: null, notify: "firing", reason: "silence ended" };
  if (since(prev.lastNotifiedAt) >= rule.repeatSeconds)
    return { next: { ...prev, lastNotifiedAt: now }, event: null, notify: "firing", reason: "repeat interval elapsed" };
  return { next: prev, event: null, notify: null, reason: null };
}
