// Registering, looking up and checking a schema under a subject. Registration is idempotent (the
// same schema under the same subject returns its existing version) and ids are global (the same
// schema under another subject gets the same id). Ids and versions are assigned under a
// transaction-scoped advisory lock, so concurrent registrations never collide.
import { db, rawQuery, type Prisma } from "@/server/db";
import { checkParsed } from "./check-compatibility";
import { cachedVerdict } from "./verdict-cache";
import { canonicalText, fingerprint, type SchemaReferenceInput } from "./canonical-schema";
import { GLOBAL, SCHEMA_TYPES, type CompatibilityLevel, type Mode, type SchemaType, type Verdict } from "./compat-types";
import { effectiveConfig, effectiveSettings, subjectSettings } from "./registry-config";
import { RegistryError } from "./registry-errors";
import type { Actor } from "@/server/domain/identity";
import { recordAudit, registrationAudit } from "./registry-audit";
import { holdsSubject, subjectStateAt } from "./registry-memory";
import {
  getVersion,
  listVersions,
  registrationSnapshot,
  resolveReferences,
  schemaInSubject,
  versionIds,
  type RegistryReader,
  type VersionRecord,
} from "./query-registry";
import { authorizeSubjectWriteOf, claimingTeam } from "./subject-owner";
import { InvalidSchemaError, parseSchema, type ParsedSchema, type ResolvedReference } from "./schema-formats";
import { cachedParse, storedKey, submittedKey } from "./parsed-cache";
import { enforceSchemaPolicy, PolicyRefusal, type Violation } from "@/server/domain/policies";
import { schemaShape } from "./schema-shape";

export type SchemaInput = { schema?: unknown; schemaType?: unknown; references?: unknown; id?: unknown; version?: unknown };
type CleanInput = { schema: string; type: SchemaType; references: SchemaReferenceInput[] };

const REGISTRY_LOCK = 0x45_50_53_52; // "EPSR"
const MAX_INT32 = 2 ** 31 - 1;

export function validateSubject(subject: string): void {
  // Control characters would make the subject unusable in URLs and logs.
  if (!subject.trim() || /[\u0000-\u001f]/.test(subject) || subject.length > 512) {
    throw new RegistryError("INVALID_SUBJECT", `The specified subject '${subject}' is not a valid subject name`);
  }
}

function cleanInput(input: SchemaInput): CleanInput {
  if (typeof input.schema !== "string" || !input.schema.trim())
    throw new RegistryError("INVALID_SCHEMA", "Invalid schema: the request has no schema");
  const type = input.schemaType === undefined || input.schemaType === null ? "AVRO" : String(input.schemaType).toUpperCase();
  if (!(SCHEMA_TYPES as readonly string[]).includes(type))
    throw new RegistryError("INVALID_SCHEMA", `Invalid schema type ${String(input.schemaType)}`);
  const refs = input.references ?? [];
  if (!Array.isArray(refs)) throw new RegistryError("INVALID_SCHEMA", "Invalid schema: references must be a list");
  const references = refs.map((r: unknown) => {
    const ref = r as Record<string, unknown>;
    if (typeof ref?.name !== "string" || typeof ref.subject !== "string" || !Number.isInteger(Number(ref.version))) {
      throw new RegistryError("INVALID_SCHEMA", "Invalid schema: each reference needs name, subject and version");
    }
    return { name: ref.name, subject: ref.subject, version: Number(ref.version) };
  });
  return { schema: input.schema, type: type as SchemaType, references };
}

type Identified = CleanInput & { canonical: string; fingerprint: string };
type Prepared = Identified & { parsed: ParsedSchema };

