// What each web process keeps of the registry's subjects: their version rows and their settings rows,
// exact across processes. Every write to those tables moves a counter (a trigger, in the writer's
// transaction; migration 20261130121032), and before answering from memory a request reads the counter
// with a query sent after the request arrived: if it moved, the subjects that changed since are
// forgotten and read again. Concurrent requests share one such read, so the check costs one small round
// trip per batch of requests, never a stale answer: a write acknowledged anywhere before a request
// arrived is seen by it. Inside a transaction callers read the database directly instead.
import { AsyncLocalStorage } from "node:async_hooks";
import { rawQuery } from "@/server/db";

export type VersionRow = {
  subject: string;
  version: number;
  schemaId: number;
  deleted: boolean;
  createdAt: Date;
  registeredUnder: string | null;
};
export type SettingsRow = {
  subject: string;
  compatibility: string | null;
  normalize: boolean | null;
  mode: string | null;
  ownerTeam: string | null;
};
export type SubjectState = { versions: VersionRow[]; settings: SettingsRow | null };

type Kept = SubjectState & { validFrom: number };

const MAX_SUBJECTS = 50_000;
const kept = new Map<string, Kept>();
/** The last epoch at which each subject changed, as far as this process has caught up. */
const changedAt = new Map<string, number>();
/** Every subject changed at this epoch (a TRUNCATE, or this process fell behind the pruned log). */
let allChangedAt = 0;
/** The epoch this process has caught up to. */
let caughtUp = 0;

// ── the counter, read once per batch of requests ──
// Reads are numbered as they are sent. A request notes how many had been sent when it arrived (its
// mark): any read numbered above it was sent after the request arrived, so its answer is fresh enough
// for that request, however many other requests share it.
let sends = 0;
let latest: { seq: number; epoch: number } | null = null;
let inFlight: { seq: number; read: Promise<number> } | null = null;
let queued: Promise<number> | null = null;
const arrivals = new AsyncLocalStorage<number>();

function send(): Promise<number> {
  const seq = ++sends;
  const read = rawQuery<{ epoch: string }>(`SELECT "epoch" FROM "RegistryEpoch" WHERE "id" = 1`).then((rows) => {
    const epoch = Number(rows[0]?.epoch ?? 0);
    if (!latest || seq > latest.seq) latest = { seq, epoch };
    return epoch;
  });
  inFlight = { seq, read };
  const clear = () => {
    if (inFlight?.seq === seq) inFlight = null;
  };
  read.then(clear, clear);
  return read;
}

/** The counter as read by a query sent after `mark` (see above). */
function epochSince(mark: number): Promise<number> {
  if (latest && latest.seq > mark) return Promise.resolve(latest.epoch);
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
}

/**
 * Runs one request's reads against one mark taken now: every read of the registry inside it answers
 * at least as of the request's arrival, and the first freshness check serves the ones after it.
 */
export function registryRequest<T>(handle: () => T): T {
  return arrivals.run(sends, handle);
}

// ── catching up with the change log ──
let catching: Promise<void> | null = null;

function forgetAll(epoch: number) {
  kept.clear();
  changedAt.clear();
  allChangedAt = epoch;
}

async function catchUp(target: number): Promise<void> {
  // Nothing kept, nothing to forget: a new process starts where the counter is.
  if (!kept.size) {
    forgetAll(target);
    caughtUp = Math.max(caughtUp, target);
    return;
  }
  const from = caughtUp;
  const rows = await rawQuery<{ epoch: string; subject: string | null }>(
    `SELECT "epoch", "subject" FROM "RegistryChange" WHERE "epoch" > $1 ORDER BY "epoch"`,
    [from],
  );
  if (!rows.length) {
    // The counter moved but its log holds nothing after `from` (emptied by hand): forget everything.
    forgetAll(target);
    caughtUp = Math.max(caughtUp, target);
    return;
  }
  // Epochs are consecutive: a gap means the log was pruned past what this process knew.
  if (Number(rows[0]!.epoch) !== from + 1) forgetAll(Number(rows.at(-1)!.epoch));
  for (const row of rows) {
    const epoch = Number(row.epoch);
    if (row.subject === null) forgetAll(epoch);
    else {
      changedAt.set(row.subject, epoch);
      kept.delete(row.subject);
    }
  }
  if (changedAt.size > MAX_SUBJECTS) forgetAll(Number(rows.at(-1)!.epoch));
  caughtUp = Math.max(caughtUp, Number(rows.at(-1)!.epoch));
}

/** Resolves once this process knows every change committed before the call. */
async function fresh(): Promise<void> {
  const epoch = await epochSince(arrivals.getStore() ?? sends);
  while (caughtUp < epoch) {
    catching ??= catchUp(epoch).finally(() => {
      catching = null;
    });
    await catching;
  }
}

function changedSince(subject: string, epoch: number): boolean {
  return allChangedAt > epoch || (changedAt.get(subject) ?? 0) > epoch;
}

/** Both rows of a subject in one round trip (a registration of a new subject starts with this read). */
async function load(subject: string): Promise<SubjectState> {
  const [row] = await rawQuery<{
    versions: (Omit<VersionRow, "createdAt"> & { createdAt: string })[] | null;
    settings: SettingsRow | null;
  }>(
    `SELECT
      (SELECT json_agg(v ORDER BY v.version) FROM (
         SELECT subject, version, "schemaId", deleted, "createdAt", "registeredUnder" FROM "SubjectVersion" WHERE subject = $1) v) AS versions,
      (SELECT row_to_json(c) FROM (
         SELECT subject, compatibility, normalize, mode, "ownerTeam" FROM "SubjectConfig" WHERE subject = $1) c) AS settings`,
    [subject],
  );
  return {
    // timestamp(3) columns hold UTC without a zone (Prisma's convention): json gives them without one.
    versions: (row?.versions ?? []).map((v) => ({ ...v, createdAt: new Date(`${v.createdAt}Z`) })),
    settings: row?.settings ?? null,
  };
}

/** A subject's version rows (oldest first, deleted ones included) and its settings row, as committed now. */
export async function subjectState(subject: string): Promise<SubjectState> {
  return (await subjectStateAt(subject)).state;
}

/**
 * The same, with the change epoch it holds from: no change to the subject after `validFrom` was known
 * when it was read or kept. A writer that finds no change in the log after that epoch knows the state
 * is still exact (the registration fast path does).
 */
export async function subjectStateAt(subject: string): Promise<{ state: SubjectState; validFrom: number }> {
  await fresh();
  const known = kept.get(subject);
  if (known && !changedSince(subject, known.validFrom)) return { state: known, validFrom: known.validFrom };
  // The rows are read after the process caught up to `validFrom`, so they are at least that new; they
  // are kept only if no change to the subject was learnt while they were being read.
  const validFrom = caughtUp;
  const state = await load(subject);
  if (!changedSince(subject, validFrom)) {
    if (kept.size >= MAX_SUBJECTS) kept.delete(kept.keys().next().value!);
    kept.set(subject, { ...state, validFrom });
  }
  return { state, validFrom };
}
