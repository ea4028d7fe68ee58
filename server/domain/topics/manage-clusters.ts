import { db, Prisma } from "@/server/db";
import { DomainError } from "@/server/errors";
import { encryptSecret } from "@/server/lib/secrets";
import { BootstrapServers, ClusterInput, UpdateClusterInput, type ParsedClusterInput } from "./cluster-contracts";
import { toConnection } from "./cluster-connection";
import { testConnection } from "./test-connection";

function saslColumns(input: ParsedClusterInput, keepEncrypted: string | null) {
  if (input.saslMechanism === "none") return { saslMechanism: null, saslUsername: null, saslPasswordEnc: null };
  const password = input.saslPassword ? encryptSecret(input.saslPassword) : keepEncrypted;
  return { saslMechanism: input.saslMechanism, saslUsername: input.saslUsername?.trim() ?? null, saslPasswordEnc: password };
}

function parse<T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } } },
  raw: unknown,
): T {
  const r = schema.safeParse(raw);
  if (!r.success) throw new DomainError("INVALID_INPUT", r.error.issues.map((i) => i.message).join("; "));
  return r.data;
}

async function ensureReachable(input: ParsedClusterInput, storedEncrypted: string | null) {
  const conn = toConnection({ ...input, ...saslColumns(input, storedEncrypted) }, input.saslPassword || undefined);
  const result = await testConnection(conn);
  if (!result.ok) throw new DomainError("CLUSTER_UNREACHABLE", result.error ?? "cluster unreachable");
}

function rethrowUnique(e: unknown, name: string): never {
  if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
    throw new DomainError("CONFLICT", `a cluster named "${name}" already exists`);
  }
  throw e;
}

/** Saves a cluster only after it answered: nothing is stored for an address that does not work. */
export async function addCluster(raw: ClusterInput): Promise<{ id: string }> {
  const input = parse(ClusterInput, raw);
  await ensureReachable(input, null);
  try {
    const row = await db.cluster.create({
      data: {
        name: input.name,
        bootstrapServers: input.bootstrapServers,
        clientId: input.clientId,
        tls: input.tls,
        ...saslColumns(input, null),
      },
    });
    return { id: row.id };
  } catch (e) {
    rethrowUnique(e, input.name);
  }
}

export async function updateCluster(raw: UpdateClusterInput): Promise<{ id: string }> {
  const input = parse(UpdateClusterInput, raw);
  const existing = await db.cluster.findUnique({ where: { id: input.id } });
  if (!existing) throw new DomainError("NOT_FOUND", "cluster not found", { id: input.id });
  await ensureReachable(input, existing.saslPasswordEnc);
  try {
    await db.cluster.update({
      where: { id: input.id },
      data: {
        name: input.name,
        bootstrapServers: input.bootstrapServers,
        clientId: input.clientId,
        tls: input.tls,
        ...saslColumns(input, existing.saslPasswordEnc),
      },
    });
  } catch (e) {
    rethrowUnique(e, input.name);
  }
  return { id: input.id };
}

/** Removes the cluster and everything synced from it (topics, groups); declared metadata goes too. */
export async function removeCluster(id: string): Promise<void> {
  const { count } = await db.cluster.deleteMany({ where: { id } });
  if (count === 0) throw new DomainError("NOT_FOUND", "cluster not found", { id });
}

/** KAFKA_BROKERS at startup: registers or updates the cluster named "local", without a connection test
 *  (the broker may start after us; the collector reports it unreachable until it is up). */
export async function registerEnvCluster(brokers: string, clientId: string): Promise<{ id: string }> {
  const parsed = BootstrapServers.safeParse(brokers);
  if (!parsed.success) throw new DomainError("INVALID_INPUT", `KAFKA_BROKERS: ${parsed.error.issues[0]?.message}`);
  const row = await db.cluster.upsert({
    where: { name: "local" },
    create: { name: "local", bootstrapServers: parsed.data, clientId, source: "env" },
    update: { bootstrapServers: parsed.data, clientId, source: "env" },
  });
  return { id: row.id };
}

/** "Test connection" in the form: uses the stored password when editing and none was typed. */
export async function testClusterSettings(raw: ClusterInput & { id?: string }) {
  const input = parse(ClusterInput, raw);
  const stored = raw.id ? await db.cluster.findUnique({ where: { id: raw.id }, select: { saslPasswordEnc: true } }) : null;
  const conn = toConnection({ ...input, ...saslColumns(input, stored?.saslPasswordEnc ?? null) }, input.saslPassword || undefined);
  return testConnection(conn);
}