/** The submitted schema checked, parsed (through the shared cache) and given its canonical form. */
export async function prepareSchema(input: SchemaInput, normalize: boolean): Promise<Prepared> {
  const clean = cleanInput(input);
  const resolved = await resolveReferences(clean.references);
  let parsed: ParsedSchema;
  try {
    parsed = await cachedParse(submittedKey(clean.type, clean.schema, resolved), () =>
      parseSchema(clean.type, { schema: clean.schema, references: resolved }),
    );
  } catch (error) {
    if (error instanceof InvalidSchemaError) throw new RegistryError("INVALID_SCHEMA", error.message);
    throw error;
  }
  return { ...identified(clean, resolved, normalize), parsed };
}

/** Its canonical form and fingerprint without the parse: enough to find a schema among stored ones. */
async function identifySchema(input: SchemaInput, normalize: boolean): Promise<Identified> {
  const clean = cleanInput(input);
  return identified(clean, await resolveReferences(clean.references), normalize);
}

function identified(clean: CleanInput, resolved: ResolvedReference[], normalize: boolean): Identified {
  // Pinned versions: a reference to "latest" is stored as the version it meant at registration.
  const references = clean.references.map((r) => ({ ...r, version: resolved.find((x) => x.name === r.name)?.version ?? r.version }));
  const canonical = canonicalText(clean.type, clean.schema, normalize);
  return { ...clean, references, canonical, fingerprint: fingerprint(clean.type, canonical, references) };
}

async function parsedVersions(versions: VersionRecord[]) {
  return Promise.all(
    versions.map(async (v) => ({
      version: v.version,
      parsed: await cachedParse(storedKey(v.id), async () =>
        parseSchema(v.type, { schema: v.schema, references: await resolveReferences(v.references) }),
      ),
    })),
  );
}

export type CheckOptions = { normalize?: boolean; level?: CompatibilityLevel };

/** Compatibility of a candidate against one version or, with `version` undefined, against what the level requires. */
export async function checkAgainstSubject(
  subject: string,
  input: SchemaInput,
  version: string | undefined,
  opts: CheckOptions = {},
): Promise<Verdict> {
  const config = await effectiveConfig(subject);
  const prepared = await prepareSchema(input, opts.normalize ?? config.normalize);
  const level = opts.level ?? config.level;
  if (version !== undefined) {
    // A check against one named version compares with that version only, in the level's directions.
    const one = [await getVersion(subject, version)];
    const direct = level.replace("_TRANSITIVE", "") as CompatibilityLevel;
    return cachedVerdict(direct, prepared.fingerprint, one, async () => checkParsed(direct, await parsedVersions(one), prepared.parsed));
  }
  // Keyed by the versions' ids: a kept verdict is answered without reading a schema.
  const live = await versionIds(subject);
  return cachedVerdict(level, prepared.fingerprint, live, async () =>
    checkParsed(level, await parsedVersions(await listVersionsOrEmpty(subject, false)), prepared.parsed),
  );
}

export type Registered = {
  id: number;
  version: number;
  subject: string;
  schemaType: SchemaType;
  schema: string;
  references: SchemaReferenceInput[];
  /** the policy's warnings, on a newly registered version */
  warnings?: Violation[];
};

