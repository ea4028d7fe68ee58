// The policy's settings for the scorecard's checks of the live system (the schema rules are in
// schema-rules.ts and are reported by the scorecard too). Each check has a severity; "off" skips it.
import { z } from "zod";
import { FieldPath } from "./field-paths";
import { Severity } from "./schema-rules";

const Hours = z
  .number()
  .min(0.1)
  .max(24 * 30)
  .default(24);

export const CheckRules = z
  .object({
    /** consumer groups that no enabled lag or status rule watches */
    unwatchedGroups: z
      .object({ severity: Severity.default("warning") })
      .strict()
      .prefault({}),
    /** records over this size (and near the topic's max.message.bytes) */
    largePayloads: z
      .object({
        severity: Severity.default("warning"),
        maxBytes: z
          .number()
          .int()
          .min(1024)
          .default(1024 * 1024),
      })
      .strict()
      .prefault({}),
    /** keyless records on a topic of several partitions while the payload names its aggregate */
    keylessOrdering: z
      .object({ severity: Severity.default("warning"), aggregateIdFields: z.array(FieldPath).min(1).max(10).default(["aggregate_id"]) })
      .strict()
      .prefault({}),
    /** the same event id more than once among a topic's sampled records */
    duplicates: z
      .object({ severity: Severity.default("warning"), eventIdField: FieldPath.default("event_id") })
      .strict()
      .prefault({}),
    /** values written without a registered schema (JSON text, other bytes) */
    unregisteredPayloads: z
      .object({ severity: Severity.default("warning") })
      .strict()
      .prefault({}),
    /** consumers connected now that sent no consumer span in the window: their part of a journey is dark */
    untracedGroups: z
      .object({ severity: Severity.default("warning"), windowHours: Hours })
      .strict()
      .prefault({}),
    /** services people declared (edges, group mappings) that sent no messaging span in the window */
    untracedServices: z
      .object({ severity: Severity.default("warning"), windowHours: Hours })
      .strict()
      .prefault({}),
    /** a group's process spans handled the same topic/partition/offset more than once in the window */
    reprocessed: z
      .object({ severity: Severity.default("warning"), windowHours: Hours })
      .strict()
      .prefault({}),
    /** consumers whose processing fails (error spans in the window) with nowhere for a failed record to go */
    noDeadLetterPath: z
      .object({ severity: Severity.default("warning"), windowHours: Hours })
      .strict()
      .prefault({}),
    /** every consumed topic or queue needs a dead-letter path, failing or not (off unless a team asks for it) */
    deadLetterRequired: z
      .object({ severity: Severity.default("off") })
      .strict()
      .prefault({}),
    /** one partition of a keyed topic takes more than `skew` times its fair share of the records */
    hotPartitions: z
      .object({
        severity: Severity.default("warning"),
        windowHours: Hours,
        skew: z.number().min(1.1).max(100).default(2),
        /** below this many records in the window a topic is too quiet to judge */
        minRecords: z.number().int().min(1).default(1000),
      })
      .strict()
      .prefault({}),
    /** topics, subjects and services with no owner team (the topic rule ownerRequired refuses new ones) */
    owners: z
      .object({ severity: Severity.default("off") })
      .strict()
      .prefault({}),
    /** live topics whose names do not match topics.namePattern (created before the rule, or outside Eventplane) */
    topicNames: z
      .object({ severity: Severity.default("warning") })
      .strict()
      .prefault({}),
    /** versions registered while their subject was at NONE, after an earlier version: never checked */
    uncheckedVersions: z
      .object({ severity: Severity.default("warning") })
      .strict()
      .prefault({}),
    /** where a record's value names its event type (held to schemas.eventNames, like schema names) */
    eventTypeField: FieldPath.default("event_type"),
    /** how much each pass reads: the newest records of each partition, of at most this many topics */
    sampling: z
      .object({
        recordsPerPartition: z.number().int().min(1).max(10_000).default(200),
        maxTopics: z.number().int().min(1).max(100_000).default(500),
        /** RabbitMQ queues too: reading one takes its head messages and hands them back marked redelivered */
        rabbitmqQueues: z.boolean().default(false),
      })
      .strict()
      .prefault({}),
  })
  .strict();
export type CheckRules = z.output<typeof CheckRules>;
