// How many records each consumed partition received in a window, from the stored log-end samples (the
// same samples time lag uses): the input of the scorecard's hot-partition check.
import { db } from "@/server/db";

export type PartitionGrowth = { clusterId: string; topic: string; partition: number; records: number };

export async function partitionGrowth(since: Date, until: Date): Promise<PartitionGrowth[]> {
  const rows = await db.$queryRaw<{ clusterId: string; topic: string; partition: number; records: bigint }[]>`
    SELECT "clusterId", topic, partition, max("endOffset") - min("endOffset") AS records
    FROM "PartitionEndSample"
    WHERE "observedAt" >= ${since} AND "observedAt" <= ${until}
    GROUP BY 1, 2, 3`;
  return rows.map((r) => ({ ...r, records: Number(r.records) }));
}
