// What people state about services: which topics a service produces or consumes, who owns it, and
// which service a consumer group belongs to.
import { z } from "zod";
import { db } from "@/server/db";
import { DomainError } from "@/server/errors";

const Name = z.string().trim().min(1, "required").max(249);

export const DeclareEdgeInput = z.object({
  service: Name,
  direction: z.enum(["produces", "consumes"]),
  topic: Name,
  /** "" = the topic of that name in any cluster */
  clusterId: z.string().default(""),
  note: z.string().trim().max(500).optional(),
});
export type DeclareEdgeInput = z.input<typeof DeclareEdgeInput>;

export async function declareEdge(raw: DeclareEdgeInput, source: "ui" | "asyncapi" = "ui") {
  const input = DeclareEdgeInput.parse(raw);
  if (input.clusterId && !(await db.cluster.findUnique({ where: { id: input.clusterId }, select: { id: true } })))
    throw new DomainError("NOT_FOUND", `No cluster with id ${input.clusterId}`);
  const key = { service: input.service, direction: input.direction, clusterId: input.clusterId, topic: input.topic };
  return db.$transaction(async (tx) => {
    await tx.service.upsert({ where: { name: input.service }, create: { name: input.service }, update: {} });
    return tx.declaredEdge.upsert({
      where: { service_direction_clusterId_topic: key },
      create: { ...key, source, note: input.note },
      update: { note: input.note },
    });
  });
}

export async function removeDeclaredEdge(id: string) {
  const { count } = await db.declaredEdge.deleteMany({ where: { id } });
  if (!count) throw new DomainError("NOT_FOUND", "That declaration does not exist (any more)");
}

export async function listDeclaredEdges(service?: string) {
  return db.declaredEdge.findMany({
    where: service ? { service } : {},
    orderBy: [{ service: "asc" }, { direction: "asc" }, { topic: "asc" }],
  });
}

export const UpdateServiceInput = z.object({
  name: Name,
  ownerTeam: z.string().trim().max(100).nullable(),
  description: z.string().trim().max(2000).nullable(),
});

export async function updateService(raw: z.input<typeof UpdateServiceInput>) {
  const input = UpdateServiceInput.parse(raw);
  const data = { ownerTeam: input.ownerTeam || null, description: input.description || null };
  return db.service.upsert({ where: { name: input.name }, create: { name: input.name, ...data }, update: data });
}

export const MapGroupInput = z.object({ clusterId: z.string().min(1), groupId: Name, service: Name.nullable() });

/** Confirms or corrects which service a group belongs to; service null forgets the confirmation. */
export async function mapGroupToService(raw: z.input<typeof MapGroupInput>) {
  const input = MapGroupInput.parse(raw);
  const key = { clusterId: input.clusterId, groupId: input.groupId };
  if (input.service === null) {
    await db.groupServiceMapping.deleteMany({ where: key });
    return null;
  }
  const service = input.service;
  return db.$transaction(async (tx) => {
    await tx.service.upsert({ where: { name: service }, create: { name: service }, update: {} });
    return tx.groupServiceMapping.upsert({
      where: { clusterId_groupId: key },
      create: { ...key, service },
      update: { service, confirmedAt: new Date() },
    });
  });
}

export async function getService(name: string) {
  return db.service.findUnique({ where: { name } });
}
