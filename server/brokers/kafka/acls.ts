// Kafka ACLs, read only: the entries that apply to one topic (literal, prefixed and wildcard patterns,
// matched by the broker), or all entries of one principal. A cluster without an authorizer answers
// SECURITY_DISABLED: that is "no ACLs are enforced", not an error.
import { withAdmin } from "./client";
import type { ClusterConnection } from "./types";

// kafkajs's enums by value (a named import of them fails under Node's ESM loader, see manage-topics.ts).
const RESOURCE = { ANY: 1, TOPIC: 2, GROUP: 3, CLUSTER: 4, TRANSACTIONAL_ID: 5, DELEGATION_TOKEN: 6 } as const;
const PATTERN = { ANY: 1, MATCH: 2, LITERAL: 3, PREFIXED: 4 } as const;
const OPERATION_ANY = 1;
const PERMISSION_ANY = 1;
const name = <T extends Record<string, number>>(table: T, value: number) =>
  Object.keys(table).find((k) => table[k] === value) ?? String(value);
const OPERATIONS = {
  ALL: 2,
  READ: 3,
  WRITE: 4,
  CREATE: 5,
  DELETE: 6,
  ALTER: 7,
  DESCRIBE: 8,
  CLUSTER_ACTION: 9,
  DESCRIBE_CONFIGS: 10,
  ALTER_CONFIGS: 11,
  IDEMPOTENT_WRITE: 12,
} as const;
const PERMISSIONS = { DENY: 2, ALLOW: 3 } as const;

export type AclRow = {
  resourceType: string;
  resourceName: string;
  pattern: string;
  principal: string;
  host: string;
  operation: string;
  permission: string;
};
export type AclAnswer = { enabled: true; acls: AclRow[] } | { enabled: false; acls: [] };

async function describe(
  conn: ClusterConnection,
  filter: { resourceType: number; resourceName?: string; resourcePatternType: number; principal?: string },
): Promise<AclAnswer> {
  try {
    const res = await withAdmin(conn, (admin) =>
      admin.describeAcls({ ...filter, operation: OPERATION_ANY, permissionType: PERMISSION_ANY } as unknown as Parameters<
        typeof admin.describeAcls
      >[0]),
    );
    return {
      enabled: true,
      acls: res.resources.flatMap((r) =>
        r.acls.map((a) => ({
          resourceType: name(RESOURCE, r.resourceType),
          resourceName: r.resourceName,
          pattern: name(PATTERN, r.resourcePatternType),
          principal: a.principal,
          host: a.host,
          operation: name(OPERATIONS, a.operation),
          permission: name(PERMISSIONS, a.permissionType),
        })),
      ),
    };
  } catch (error) {
    if (
      /SECURITY_DISABLED|No Authorizer is configured|Security features are disabled/i.test(
        `${(error as Error).message} ${(error as { type?: string }).type ?? ""}`,
      )
    )
      return { enabled: false, acls: [] };
    throw error;
  }
}

/** Every ACL entry that applies to the topic (the broker matches literal, prefixed and "*" patterns). */
export function topicAcls(conn: ClusterConnection, topic: string): Promise<AclAnswer> {
  return describe(conn, { resourceType: RESOURCE.TOPIC, resourceName: topic, resourcePatternType: PATTERN.MATCH });
}

/** Every ACL entry of one principal ("User:alice"), on any resource. */
export function principalAcls(conn: ClusterConnection, principal: string): Promise<AclAnswer> {
  return describe(conn, { resourceType: RESOURCE.ANY, resourcePatternType: PATTERN.ANY, principal });
}
