// A small read that many concurrent requests need fresh (has the registry changed? which policy is in
// force?), sent once for a whole batch of them. Reads are numbered as they are sent, all kinds on one
// count. A request notes the count when it arrives (its mark): any read numbered above the mark was
// sent after the request arrived, so its answer is fresh enough for that request — a write
// acknowledged anywhere before the request arrived is seen — however many requests share it. At most
// one read of a kind is in flight and one queued behind it, so under load a kind costs one round trip
// per round trip's worth of requests, not one per request.
import { AsyncLocalStorage } from "node:async_hooks";

let sent = 0;
const arrivals = new AsyncLocalStorage<number>();

/** Runs one request with its mark taken now: every shared read inside it answers as of its arrival at least. */
export function arrivalScope<T>(handle: () => T): T {
  return arrivals.run(sent, handle);
}

/**
 * `query` wrapped so that a caller gets an answer from a run of it sent after the caller's request
 * arrived (outside `arrivalScope`: after the call). Runs never overlap: one that depends on what the
 * previous run learnt (a change log read from the last position) may keep that position itself.
 */
export function sharedRead<T>(query: () => Promise<T>): () => Promise<T> {
  let latest: { seq: number; value: T } | null = null;
  let inFlight: { seq: number; read: Promise<T> } | null = null;
  let queued: Promise<T> | null = null;

  const send = (): Promise<T> => {
    const seq = ++sent;
    const read = query().then((value) => {
      if (!latest || seq > latest.seq) latest = { seq, value };
      return value;
    });
    inFlight = { seq, read };
    const clear = () => {
      if (inFlight?.seq === seq) inFlight = null;
    };
    read.then(clear, clear);
    return read;
  };

  return () => {
    const mark = arrivals.getStore() ?? sent;
    if (latest && latest.seq > mark) return Promise.resolve(latest.value);
    if (inFlight && inFlight.seq > mark) return inFlight.read;
    if (!inFlight) return send();
    if (!queued) {
      const next = () => {
        queued = null;
        return send();
      };
      queued = inFlight.read.then(next, next);
    }
    return queued;
  };
}
