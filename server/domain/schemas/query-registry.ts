// Reading subjects, versions and schemas the way the registry API answers them.
import { db, type Prisma } from "@/server/db";
import type { SchemaType } from "./compat-types";
import type { SchemaReferenceInput } from "./canonical-schema";
import { RegistryError } from "./registry-errors";
import type { ResolvedReference } from "./schema-formats";
import { subjectState, type SettingsRow } from "./registry-memory";

export type SchemaRecord = { id: number; type: SchemaType; schema: string; references: SchemaReferenceInput[] };
export type VersionRecord = SchemaRecord & { subject: string; version: number; deleted: boolean; createdAt: Date };

const MAX_VERSION = 2 ** 31 - 1;

/** "latest", -1 or 1…2^31-1. */
export function parseVersion(raw: string | number): number | "latest" {
  const text = String(raw);
  if (text === "latest" || text === "-1") return "latest";
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < 1 || n > MAX_VERSION) {
    throw new RegistryError(
      "INVALID_VERSION",
      `The specified version '${text}' is not a valid version id. Allowed values are between [1, 2^31-1] and the string "latest"`,
    );
  }
  return n;
}

function toSchemaRecord(row: { id: number; type: string; schema: string; references: unknown }): SchemaRecord {
  return { id: row.id, type: row.type as SchemaType, schema: row.schema, references: (row.references as SchemaReferenceInput[]) ?? [] };
}

// A schema row never changes and is never deleted once committed (versions are what get deleted), and
// an id is only ever read once its registration committed: so a schema read by id stays true for ever
// and every process may keep it, with nothing to invalidate. Misses are not kept (the id may come).
const byId = new Map<number, SchemaRecord>();
const BY_ID_MAX = 20_000;

function remember(record: SchemaRecord) {
  if (byId.size >= BY_ID_MAX) byId.delete(byId.keys().next().value!);
  byId.set(record.id, record);
}

export async function getSchemaById(id: number): Promise<SchemaRecord> {
  const known = byId.get(id);
  if (known) return known;
  const row = Number.isSafeInteger(id) ? await db.schema.findUnique({ where: { id } }) : null;
  if (!row) throw new RegistryError("SCHEMA_NOT_FOUND", "Schema not found", { id });
  const record = toSchemaRecord(row);
  remember(record);
  return record;
}

/**
 * Schemas by id, from memory where known, the rest in one query. Only rows read outside a transaction
 * are kept: inside one, a row may be that transaction's own, uncommitted (and its id reused if it rolls back).
 */
async function schemasByIds(ids: number[], reader: RegistryReader): Promise<Map<number, SchemaRecord>> {
  const out = new Map<number, SchemaRecord>();
  const missing: number[] = [];
  for (const id of new Set(ids)) {
    const known = byId.get(id);
    if (known) out.set(id, known);
    else missing.push(id);
  }
  if (missing.length) {
    for (const row of await reader.schema.findMany({ where: { id: { in: missing } } })) {
      const record = toSchemaRecord(row);
      out.set(record.id, record);
      if (reader === db) remember(record);
    }
  }
  return out;
}

export async function subjectsForSchema(id: number, deleted: boolean): Promise<{ subject: string; version: number }[]> {
  await getSchemaById(id);
  const rows = await db.subjectVersion.findMany({
    where: { schemaId: id, ...(deleted ? {} : { deleted: false }) },
    orderBy: [{ subject: "asc" }, { version: "asc" }],
  });
  return rows.map((r) => ({ subject: r.subject, version: r.version }));
}

export async function listSubjects(opts: { prefix?: string; deleted?: boolean; deletedOnly?: boolean }): Promise<string[]> {
  const rows = await db.subjectVersion.groupBy({
    by: ["subject"],
    where: opts.prefix ? { subject: { startsWith: opts.prefix } } : {},
    _count: { _all: true },
    _sum: { version: true },
  });
  const live = new Set(
    (await db.subjectVersion.findMany({ where: { deleted: false }, distinct: ["subject"], select: { subject: true } })).map(
      (r) => r.subject,
    ),
  );
  return rows
    .map((r) => r.subject)
    .filter((s) => (opts.deletedOnly ? !live.has(s) : opts.deleted ? true : live.has(s)))
    .sort();
}

/** The database, or a transaction that must see its own writes and hold its locks while reading. */
export type RegistryReader = Pick<Prisma.TransactionClient, "subjectVersion" | "subjectConfig" | "schema" | "$queryRaw">;

