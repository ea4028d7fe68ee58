// Who may do what on a topic, as the cluster's ACLs say (read only), and everything one principal may
// do. Client quotas are read beside them (client-quotas.ts).
import { z } from "zod";
import { clusterConnection } from "@/server/domain/connections";
import { DomainError, parseInput } from "@/server/errors";
import { getTopicRef } from "./topic-refs";

export const PrincipalAclsInput = z.object({
  clusterId: z.string().uuid(),
  principal: z.string().regex(/^[A-Za-z]+:.{1,200}$/, 'a principal is "User:<name>" (or another type:name)'),
});

async function aclsOf(clusterId: string) {
  const cluster = await clusterConnection(clusterId);
  return { cluster, acls: cluster.broker.acls };
}

export async function readTopicAcls(topicId: string) {
  const topic = await getTopicRef(topicId);
  const { cluster, acls } = await aclsOf(topic.clusterId);
  if (!acls) return { supported: false as const, enabled: false, acls: [] };
  const answer = await acls.forTopic(topic.name).catch((e: Error) => {
    throw new DomainError("CLUSTER_UNREACHABLE", `${cluster.name} answered: ${e.message}`);
  });
  return { supported: true as const, ...answer };
}

export async function readPrincipalAcls(input: z.input<typeof PrincipalAclsInput>) {
  const { clusterId, principal } = parseInput(PrincipalAclsInput, input);
  const { cluster, acls } = await aclsOf(clusterId);
  if (!acls) return { supported: false as const, enabled: false, acls: [] };
  const answer = await acls.forPrincipal(principal).catch((e: Error) => {
    throw new DomainError("CLUSTER_UNREACHABLE", `${cluster.name} answered: ${e.message}`);
  });
  return { supported: true as const, ...answer };
}
