// What people state about services: which topics a service produces or consumes, who owns it, and
// which service a consumer group belongs to.
// A declaration is the declaring service's: its owner team's editors (or anyone's, while nobody owns
// the service) may add or remove it.
import { z } from "zod";
import { appendAudit } from "@/server/domain/audit";
import { clusterExists } from "@/server/domain/connections";
import { authorize, authorizeOwnerChange, type Actor } from "@/server/domain/identity";
import { db } from "@/server/db";
import { DomainError, parseInput } from "@/server/errors";

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

const ownerOf = async (service: string) => (await db.service.findUnique({ where: { name: service } }))?.ownerTeam ?? null;

async function authorizeService(actor: Actor, service: string): Promise<string | null> {
  const owner = await ownerOf(service);
  authorize(actor, "write", { what: `service "${service}"`, owner });
  return owner;
}

export async function declareEdge(actor: Actor, raw: DeclareEdgeInput, source: "ui" | "asyncapi" = "ui") {
  const [edge] = await declareEdges(actor, [raw], source);
  return edge!;
}

/** Several declarations (an AsyncAPI document's): all checked first, then written in one transaction. */
export async function declareEdges(actor: Actor, raws: DeclareEdgeInput[], source: "ui" | "asyncapi" = "ui") {
  const inputs = raws.map((raw) => parseInput(DeclareEdgeInput, raw));
  const owners = new Map<string, string | null>();
  for (const input of inputs) {
    if (!owners.has(input.service)) owners.set(input.service, await authorizeService(actor, input.service));
    if (input.clusterId && !(await clusterExists(input.clusterId)))
      throw new DomainError("NOT_FOUND", `No cluster with id ${input.clusterId}`);
  }
  return db.$transaction(async (tx) => {
    const edges = [];
    for (const input of inputs) {
      const key = { service: input.service, direction: input.direction, clusterId: input.clusterId, topic: input.topic };
      await tx.service.upsert({ where: { name: input.service }, create: { name: input.service }, update: {} });
      edges.push(
        await tx.declaredEdge.upsert({
          where: { service_direction_clusterId_topic: key },
          create: { ...key, source, note: input.note },
          update: { note: input.note },
        }),
      );
      await appendAudit(tx, actor, {
        action: "lineage.declare",
        targetType: "service",
        targetId: input.service,
        team: owners.get(input.service),
        after: { ...key, source, note: input.note },
      });
    }
    return edges;
  });
}

export async function removeDeclaredEdge(actor: Actor, id: string) {
  const edge = await db.declaredEdge.findUnique({ where: { id } });
  if (!edge) throw new DomainError("NOT_FOUND", "That declaration does not exist (any more)");
  const owner = await authorizeService(actor, edge.service);
  await db.$transaction(async (tx) => {
    const { count } = await tx.declaredEdge.deleteMany({ where: { id } });
    if (!count) throw new DomainError("NOT_FOUND", "That declaration does not exist (any more)");
    await appendAudit(tx, actor, { action: "lineage.undeclare", targetType: "service", targetId: edge.service, team: owner, before: edge });
  });
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

export async function updateService(actor: Actor, raw: z.input<typeof UpdateServiceInput>) {
  const input = parseInput(UpdateServiceInput, raw);
  const data = { ownerTeam: input.ownerTeam || null, description: input.description || null };
  const before = await db.service.findUnique({ where: { name: input.name } });
  authorizeOwnerChange(actor, `service "${input.name}"`, before?.ownerTeam ?? null, data.ownerTeam);
  return db.$transaction(async (tx) => {
    const after = await tx.service.upsert({ where: { name: input.name }, create: { name: input.name, ...data }, update: data });
    await appendAudit(tx, actor, {
      action: "service.update",
      targetType: "service",
      targetId: input.name,
      team: data.ownerTeam ?? before?.ownerTeam,
      before,
      after,
    });
    return after;
  });
}

export const MapGroupInput = z.object({ clusterId: z.string().min(1), groupId: Name, service: Name.nullable() });

/** Confirms or corrects which service a group belongs to; service null forgets the confirmation. */
export async function mapGroupToService(actor: Actor, raw: z.input<typeof MapGroupInput>) {
  const input = parseInput(MapGroupInput, raw);
  const key = { clusterId: input.clusterId, groupId: input.groupId };
  const before = await db.groupServiceMapping.findUnique({ where: { clusterId_groupId: key } });
  // Both the service that loses the group and the one that gains it must be the actor's to change.
  const owners = new Set<string | null>();
  for (const s of [before?.service, input.service]) if (s) owners.add(await authorizeService(actor, s));
  const team = [...owners].find((o) => o !== null) ?? null;
  const audit = {
    action: "lineage.map-group",
    targetType: "consumer-group",
    targetId: `${input.clusterId}/${input.groupId}`,
    team,
    before,
  };
  if (input.service === null) {
    await db.$transaction(async (tx) => {
      await tx.groupServiceMapping.deleteMany({ where: key });
      await appendAudit(tx, actor, { ...audit, after: null });
    });
    return null;
  }
  const service = input.service;
  return db.$transaction(async (tx) => {
    await tx.service.upsert({ where: { name: service }, create: { name: service }, update: {} });
    const after = await tx.groupServiceMapping.upsert({
      where: { clusterId_groupId: key },
      create: { ...key, service },
      update: { service, confirmedAt: new Date() },
    });
    await appendAudit(tx, actor, { ...audit, after });
    return after;
  });
}

export async function getService(name: string) {
  return db.service.findUnique({ where: { name } });
}

/** Services people declared (an edge, a group mapping) with their owner: what the scorecard expects to see spans of. */
export async function declaredServices(): Promise<{ name: string; ownerTeam: string | null; declared: number }[]> {
  const [edges, mappings, services] = await Promise.all([
    db.declaredEdge.groupBy({ by: ["service"], _count: { _all: true } }),
    db.groupServiceMapping.groupBy({ by: ["service"], _count: { _all: true } }),
    db.service.findMany({ select: { name: true, ownerTeam: true } }),
  ]);
  const owners = new Map(services.map((s) => [s.name, s.ownerTeam]));
  const declared = new Map<string, number>();
  for (const e of [...edges, ...mappings]) declared.set(e.service, (declared.get(e.service) ?? 0) + e._count._all);
  return [...declared].map(([name, n]) => ({ name, ownerTeam: owners.get(name) ?? null, declared: n }));
}