export async function registerSchema(
  subject: string,
  input: SchemaInput,
  opts: { normalize?: boolean; actor: Actor },
): Promise<Registered> {
  validateSubject(subject);
  // A subject this process never read is most often a new one (a new topic's first registration):
  // its first version is tried in one call, on the assumption that it has no rows at all.
  const plain =
    input.id == null &&
    input.version == null &&
    (input.references == null || (Array.isArray(input.references) && !input.references.length));
  if (plain && !holdsSubject(subject)) {
    const first = await registerFirstVersion(subject, input, opts);
    if (first) return first;
  }
  const settings = await subjectSettings(subject);
  const owner = authorizeSubjectWriteOf(opts.actor, subject, settings.owner);
  const explicitId = input.id === undefined || input.id === null ? undefined : Number(input.id);
  const explicitVersion = input.version === undefined || input.version === null ? undefined : Number(input.version);
  // Ids and versions are 32-bit in Confluent's API (and in our columns).
  if (explicitVersion !== undefined && !(Number.isInteger(explicitVersion) && explicitVersion >= 1 && explicitVersion <= MAX_INT32))
    throw new RegistryError(
      "INVALID_VERSION",
      `The specified version '${String(input.version)}' is not a valid version id. Allowed values are between [1, 2^31-1]`,
    );
  if (explicitId !== undefined && !(Number.isInteger(explicitId) && explicitId >= 1 && explicitId <= MAX_INT32))
    throw new RegistryError("INVALID_SCHEMA", `Invalid schema id ${String(input.id)}: ids are between 1 and 2^31-1`);
  const config = settings;
  const prepared = await prepareSchema(input, opts.normalize ?? config.normalize);

  // Fast path, without the lock: the schema already is a live version of this subject (what every
  // serializer's start-up registration finds). A committed state answers it; nothing is written.
  const early = await decide(subject, prepared, explicitId, { mode: settings.mode });
  if (early.existing) return early.existing;
  // A new version meets the policy first (an existing one was let in before, and running serializers
  // re-register it at every start: refusing it now would stop them). Outside the lock: the policy
  // reads only the schema, the subject's name and its level.
  const warnings = await policyWarnings(subject, prepared.parsed, config.level, owner ?? claimingTeam(opts.actor));

  // The usual registration (no chosen id or version, no references) is decided from memory and written
  // in one call; when the registry moved under it, it is decided again below, under the lock.
  if (explicitId === undefined && explicitVersion === undefined && !prepared.references.length) {
    const fast = await registerFromMemory(subject, prepared, owner, opts.actor);
    if (fast) return { ...fast, warnings };
  }

  return db.$transaction(async (tx) => {
    // One registration per subject at a time (its versions are numbered and checked in order);
    // other subjects' go on alongside. Imports choose ids, so they also take the registry-wide lock.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${REGISTRY_LOCK}::int, hashtext(${subject}))`;
    if (settings.mode === "IMPORT" || explicitId !== undefined)
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${REGISTRY_LOCK}::bigint)`;
    // Decided again under the lock, so a registration that committed meanwhile is checked against.
    const decision = await decide(subject, prepared, explicitId, { tx });
    if (decision.existing) return decision.existing;
    const schemaId = decision.knownId ?? (await insertSchema(tx, prepared, explicitId));
    const version = explicitVersion ?? decision.lastVersion + 1;
    if (decision.versions.has(version)) {
      throw new RegistryError("INVALID_VERSION", `Version ${version} already exists for subject ${subject}`);
    }
    await tx.subjectVersion.create({ data: { subject, version, schemaId, registeredUnder: decision.level ?? null } });
    const claim = owner === null && decision.lastVersion === 0 ? claimingTeam(opts.actor) : null;
    if (claim) await tx.subjectConfig.upsert({ where: { subject }, create: { subject, ownerTeam: claim }, update: { ownerTeam: claim } });
    await recordAudit(tx, opts.actor, "schema.register", subject, version, { id: schemaId, schemaType: prepared.type }, owner ?? claim);
    return { ...registered(subject, version, schemaId, prepared), warnings };
  });
}

/**
 * A new version decided from this process's registry memory (exact as of the request's arrival) and
 * written by one database call (registry_register, migration 20261130222455), which takes the same
 * lock as the transaction path and writes only if neither the subject nor the global settings changed
 * after the state decided on. Null when they did, or when the mode is not READWRITE: the caller then
 * goes the transaction path. One round trip and one commit instead of seven statements.
 */
async function registerFromMemory(subject: string, prepared: Prepared, owner: string | null, actor: Actor): Promise<Registered | null> {
  const [own, global] = await Promise.all([subjectStateAt(subject), subjectStateAt(GLOBAL)]);
  const settings = effectiveSettings(subject, own.state.settings, global.state.settings);
  if (settings.mode !== "READWRITE") return null;
  const versions = own.state.versions;
  const live = versions.filter((v) => !v.deleted).map((v) => ({ version: v.version, id: v.schemaId, deleted: false }));
  const verdict = await cachedVerdict(settings.level, prepared.fingerprint, live, async () =>
    checkParsed(settings.level, await parsedVersions(await listVersionsOrEmpty(subject, false)), prepared.parsed),
  );
  if (!verdict.compatible) throw incompatible(subject, verdict);
  const lastVersion = versions.at(-1)?.version ?? 0;
  const version = lastVersion + 1;
  const claim = owner === null && lastVersion === 0 ? claimingTeam(actor) : null;
  const audit = registrationAudit(actor, subject, version, prepared.type, owner ?? claim);
  const [row] = await rawQuery<{ schema_id: number | null; stale: boolean }>(
    `SELECT schema_id, stale FROM registry_register($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      subject,
      (own.validFrom.round < global.validFrom.round ? own : global).validFrom.snapshot,
      version,
      prepared.type,
      prepared.canonical,
      prepared.fingerprint,
      settings.level,
      claim,
      audit,
    ],
  );
  if (!row || row.stale || row.schema_id === null) return null;
  return registered(subject, version, row.schema_id, prepared);
}

