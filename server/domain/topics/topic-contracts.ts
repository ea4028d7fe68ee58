import { z } from "zod";

export const TopicSort = z.enum(["name", "partitions", "messages", "rate", "owner", "cluster"]);

export const ListTopicsInput = z.object({
  search: z.string().trim().max(200).optional(),
  clusterId: z.string().uuid().optional(),
  /** Only the destinations of connections of this broker kind. */
  broker: z.enum(["kafka", "rabbitmq", "nats"]).optional(),
  /** Only topics, queues, exchanges or streams. */
  kind: z.enum(["topic", "queue", "exchange", "stream"]).optional(),
  /** Internal topics (__consumer_offsets, …) are hidden unless asked for. */
  includeInternal: z.boolean().default(false),
  includeDeleted: z.boolean().default(false),
  /** Only dead-letter queues. */
  deadLetterOnly: z.boolean().default(false),
  owner: z.string().trim().max(100).optional(),
  tag: z.string().trim().max(40).optional(),
  sort: TopicSort.default("name"),
  dir: z.enum(["asc", "desc"]).default("asc"),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(5).max(200).default(50),
});
export type ListTopicsInput = z.input<typeof ListTopicsInput>;

export const TAG = /^[a-z0-9][a-z0-9._:-]{0,39}$/;
export const DESCRIPTION_MAX = 20_000;

export const UpdateTopicMetadataInput = z.object({
  id: z.string().uuid(),
  ownerTeam: z
    .string()
    .trim()
    .max(100, "owner team: at most 100 characters")
    .transform((v) => (v === "" ? null : v))
    .nullable(),
  description: z
    .string()
    .max(DESCRIPTION_MAX, `description: at most ${DESCRIPTION_MAX.toLocaleString("en")} characters`)
    .transform((v) => (v.trim() === "" ? null : v))
    .nullable(),
  tags: z
    .array(
      z
        .string()
        .trim()
        .toLowerCase()
        .regex(TAG, "tags: 1–40 characters of a-z, 0-9, '.', '_', ':' or '-', starting with a letter or digit"),
    )
    .max(20, "at most 20 tags")
    .transform((tags) => [...new Set(tags)].sort()),
});
export type UpdateTopicMetadataInput = z.input<typeof UpdateTopicMetadataInput>;
