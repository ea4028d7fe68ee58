import type { ClusterConnection } from "@/server/kafka";
import { decryptSecret } from "@/server/lib/secrets";

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
      password: plainPassword ?? (c.saslPasswordEnc ? decryptSecret(c.saslPasswordEnc) : ""),
    };
  }
  return conn;
}
