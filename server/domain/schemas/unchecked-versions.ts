// Versions let in without a compatibility check: registered while their subject was at NONE, after an
// earlier version existed (a first version has nothing to break). The usual story is a level lowered to
// push a breaking change through and raised again afterwards, which is why the level now is returned too.
import { db } from "@/server/db";
import { effectiveConfig } from "./registry-config";
import { subjectOwners } from "./subject-owner";

export type UncheckedVersion = {
  subject: string;
  version: number;
  schemaId: number;
  registeredAt: Date;
  /** the subject's level now: above NONE means the level was lowered for this version and raised again */
  levelNow: string;
  ownerTeam: string | null;
};

export async function uncheckedVersions(): Promise<UncheckedVersion[]> {
  const rows = await db.$queryRaw<{ subject: string; version: number; schemaId: number; createdAt: Date }[]>`
    SELECT v.subject, v.version, v."schemaId", v."createdAt"
    FROM "SubjectVersion" v
    WHERE v."registeredUnder" = 'NONE' AND NOT v.deleted
      AND EXISTS (SELECT 1 FROM "SubjectVersion" e WHERE e.subject = v.subject AND e.version < v.version)
    ORDER BY v.subject, v.version`;
  const owners = await subjectOwners([...new Set(rows.map((r) => r.subject))]);
  const levels = new Map<string, string>();
  for (const r of rows) if (!levels.has(r.subject)) levels.set(r.subject, (await effectiveConfig(r.subject)).level);
  return rows.map((r) => ({
    subject: r.subject,
    version: r.version,
    schemaId: r.schemaId,
    registeredAt: r.createdAt,
    levelNow: levels.get(r.subject)!,
    ownerTeam: owners.get(r.subject) ?? null,
  }));
}
