// Confluent's two-step delete: a soft delete hides a version (its id stays resolvable so old
// messages still decode); a permanent delete is allowed only after the soft one, and never for
// a version another schema references.
import { db } from "@/server/db";
import { RegistryError } from "./registry-errors";
import type { Actor } from "@/server/domain/identity";
import { recordAudit } from "./registry-audit";
import { authorizeSubjectWrite } from "./subject-owner";
import { listVersions, parseVersion } from "./query-registry";

async function assertNotReferenced(subject: string, versions: number[]) {
  const refs = await db.schemaReference.findMany({ where: { subject, version: { in: versions } } });
  if (!refs.length) return;
  // A reference from a schema whose every version is gone no longer counts.
  const live = await db.subjectVersion.findMany({ where: { schemaId: { in: refs.map((r) => r.schemaId) }, deleted: false } });
  if (live.length) {
    throw new RegistryError(
      "REFERENCE_EXISTS",
      `One or more references exist to the schema {subject=${subject}, versions=${versions.join(",")}}`,
      {
        referencedBy: [...new Set(live.map((l) => l.schemaId))],
      },
    );
  }
}

export async function deleteSubjectVersion(subject: string, rawVersion: string, permanent: boolean, actor: Actor): Promise<number> {
  const owner = await authorizeSubjectWrite(actor, subject);
  const version = parseVersion(rawVersion);
  const all = await listVersions(subject, { deleted: true });
  const target =
    version === "latest" ? all.filter((v) => (permanent ? v.deleted : !v.deleted)).at(-1) : all.find((v) => v.version === version);
  if (!target) throw new RegistryError("VERSION_NOT_FOUND", `Version ${rawVersion} not found.`);
  if (!permanent && target.deleted)
    throw new RegistryError(
      "VERSION_SOFT_DELETED",
      `Subject '${subject}' Version ${target.version} was soft deleted. Set permanent=true to delete permanently`,
    );
  if (permanent && !target.deleted)
    throw new RegistryError(
      "VERSION_NOT_SOFT_DELETED",
      `Subject '${subject}' Version ${target.version} was not deleted first before being permanently deleted`,
    );
  await assertNotReferenced(subject, [target.version]);
  await db.$transaction(async (tx) => {
    const where = { subject_version: { subject, version: target.version } };
    if (permanent) await tx.subjectVersion.delete({ where });
    else await tx.subjectVersion.update({ where, data: { deleted: true } });
    await recordAudit(
      tx,
      actor,
      permanent ? "version.delete.permanent" : "version.delete",
      subject,
      target.version,
      { id: target.id },
      owner,
    );
  });
  return target.version;
}

export async function deleteSubject(subject: string, permanent: boolean, actor: Actor): Promise<number[]> {
  const owner = await authorizeSubjectWrite(actor, subject);
  const all = await listVersions(subject, { deleted: true });
  const live = all.filter((v) => !v.deleted);
  if (!permanent && !live.length)
    throw new RegistryError("SUBJECT_SOFT_DELETED", `Subject '${subject}' was soft deleted. Set permanent=true to delete permanently`);
  if (permanent && live.length)
    throw new RegistryError("SUBJECT_NOT_SOFT_DELETED", `Subject '${subject}' was not deleted first before being permanently deleted`);
  const versions = (permanent ? all : live).map((v) => v.version);
  await assertNotReferenced(subject, versions);
  await db.$transaction(async (tx) => {
    if (permanent) {
      await tx.subjectVersion.deleteMany({ where: { subject } });
      await tx.subjectConfig.deleteMany({ where: { subject } });
    } else await tx.subjectVersion.updateMany({ where: { subject }, data: { deleted: true } });
    await recordAudit(tx, actor, permanent ? "subject.delete.permanent" : "subject.delete", subject, null, { versions }, owner);
  });
  return versions;
}
