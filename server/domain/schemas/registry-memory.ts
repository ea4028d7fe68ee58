// What each web process keeps of the registry's subjects: their version rows and their settings rows,
// exact across processes. Every write to those tables logs the subject it changed under the writer's
// transaction id (a trigger, in the writer's transaction; migration 20261130222455), so nothing is
// shared among writers: no counter row to queue on at commit. Before answering from memory a request
// waits for one read sent after it arrived (server/db/shared-read.ts: one per batch of requests) that
// takes a snapshot and lists the subjects changed by transactions the previous read's snapshot did not
// see; those are forgotten and read again. So a write acknowledged anywhere before a request arrived is
// seen by it, at one small round trip per batch. Inside a transaction callers read the database directly.
import { rawQuery, sharedRead } from "@/server/db";

export { arrivalScope as registryRequest } from "@/server/db";

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

/**
 * A point this process has caught up to: `round` counts this process's reads of the log (a later
 * round knows more), `snapshot` is the database snapshot of that read (pg_snapshot text): every change
 * it shows visible is known here.
 */
export type Position = { round: number; snapshot: string };
type Kept = SubjectState & { validFrom: Position };

const MAX_SUBJECTS = 50_000;
const kept = new Map<string, Kept>();
/** The last round in which each subject was learnt to have changed. */
const changedAt = new Map<string, number>();
/** Every subject changed in this round (a TRUNCATE, or this process fell behind the pruned log). */
let allChangedAt = 0;
/** Where this process has caught up to; null before its first read. */
let caughtUp: Position | null = null;

function forgetAll(round: number) {
  kept.clear();
  changedAt.clear();
  allChangedAt = round;
}

// One read: a new snapshot, the log's floor (rows of transactions below it may have been pruned), and
// the subjects changed by transactions that the previous snapshot did not see ("" the global settings,
// null all of them). Transactions below a snapshot's xmin had all ended when it was taken, so only log
// rows from there up can be new to it.
const LOG_READ = `SELECT pg_current_snapshot()::text AS snapshot,
  (SELECT "xid" FROM "RegistryLogFloor" WHERE "id" = 1) AS floor,
  pg_snapshot_xmin($1::text::pg_snapshot)::text AS "from",
  (SELECT json_agg("subject") FROM "RegistryChange"
    WHERE $1::text IS NOT NULL AND "xid" >= pg_snapshot_xmin($1::text::pg_snapshot)::text::bigint
      AND NOT pg_visible_in_snapshot("xid"::text::xid8, $1::text::pg_snapshot)) AS changed`;

const readLog = sharedRead(async (): Promise<Position> => {
  // With nothing kept there is nothing to forget: a new process (or one that forgot) starts from now.
  const base = kept.size && caughtUp ? caughtUp.snapshot : null;
  const [row] = await rawQuery<{ snapshot: string; floor: string | null; from: string | null; changed: (string | null)[] | null }>(
    LOG_READ,
    [base],
  );
  const round = (caughtUp?.round ?? 0) + 1;
  if (base === null || BigInt(row!.floor ?? 0) > BigInt(row!.from ?? 0)) forgetAll(round);
  for (const subject of row!.changed ?? []) {
    if (subject === null) forgetAll(round);
    else {
      changedAt.set(subject, round);
      kept.delete(subject);
    }
  }
  if (changedAt.size > MAX_SUBJECTS) forgetAll(round);
  caughtUp = { round, snapshot: row!.snapshot };
  return caughtUp;
});

function changedSince(subject: string, round: number): boolean {
  return allChangedAt > round || (changedAt.get(subject) ?? 0) > round;
}

/** Whether this process holds the subject's rows (possibly to be read again): false for one it never read. */
export function holdsSubject(subject: string): boolean {
  return kept.has(subject);
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
 * The same, with the position it holds from: no change to the subject after `validFrom` was known
 * when it was read or kept. A writer that finds no change in the log unseen by that snapshot knows the
 * state is still exact (the registration fast path does).
 */
export async function subjectStateAt(subject: string): Promise<{ state: SubjectState; validFrom: Position }> {
  const validFrom = await readLog();
  const known = kept.get(subject);
  if (known && !changedSince(subject, known.validFrom.round)) return { state: known, validFrom: known.validFrom };
  // The rows are read after the process caught up to `validFrom`, so they are at least that new; they
  // are kept only if no change to the subject was learnt while they were being read.
  const state = await load(subject);
  if (!changedSince(subject, validFrom.round)) {
    if (kept.size >= MAX_SUBJECTS) kept.delete(kept.keys().next().value!);
    kept.set(subject, { ...state, validFrom });
  }
  return { state, validFrom };
}
