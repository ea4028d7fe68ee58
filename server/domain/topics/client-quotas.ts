// Kafka client quotas (produce/fetch byte rates, request share, mutation and connection rates), read
// only: every entry of a cluster, or those that can apply to one principal (its own and the default
// user's). Shown beside the ACLs, because "who may do what, how fast" is one question.
import { z } from "zod";
import { clusterConnection } from "@/server/domain/connections";
import { DomainError, parseInput } from "@/server/errors";

export const ClientQuotasInput = z.object({
  clusterId: z.string().uuid(),
  principal: z
    .string()
    .regex(/^User:.{1,200}$/, 'quotas are set per user: a principal is "User:<name>"')
    .optional(),
});

export async function readClientQuotas(input: z.input<typeof ClientQuotasInput>) {
  const { clusterId, principal } = parseInput(ClientQuotasInput, input);
  const cluster = await clusterConnection(clusterId);
  const quotas = cluster.broker.quotas;
  if (!quotas) return { supported: false as const, reason: "this broker has no client quotas", entries: [] };
  const answer = await (principal ? quotas.forUser(principal.slice("User:".length)) : quotas.all()).catch((e: Error) => {
    throw new DomainError("CLUSTER_UNREACHABLE", `${cluster.name} answered: ${e.message}`);
  });
  return answer;
}