/**
 * Version 1 of a subject this process never read, decided as if the subject had no rows (no version,
 * no settings of its own: the global settings govern, nobody owns it) and written by one call
 * (registry_register_first, migration 20261130222455) that checks exactly that under the subject's
 * lock. Null, with nothing written, when the assumption fails anywhere — the subject has rows, the
 * global settings moved, or the actor, schema or policy would be refused under it — and the caller
 * reads the subject and decides again, so every answer and refusal is the one the full path gives.
 */
async function registerFirstVersion(
  subject: string,
  input: SchemaInput,
  opts: { normalize?: boolean; actor: Actor },
): Promise<Registered | null> {
  const global = await subjectStateAt(GLOBAL);
  const settings = effectiveSettings(subject, null, global.state.settings);
  if (settings.mode !== "READWRITE") return null;
  const claim = claimingTeam(opts.actor);
  let prepared: Prepared;
  let warnings: Violation[];
  try {
    authorizeSubjectWriteOf(opts.actor, subject, null);
    prepared = await prepareSchema(input, opts.normalize ?? settings.normalize);
    warnings = await policyWarnings(subject, prepared.parsed, settings.level, claim);
  } catch {
    return null;
  }
  if (prepared.references.length) return null;
  const [row] = await rawQuery<{ schema_id: number | null; stale: boolean }>(
    `SELECT schema_id, stale FROM registry_register_first($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      subject,
      global.validFrom.snapshot,
      prepared.type,
      prepared.canonical,
      prepared.fingerprint,
      settings.level,
      claim,
      registrationAudit(opts.actor, subject, 1, prepared.type, claim),
    ],
  );
  if (!row || row.stale || row.schema_id === null) return null;
  return { ...registered(subject, 1, row.schema_id, prepared), warnings };
}

function incompatible(subject: string, verdict: Verdict): RegistryError {
  return new RegistryError(
    "INCOMPATIBLE",
    `Schema being registered is incompatible with an earlier schema for subject "${subject}", details: [${verdict.messages.join(", ")}]`,
    { verdict },
  );
}

/**
 * The schema's row, or the row of the same schema that a registration under another subject committed
 * meanwhile (registrations of different subjects run side by side; the fingerprint is unique, and
 * ON CONFLICT waits for the other transaction and then reads its row).
 */
async function insertSchema(tx: Prisma.TransactionClient, prepared: Prepared, explicitId: number | undefined): Promise<number> {
  if (explicitId !== undefined) {
    if (await tx.schema.findUnique({ where: { id: explicitId } }))
      throw new RegistryError("ID_MISMATCH", `Overwrite new schema with id ${explicitId} is not permitted`);
  }
  const references = JSON.stringify(prepared.references);
  let inserted: { id: number } | undefined;
  // A conflict is the same schema committed meanwhile (read its id), or, rarely, an id an import took
  // that the sequence had not passed yet (draw again).
  for (let attempt = 0; !inserted && attempt < 5; attempt++) {
    [inserted] = await tx.$queryRaw<{ id: number }[]>`
      INSERT INTO "Schema" ("id", "type", "schema", "fingerprint", "references")
      VALUES (COALESCE(${explicitId ?? null}::int, nextval('schema_id_seq')::int), ${prepared.type}, ${prepared.canonical}, ${prepared.fingerprint}, ${references}::jsonb)
      ON CONFLICT DO NOTHING
      RETURNING "id"`;
    if (inserted) break;
    const existing = await tx.schema.findUnique({ where: { fingerprint: prepared.fingerprint }, select: { id: true } });
    if (existing && explicitId !== undefined && existing.id !== explicitId)
      throw new RegistryError("ID_MISMATCH", `Schema already registered with id ${existing.id} instead of input id ${explicitId}`);
    if (existing) return existing.id;
    if (explicitId !== undefined) throw new RegistryError("ID_MISMATCH", `Overwrite new schema with id ${explicitId} is not permitted`);
  }
  if (!inserted) throw new Error("no schema id could be drawn");
  // An imported id moves the sequence past it, so later ids never collide with it.
  if (explicitId !== undefined)
    await tx.$executeRaw`SELECT setval('schema_id_seq', GREATEST(${explicitId}::bigint, (SELECT last_value FROM schema_id_seq)))`;
  if (prepared.references.length) {
    await tx.schemaReference.createMany({
      data: prepared.references.map((r) => ({ schemaId: inserted.id, ...r })),
      skipDuplicates: true,
    });
  }
  return inserted.id;
}

type Decision = {
  existing?: Registered;
  knownId?: number;
  level?: string;
  /** the subject's highest version, deleted ones included (0: none) */
  lastVersion: number;
  /** every version number the subject has, deleted ones included */
  versions: Set<number>;
};

/**
 * What a registration does, from the registry's state: refuse (mode, id mismatch, incompatible),
 * return the existing version (idempotent), or go on (with the schema's global id when another
 * subject already has it). `tx` given: decided from what the transaction sees, read in one round
 * trip, and checked for compatibility; else from the committed state, for the idempotent answer only.
 */
async function decide(
  subject: string,
  prepared: Prepared,
  explicitId: number | undefined,
  from: { tx: Prisma.TransactionClient } | { mode: Mode },
): Promise<Decision> {
  const none = { lastVersion: 0, versions: new Set<number>() };
  if ("mode" in from) {
    checkMode(subject, from.mode, explicitId);
    // A subject with no live version holds no schema: nothing to look up (a new subject's first registration).
    if (!(await versionIds(subject)).length) return none;
    const known = await schemaInSubject(prepared.fingerprint, subject);
    checkId(known?.id ?? null, explicitId);
    if (known?.version != null) return { ...none, existing: registered(subject, known.version, known.id, prepared) };
    return { ...none, knownId: known?.id };
  }
  const snapshot = await registrationSnapshot(from.tx, subject, prepared.fingerprint);
  const settings = effectiveSettings(subject, snapshot.own, snapshot.global);
  checkMode(subject, settings.mode, explicitId);
  checkId(snapshot.knownId, explicitId);
  const knownId = snapshot.knownId ?? undefined;
  const live = snapshot.versions.filter((v) => !v.deleted);
  // Idempotent: the schema is already a live version of this subject (the lowest, as Confluent answers).
  const holding = live.find((v) => v.id === knownId);
  if (holding) return { ...none, existing: registered(subject, holding.version, holding.id, prepared) };
  const numbered = { lastVersion: snapshot.versions.at(-1)?.version ?? 0, versions: new Set(snapshot.versions.map((v) => v.version)) };
  if (settings.mode === "IMPORT") return { ...numbered, knownId, level: "IMPORT" };
  const verdict = await cachedVerdict(settings.level, prepared.fingerprint, live, async () =>
    checkParsed(settings.level, await parsedVersions(await listVersionsOrEmpty(subject, false, from.tx)), prepared.parsed),
  );
  if (!verdict.compatible) throw incompatible(subject, verdict);
  return { ...numbered, knownId, level: settings.level };
}

function checkMode(subject: string, mode: Mode, explicitId: number | undefined) {
  if (mode === "READONLY") throw new RegistryError("OPERATION_NOT_PERMITTED", `Subject ${subject} is in read-only mode`);
  if (explicitId !== undefined && mode !== "IMPORT")
    throw new RegistryError("OPERATION_NOT_PERMITTED", "Subject is not in import mode: ids cannot be chosen");
  if (mode === "IMPORT" && explicitId === undefined)
    throw new RegistryError("OPERATION_NOT_PERMITTED", "Subject is in import mode: the request must carry an id");
}

function checkId(knownId: number | null, explicitId: number | undefined) {
  if (knownId !== null && explicitId !== undefined && knownId !== explicitId) {
    throw new RegistryError("ID_MISMATCH", `Schema already registered with id ${knownId} instead of input id ${explicitId}`);
  }
}

/** The policy's warnings for a new version; a rule set to "error" refuses it in the registry's terms (422, 42201). */
async function policyWarnings(
  subject: string,
  parsed: ParsedSchema,
  level: CompatibilityLevel,
  ownerTeam: string | null,
): Promise<Violation[]> {
  try {
    return await enforceSchemaPolicy({ subject, events: schemaShape(parsed), compatibility: level, ownerTeam });
  } catch (error) {
    if (error instanceof PolicyRefusal) throw new RegistryError("INVALID_SCHEMA", error.message, { violations: error.violations });
    throw error;
  }
}

function registered(subject: string, version: number, id: number, prepared: Identified): Registered {
  return { subject, version, id, schemaType: prepared.type, schema: prepared.canonical, references: prepared.references };
}

async function listVersionsOrEmpty(subject: string, deleted: boolean, reader?: RegistryReader): Promise<VersionRecord[]> {
  try {
    return await listVersions(subject, { deleted }, reader);
  } catch (error) {
    if (error instanceof RegistryError && error.reason === "SUBJECT_NOT_FOUND") return [];
    throw error;
  }
}

/** POST /subjects/{s}: is this schema registered under the subject? */
export async function lookupSchema(
  subject: string,
  input: SchemaInput,
  opts: { normalize?: boolean; deleted?: boolean },
): Promise<Registered> {
  const config = await effectiveConfig(subject);
  const normalize = opts.normalize ?? config.normalize;
  // A schema under the subject was valid when it was registered: finding it needs its fingerprint, not
  // its parse (the costly part). Text that cannot even be made canonical goes through the full parse,
  // which says what is wrong with it.
  const identity = (await identifySchema(input, normalize).catch(() => null)) ?? (await prepareSchema(input, normalize));
  // The newest version holding the schema; only when there is none does the subject itself matter (40401 vs 40403).
  const match = await schemaInSubject(identity.fingerprint, subject, { deleted: opts.deleted ?? false, newest: true });
  if (match?.version == null) {
    // An invalid schema is answered as invalid (42201), not as not found.
    if (!("parsed" in identity)) await prepareSchema(input, normalize);
    await listVersions(subject, { deleted: opts.deleted ?? false });
    throw new RegistryError("SCHEMA_NOT_FOUND", "Schema not found");
  }
  return registered(subject, match.version, match.id, identity);
}
