// A value that is costly to compute and may be a few seconds old: computed at most once per `maxAgeMs`
// in a process, and callers that ask while it is being computed share that one computation. A failed
// computation is not kept: the next caller tries again.

export function recentValue<T>(maxAgeMs: number, compute: () => Promise<T>, now: () => number = Date.now): () => Promise<T> {
  let kept: { at: number; value: T } | null = null;
  let running: Promise<T> | null = null;
  return () => {
    if (kept && now() - kept.at < maxAgeMs) return Promise.resolve(kept.value);
    if (running) return running;
    const startedAt = now();
    const run = compute().then(
      (value) => {
        // Aged from when the computation started: what it read is at least that old.
        kept = { at: startedAt, value };
        running = null;
        return value;
      },
      (error: unknown) => {
        running = null;
        throw error;
      },
    );
    running = run;
    return run;
  };
}