// A fingerprint names one schema for ever once its row committed (rows are never changed or deleted);
// an unknown fingerprint is asked again each time (its schema may come).
const idByFingerprint = new Map<string, number>();

async function schemaIdOf(fingerprint: string): Promise<number | null> {
  const known = idByFingerprint.get(fingerprint);
  if (known !== undefined) return known;
  const row = await db.schema.findUnique({ where: { fingerprint }, select: { id: true } });
  if (!row) return null;
  if (idByFingerprint.size >= BY_ID_MAX) idByFingerprint.delete(idByFingerprint.keys().next().value!);
  idByFingerprint.set(fingerprint, row.id);
  return row.id;
}

/**
 * The schema with this fingerprint, if any, and the version of `subject` that holds it (the lowest or
 * the highest; deleted ones only when asked), from the process's registry memory: what the idempotent
 * registration and lookup ask first. (Under the registration lock, `registrationSnapshot` reads it.)
 */
export async function schemaInSubject(
  fingerprint: string,
  subject: string,
  opts: { deleted?: boolean; newest?: boolean } = {},
): Promise<{ id: number; version: number | null } | null> {
  const id = await schemaIdOf(fingerprint);
  if (id === null) return null;
  const holding = (await subjectState(subject)).versions.filter((v) => v.schemaId === id && (opts.deleted || !v.deleted));
  const version = holding.length ? (opts.newest ? holding.at(-1)! : holding[0]!).version : null;
  return { id, version };
}

/** What a registration decides from, as it stands inside its transaction. */
export type RegistrationSnapshot = {
  own: SettingsRow | null;
  global: SettingsRow | null;
  /** the id of the schema with the candidate's fingerprint, if any */
  knownId: number | null;
  /** the subject's versions, oldest first, deleted ones too */
  versions: { version: number; id: number; deleted: boolean }[];
};

/** The subject's and the global settings, the candidate's schema id and the subject's versions, in one round trip. */
export async function registrationSnapshot(
  tx: Pick<RegistryReader, "$queryRaw">,
  subject: string,
  fingerprint: string,
): Promise<RegistrationSnapshot> {
  const [row] = await tx.$queryRaw<
    { settings: SettingsRow[] | null; knownId: number | null; versions: RegistrationSnapshot["versions"] | null }[]
  >`
    SELECT
      (SELECT json_agg(c) FROM "SubjectConfig" c WHERE c.subject IN (${subject}, '')) AS settings,
      (SELECT s.id FROM "Schema" s WHERE s.fingerprint = ${fingerprint}) AS "knownId",
      (SELECT json_agg(json_build_object('version', v.version, 'id', v."schemaId", 'deleted', v.deleted) ORDER BY v.version)
         FROM "SubjectVersion" v WHERE v.subject = ${subject}) AS versions`;
  const settings = row?.settings ?? [];
  return {
    own: settings.find((c) => c.subject === subject && subject !== "") ?? null,
    global: settings.find((c) => c.subject === "") ?? null,
    knownId: row?.knownId ?? null,
    versions: row?.versions ?? [],
  };
}

type VersionRow = { subject: string; version: number; schemaId: number; deleted: boolean; createdAt: Date };

/** A subject's version rows (oldest first, deleted ones too): outside a transaction from the process's registry memory. */
async function versionRows(subject: string, reader: RegistryReader = db): Promise<VersionRow[]> {
  if (reader === db) return (await subjectState(subject)).versions;
  return reader.subjectVersion.findMany({ where: { subject }, orderBy: { version: "asc" } });
}

// Built field by field: object spread over these rows fell to V8's slow path and cost a fifth of a
// compatibility check's CPU (measured with --cpu-prof under npm run bench -- registry's load).
function versionRecord(row: VersionRow, schema: SchemaRecord): VersionRecord {
  return {
    id: schema.id,
    type: schema.type,
    schema: schema.schema,
    references: schema.references,
    subject: row.subject,
    version: row.version,
    deleted: row.deleted,
    createdAt: row.createdAt,
  };
}

function visibleRows(subject: string, rows: VersionRow[], opts: { deleted?: boolean; deletedOnly?: boolean }): VersionRow[] {
  const visible = rows.filter((r) => (opts.deletedOnly ? r.deleted : opts.deleted ? true : !r.deleted));
  if (!rows.length || (!visible.length && !opts.deletedOnly && !opts.deleted)) {
    throw new RegistryError("SUBJECT_NOT_FOUND", `Subject '${subject}' not found.`, { subject });
  }
  return visible;
}

