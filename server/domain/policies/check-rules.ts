// The policy's settings for the scorecard's checks of the live system (the schema rules are in
// schema-rules.ts and are reported by the scorecard too). Each check has a severity; "off" skips it.
import { z } from "zod";
import { FieldPath } from "./field-paths";
import { Severity } from "./schema-rules";

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
    /** how much each pass reads: the newest records of each partition, of at most this many topics */
    sampling: z
      .object({
        recordsPerPartition: z.number().int().min(1).max(10_000).default(200),
        maxTopics: z.number().int().min(1).max(100_000).default(500),
      })
      .strict()
      .prefault({}),
  })
  .strict();
export type CheckRules = z.output<typeof CheckRules>;
