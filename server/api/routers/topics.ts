import { z } from "zod";
import { groupsReadingTopic } from "@/server/domain/consumers";
import {
  getTopic,
  ListTopicsInput,
  listTopics,
  topicFacets,
  updateTopicMetadata,
  type UpdateTopicMetadataInput,
} from "@/server/domain/topics";
import { readTopicRecord } from "@/server/domain/records";
import {
  addPartitions,
  changeTopicConfigs,
  ChangeConfigsInput,
  createTopic,
  CreateTopicInput,
  deleteTopic,
  ClientQuotasInput,
  PrincipalAclsInput,
  readClientQuotas,
  readPrincipalAcls,
  readTopicAcls,
} from "@/server/domain/topics";
import { protectedProcedure, router } from "../trpc";

export const topicsRouter = router({
  list: protectedProcedure.input(ListTopicsInput).query(({ input }) => listTopics(input)),
  facets: protectedProcedure.query(() => topicFacets()),
  get: protectedProcedure.input(z.object({ id: z.string().uuid() })).query(({ input }) => getTopic(input.id)),
  consumers: protectedProcedure
    .input(z.object({ clusterId: z.string().uuid(), topic: z.string().min(1).max(249) }))
    .query(({ input }) => groupsReadingTopic(input.clusterId, input.topic)),
  record: protectedProcedure
    .input(
      z.object({
        topic: z.string().min(1).max(249),
        partition: z.number().int().min(0),
        offset: z.string().regex(/^\d{1,19}$/, "an offset is a non-negative integer"),
        clusterId: z.string().uuid().optional(),
      }),
    )
    .query(({ ctx, input }) => readTopicRecord(ctx.actor, input)),
  // Validated in the domain, so a 1 MB description gets the domain's message, not a generic one.
  updateMetadata: protectedProcedure
    .input(z.custom<UpdateTopicMetadataInput>((v) => typeof v === "object" && v !== null))
    .mutation(({ ctx, input }) => updateTopicMetadata(ctx.actor, input)),
  /** Kafka: create a topic under the policy (a refusal names the rule). */
  create: protectedProcedure.input(CreateTopicInput).mutation(({ ctx, input }) => createTopic(ctx.actor, input)),
  delete: protectedProcedure
    .input(z.object({ topicId: z.string().uuid(), confirmName: z.string().max(300) }))
    .mutation(({ ctx, input }) => deleteTopic(ctx.actor, input)),
  addPartitions: protectedProcedure
    .input(z.object({ topicId: z.string().uuid(), partitions: z.number().int().min(1).max(10_000) }))
    .mutation(({ ctx, input }) => addPartitions(ctx.actor, input)),
  /** A config change's diff (dry run), or applying it. */
  changeConfigs: protectedProcedure.input(ChangeConfigsInput).mutation(({ ctx, input }) => changeTopicConfigs(ctx.actor, input)),
  /** The cluster's ACL entries that apply to the topic (read only). */
  acls: protectedProcedure.input(z.object({ topicId: z.string().uuid() })).query(({ input }) => readTopicAcls(input.topicId)),
  /** Every ACL entry of one principal on a cluster (read only). */
  principalAcls: protectedProcedure.input(PrincipalAclsInput).query(({ input }) => readPrincipalAcls(input)),
  /** The cluster's client quotas, or those that can apply to one principal (read only). */
  clientQuotas: protectedProcedure.input(ClientQuotasInput).query(({ input }) => readClientQuotas(input)),
});
