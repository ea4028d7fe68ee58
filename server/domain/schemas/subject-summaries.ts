// The Schemas page's list: one row per subject with its latest live version, type and level.
import { db } from "@/server/db";
import type { CompatibilityLevel, SchemaType } from "./compat-types";
import { GLOBAL } from "./registry-config";

export type SubjectSummary = {
  subject: string;
  latestVersion: number;
  versions: number;
  id: number;
  type: SchemaType;
  level: CompatibilityLevel;
  levelIsOwn: boolean;
  mode: string | null;
  updatedAt: Date;
};

export async function listSubjectSummaries(opts: { search?: string; type?: SchemaType; offset: number; limit: number }) {
  const rows = await db.subjectVersion.findMany({
    where: { deleted: false, ...(opts.search ? { subject: { contains: opts.search, mode: "insensitive" as const } } : {}) },
    orderBy: [{ subject: "asc" }, { version: "asc" }],
    select: { subject: true, version: true, createdAt: true, schema: { select: { id: true, type: true } } },
  });
  const bySubject = new Map<string, SubjectSummary>();
  const configs = new Map((await db.subjectConfig.findMany()).map((c) => [c.subject, c]));
  const globalLevel = (configs.get(GLOBAL)?.compatibility ?? "BACKWARD") as CompatibilityLevel;
  for (const row of rows) {
    const own = configs.get(row.subject);
    const prior = bySubject.get(row.subject);
    bySubject.set(row.subject, {
      subject: row.subject,
      latestVersion: row.version,
      versions: (prior?.versions ?? 0) + 1,
      id: row.schema.id,
      type: row.schema.type as SchemaType,
      level: (own?.compatibility ?? globalLevel) as CompatibilityLevel,
      levelIsOwn: Boolean(own?.compatibility),
      mode: own?.mode ?? null,
      updatedAt: row.createdAt,
    });
  }
  const all = [...bySubject.values()].filter((s) => !opts.type || s.type === opts.type);
  return { total: all.length, items: all.slice(opts.offset, opts.offset + opts.limit), globalLevel };
}

/** Subjects named after topics by TopicNameStrategy (`<topic>-key`, `<topic>-value`). */
export async function subjectsForTopics(
  topics: string[],
): Promise<Map<string, { subject: string; role: "key" | "value"; latestVersion: number; type: SchemaType; id: number }[]>> {
  const names = topics.flatMap((t) => [`${t}-key`, `${t}-value`]);
  const rows = await db.subjectVersion.findMany({
    where: { subject: { in: names }, deleted: false },
    orderBy: { version: "asc" },
    include: { schema: { select: { id: true, type: true } } },
  });
  const out = new Map<string, { subject: string; role: "key" | "value"; latestVersion: number; type: SchemaType; id: number }[]>();
  const latest = new Map(rows.map((r) => [r.subject, r]));
  for (const [subject, r] of latest) {
    const role = subject.endsWith("-key") ? "key" : "value";
    const topic = subject.slice(0, subject.length - (role === "key" ? 4 : 6));
    out.set(topic, [
      ...(out.get(topic) ?? []),
      { subject, role, latestVersion: r.version, type: r.schema.type as SchemaType, id: r.schema.id },
    ]);
  }
  return out;
}

/** TopicNameStrategy in reverse: which topic a subject belongs to, if its name follows it. */
export function topicOfSubject(subject: string): string | null {
  const match = /^(.+)-(key|value)$/.exec(subject);
  return match ? match[1]! : null;
}
