// A loop that runs `tick`, then sleeps, until the signal aborts; a failing tick is logged and the loop
// goes on. Shutdown waits for the tick in progress, so no write is cut in half.
export interface Loop {
  stopped: Promise<void>;
}

export function runLoop(name: string, intervalMs: number, tick: () => Promise<void>, signal: AbortSignal): Loop {
  const stopped = (async () => {
    while (!signal.aborted) {
      try {
        await tick();
      } catch (e) {
        console.error(`[${name}] tick failed:`, e);
      }
      await sleep(intervalMs, signal);
    }
  })();
  return { stopped };
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}