/** All versions of a subject (oldest first); throws when the subject has none (or only deleted ones and !deleted). */
export async function listVersions(
  subject: string,
  opts: { deleted?: boolean; deletedOnly?: boolean } = {},
  reader: RegistryReader = db,
): Promise<VersionRecord[]> {
  const visible = visibleRows(subject, await versionRows(subject, reader), opts);
  const schemas = await schemasByIds(
    visible.map((r) => r.schemaId),
    reader,
  );
  return visible.map((r) => versionRecord(r, schemas.get(r.schemaId)!));
}

/**
 * The (version, schema id) pairs of a subject's versions, without their schemas: what a compatibility
 * verdict is keyed by, so a kept verdict is found without reading a single schema.
 */
export async function versionIds(
  subject: string,
  opts: { deleted?: boolean } = {},
  reader: RegistryReader = db,
): Promise<{ version: number; id: number; deleted: boolean }[]> {
  return (await versionRows(subject, reader))
    .filter((r) => opts.deleted || !r.deleted)
    .map((r) => ({ version: r.version, id: r.schemaId, deleted: r.deleted }));
}

export async function getVersion(subject: string, rawVersion: string | number, deleted = false): Promise<VersionRecord> {
  const version = parseVersion(rawVersion);
  const rows = await versionRows(subject);
  const candidates = deleted ? rows : rows.filter((v) => !v.deleted);
  if (!candidates.length) throw new RegistryError("SUBJECT_NOT_FOUND", `Subject '${subject}' not found.`, { subject });
  const found = version === "latest" ? candidates.at(-1) : candidates.find((v) => v.version === version);
  if (!found) throw new RegistryError("VERSION_NOT_FOUND", `Version ${rawVersion} not found.`, { subject, version: rawVersion });
  return versionRecord(found, await getSchemaById(found.schemaId));
}

/** Ids of schemas that reference this subject version. */
export async function referencedBy(subject: string, rawVersion: string | number): Promise<number[]> {
  const version = await getVersion(subject, rawVersion, true);
  const refs = await db.schemaReference.findMany({ where: { subject, version: version.version }, orderBy: { schemaId: "asc" } });
  return [...new Set(refs.map((r) => r.schemaId))];
}

/** Turns declared references into their schema texts, dependencies first, each once. */
export async function resolveReferences(references: SchemaReferenceInput[], seen = new Set<string>()): Promise<ResolvedReference[]> {
  const out: ResolvedReference[] = [];
  for (const ref of references) {
    const key = `${ref.subject}:${ref.version}`;
    if (seen.has(key)) continue;
    seen.add(key);
    let version: VersionRecord;
    try {
      version = await getVersion(ref.subject, ref.version === -1 ? "latest" : ref.version, true);
    } catch (error) {
      if (error instanceof RegistryError) {
        throw new RegistryError(
          "INVALID_SCHEMA",
          `Invalid schema: reference '${ref.name}' to ${ref.subject} version ${ref.version} not found`,
        );
      }
      throw error;
    }
    out.push(...(await resolveReferences(version.references, seen)));
    out.push({ name: ref.name, subject: ref.subject, version: version.version, schema: version.schema });
  }
  return out;
}

export type SchemaListing = {
  subject: string;
  version: number;
  id: number;
  type: SchemaType;
  schema: string;
  references: SchemaReferenceInput[];
};

/** GET /schemas: the latest (or every) version of each subject. */
export async function listSchemas(opts: {
  prefix?: string;
  deleted?: boolean;
  latestOnly?: boolean;
  offset?: number;
  limit?: number;
}): Promise<SchemaListing[]> {
  const rows = await db.subjectVersion.findMany({
    where: { ...(opts.prefix ? { subject: { startsWith: opts.prefix } } : {}), ...(opts.deleted ? {} : { deleted: false }) },
    orderBy: [{ subject: "asc" }, { version: "asc" }],
    include: { schema: true },
  });
  let listed = rows.map((r) => ({ ...toSchemaRecord(r.schema), subject: r.subject, version: r.version }));
  if (opts.latestOnly) listed = listed.filter((r, i) => listed[i + 1]?.subject !== r.subject);
  const offset = opts.offset ?? 0;
  return listed.slice(offset, opts.limit && opts.limit > 0 ? offset + opts.limit : undefined);
}
