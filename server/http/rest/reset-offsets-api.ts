// POST /api/v1/clusters/{cluster}/consumer-groups/{group}/reset-offsets
//   {"topic": "...", "to": "earliest|latest|timestamp|offset|shift", "value": ..., "partitions": [..], "dryRun": true}
// answers the table of current → new offsets per partition (and applies it when dryRun is false),
// with an API token's permissions (scope "write": the same rule as the UI's).
import { resetOffsets } from "@/server/domain/consumers";
import type { Actor } from "@/server/domain/identity";
import { guarded } from "../guard";
import { readJsonObject } from "./json-body";
import { answering } from "./errors";

type Params = { cluster: string; group: string };

export function resetOffsetsPost(request: Request, ctx: { params: Promise<Params> }): Promise<Response> {
  return guarded("write", async (req: Request, actor: Actor) =>
    answering(async () => {
      const { cluster, group } = await ctx.params;
      const body = await readJsonObject(req, 256 * 1024, "a JSON object: {topic, to, value, partitions, dryRun}");
      const plan = await resetOffsets({ ...body, cluster, group, clusterId: undefined } as Parameters<typeof resetOffsets>[0], actor);
      return Response.json(plan);
    }),
  )(request);
}
