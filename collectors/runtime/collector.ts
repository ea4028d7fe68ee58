// What a worker loop is: a name, how often it ticks, one tick, and what to do after its last tick.
// main.ts lists the collectors and runs each with runLoop.
export interface Collector {
  name: string;
  intervalMs: number;
  /** One pass; a failure is logged and the next pass runs on schedule. */
  tick(): Promise<void>;
  /** After the last tick, on shutdown (e.g. hand leases to another worker at once). */
  stop?(): Promise<void>;
}
