// Compatibility level and mode, globally (subject "") and per subject. A subject's setting may
// exist before the subject has any version (the kafkajs registry client relies on that).
import { db } from "@/server/db";
import { COMPATIBILITY_LEVELS, GLOBAL, MODES, type CompatibilityLevel, type Mode } from "./compat-types";
import { RegistryError } from "./registry-errors";
import type { Actor } from "@/server/domain/identity";
import { recordAudit } from "./registry-audit";
import { authorizeSubjectWrite } from "./subject-owner";
import { subjectState, type SettingsRow } from "./registry-memory";

export { GLOBAL } from "./compat-types";
const DEFAULT_LEVEL: CompatibilityLevel = "BACKWARD";
const DEFAULT_MODE: Mode = "READWRITE";

export type ConfigView = { compatibilityLevel: CompatibilityLevel; normalize?: boolean };

export function parseLevel(value: unknown): CompatibilityLevel {
  const level = typeof value === "string" ? value.toUpperCase() : "";
  if (!(COMPATIBILITY_LEVELS as readonly string[]).includes(level)) {
    throw new RegistryError(
      "INVALID_COMPATIBILITY_LEVEL",
      `Invalid compatibility level. Valid values are ${COMPATIBILITY_LEVELS.join(", ")}`,
    );
  }
  return level as CompatibilityLevel;
}

export function parseMode(value: unknown): Mode {
  const mode = typeof value === "string" ? value.toUpperCase() : "";
  if (!(MODES as readonly string[]).includes(mode))
    throw new RegistryError("INVALID_MODE", `Invalid mode. Valid values are ${MODES.join(", ")}`);
  return mode as Mode;
}

/** A subject's settings row, from the process's registry memory. */
async function settingsRow(subject: string): Promise<SettingsRow | null> {
  return (await subjectState(subject)).settings;
}

/** The subject's row and the global one. */
async function settingsRows(subject: string) {
  const [own, global] = await Promise.all([subject === GLOBAL ? null : settingsRow(subject), settingsRow(GLOBAL)]);
  return { own, global };
}

/** The subject's own config; with `defaultToGlobal`, the global one when the subject has none. */
export async function getConfig(subject: string, defaultToGlobal: boolean): Promise<ConfigView> {
  const own = await settingsRow(subject);
  if (own?.compatibility) return view(own.compatibility, own.normalize);
  if (subject !== GLOBAL && !defaultToGlobal) {
    throw new RegistryError(
      "SUBJECT_COMPATIBILITY_NOT_CONFIGURED",
      `Subject '${subject}' does not have subject-level compatibility configured`,
    );
  }
  const global = subject === GLOBAL ? own : await settingsRow(GLOBAL);
  return view(global?.compatibility ?? DEFAULT_LEVEL, global?.normalize ?? null);
}

function view(level: string, normalize: boolean | null): ConfigView {
  return { compatibilityLevel: level as CompatibilityLevel, ...(normalize !== null ? { normalize } : {}) };
}

/**
 * Everything a registration asks of a subject's configuration row and the global one, in one query:
 * its owner, its effective level and normalisation, its effective mode (the subject's, else the global).
 */
export async function subjectSettings(
  subject: string,
): Promise<{ owner: string | null; level: CompatibilityLevel; normalize: boolean; mode: Mode }> {
  const { own, global } = await settingsRows(subject);
  return effectiveSettings(subject, own, global);
}

/** What a subject's row and the global one mean together. */
export function effectiveSettings(
  subject: string,
  own: SettingsRow | null,
  global: SettingsRow | null,
): { owner: string | null; level: CompatibilityLevel; normalize: boolean; mode: Mode } {
  if (subject === GLOBAL) own = null;
  return {
    owner: own?.ownerTeam ?? null,
    level: (own?.compatibility ?? global?.compatibility ?? DEFAULT_LEVEL) as CompatibilityLevel,
    normalize: own?.normalize ?? global?.normalize ?? false,
    mode: ((subject === GLOBAL ? global?.mode : (own?.mode ?? global?.mode)) as Mode | undefined) ?? DEFAULT_MODE,
  };
}

export async function effectiveConfig(subject: string): Promise<{ level: CompatibilityLevel; normalize: boolean }> {
  const { own, global } = await settingsRows(subject);
  return {
    level: (own?.compatibility ?? global?.compatibility ?? DEFAULT_LEVEL) as CompatibilityLevel,
    normalize: own?.normalize ?? global?.normalize ?? false,
  };
}

export async function setConfig(
  subject: string,
  input: { compatibility?: unknown; normalize?: unknown },
  actor: Actor,
): Promise<ConfigView> {
  const owner = await authorizeSubjectWrite(actor, subject);
  const compatibility = parseLevel(input.compatibility ?? input.compatibility);
  const normalize = typeof input.normalize === "boolean" ? input.normalize : null;
  await db.$transaction(async (tx) => {
    await tx.subjectConfig.upsert({
      where: { subject },
      create: { subject, compatibility, normalize },
      update: { compatibility, ...(normalize !== null ? { normalize } : {}) },
    });
    await recordAudit(tx, actor, "config.set", subject, null, { compatibility, normalize }, owner);
  });
  return view(compatibility, normalize);
}

/** Removes the subject's (or the global) level; returns what it was. */
export async function deleteConfig(subject: string, actor: Actor): Promise<ConfigView> {
  const owner = await authorizeSubjectWrite(actor, subject);
  const previous = await getConfig(subject, true);
  await db.$transaction(async (tx) => {
    await tx.subjectConfig.updateMany({ where: { subject }, data: { compatibility: null, normalize: null } });
    await recordAudit(tx, actor, "config.delete", subject, null, { previous }, owner);
  });
  return previous;
}

export async function getMode(subject: string, defaultToGlobal: boolean): Promise<Mode> {
  const own = await settingsRow(subject);
  if (own?.mode) return own.mode as Mode;
  if (subject !== GLOBAL && !defaultToGlobal)
    throw new RegistryError("SUBJECT_MODE_NOT_CONFIGURED", `Subject '${subject}' does not have subject-level mode configured`);
  const global = subject === GLOBAL ? own : await settingsRow(GLOBAL);
  return (global?.mode as Mode | undefined) ?? DEFAULT_MODE;
}

export async function setMode(subject: string, value: unknown, force: boolean, actor: Actor): Promise<Mode> {
  const owner = await authorizeSubjectWrite(actor, subject);
  const mode = parseMode(value);
  if (mode === "IMPORT" && !force) {
    // Importing assigns caller-chosen ids, which is only safe where nothing has been registered.
    const where = subject === GLOBAL ? {} : { subject };
    if ((await db.subjectVersion.count({ where })) > 0) {
      throw new RegistryError(
        "OPERATION_NOT_PERMITTED",
        `Cannot import since found existing subjects${subject ? ` for '${subject}'` : ""}`,
      );
    }
  }
  await db.$transaction(async (tx) => {
    await tx.subjectConfig.upsert({ where: { subject }, create: { subject, mode }, update: { mode } });
    await recordAudit(tx, actor, "mode.set", subject, null, { mode }, owner);
  });
  return mode;
}

export async function deleteMode(subject: string, actor: Actor): Promise<Mode> {
  const owner = await authorizeSubjectWrite(actor, subject);
  const previous = await getMode(subject, true);
  await db.$transaction(async (tx) => {
    await tx.subjectConfig.updateMany({ where: { subject }, data: { mode: null } });
    await recordAudit(tx, actor, "mode.delete", subject, null, { previous }, owner);
  });
  return previous;
}
