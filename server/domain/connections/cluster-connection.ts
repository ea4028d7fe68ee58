import { DomainError } from "@/server/errors";
import type { ClusterConnection } from "@/server/brokers/kafka";
import { decryptSecret } from "@/server/lib/secrets";

export const UNDECRYPTABLE =
  "its stored SASL password cannot be decrypted (was EVENTPLANE_SECRET_KEY changed?): edit the cluster and type the password again";

function decrypted(stored: string): string {
  try {
    return decryptSecret(stored);
  } catch {
    throw new DomainError("CLUSTER_UNREACHABLE", UNDECRYPTABLE);
  }
}

interface StoredCluster {
  bootstrapServers: string[];
  clientId: string;
  tls: boolean;
  saslMechanism: string | null;
  saslUsername: string | null;
  saslPasswordEnc: string | null;
}

export function toConnection(c: StoredCluster, plainPassword?: string): ClusterConnection {
  const conn: ClusterConnection = { bootstrapServers: c.bootstrapServers, clientId: c.clientId, tls: c.tls };
  if (c.saslMechanism && c.saslMechanism !== "none") {
    conn.sasl = {
      mechanism: c.saslMechanism as NonNullable<ClusterConnection["sasl"]>["mechanism"],
      username: c.saslUsername ?? "",
      password: plainPassword ?? (c.saslPasswordEnc ? decrypted(c.saslPasswordEnc) : ""),
    };
  }
  return conn;
}
