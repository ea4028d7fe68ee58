// GET /api/v1/clusters/{cluster}/topics/{topic}/messages: a search through the public REST API, with
// the same permissions as the browser (an API token's role and teams, scope "read").
//   from=earliest|latest|offset:<n>|time:<ISO 8601>   partition=<n>   direction=newest|oldest
//   filter=<CEL>   limit=<1..500>   maxScanned=<n>   maxSeconds=<n>   cursor=<from an earlier answer>
// Answers {messages, scanned, matched, total, stoppedBy, cursor, filterErrors, firstFilterError}.
//
// POST to the same path produces (scope "write", the topic's owner team's editors): one message
// {key, value, valueSubject?, keySubject?, valueMessage?, headers?, partition?} answers where it landed;
// {messages: [...], dryRun} validates (and with dryRun false sends) many, answering per-line problems.
import { produceMessage, produceMessages, searchTopic, type SearchTopicInput, type TopicAddress } from "@/server/domain/records";
import { readJsonObject } from "./json-body";
import type { Actor } from "@/server/domain/identity";
import { DomainError } from "@/server/errors";
import { guarded } from "../guard";
import { answering } from "./errors";
import { MESSAGE_QUERY } from "./openapi";

type Params = { cluster: string; topic: string };

function int(v: string | null, name: string): number | undefined {
  if (v === null || v === "") return undefined;
  if (!/^\d{1,9}$/.test(v)) throw new DomainError("INVALID_INPUT", `${name} is a whole number`);
  return Number(v);
}

/** The query string as search options; anything malformed is a 400 that names the parameter. */
export function searchFromQuery(q: URLSearchParams, address: TopicAddress, extra: readonly string[] = []): SearchTopicInput {
  // The documented parameters and no others: a misspelt one is said, not silently ignored.
  const known = new Set<string>([...MESSAGE_QUERY.map((p) => p.name), ...extra]);
  const unknown = [...q.keys()].find((k) => !known.has(k));
  if (unknown !== undefined)
    throw new DomainError("INVALID_INPUT", `Unknown parameter "${unknown.slice(0, 50)}"; see /api/v1/openapi.json`);
  const from = q.get("from") ?? "latest";
  const start =
    from === "earliest" || from === "latest"
      ? { from }
      : from.startsWith("offset:")
        ? { from: "offset" as const, offset: from.slice("offset:".length) }
        : from.startsWith("time:")
          ? { from: "timestamp" as const, timestamp: from.slice("time:".length) }
          : null;
  if (!start) throw new DomainError("INVALID_INPUT", "from is earliest, latest, offset:<n> or time:<ISO 8601>");
  const direction = q.get("direction") ?? undefined;
  if (direction !== undefined && direction !== "newest" && direction !== "oldest")
    throw new DomainError("INVALID_INPUT", "direction is newest or oldest");
  return {
    ...address,
    ...(start as SearchTopicInput),
    direction,
    partition: int(q.get("partition"), "partition"),
    filter: q.get("filter") ?? undefined,
    limit: int(q.get("limit"), "limit"),
    maxScanned: int(q.get("maxScanned"), "maxScanned"),
    maxSeconds: int(q.get("maxSeconds"), "maxSeconds"),
    cursor: q.get("cursor") ?? undefined,
  };
}

export function messagesGet(request: Request, ctx: { params: Promise<Params> }): Promise<Response> {
  return guarded("read", async (req: Request, actor: Actor) =>
    answering(async () => {
      const address = await ctx.params;
      const { topic: _t, ...result } = await searchTopic(actor, searchFromQuery(new URL(req.url).searchParams, address), {
        signal: req.signal,
      });
      return Response.json(result, { headers: { "cache-control": "no-store" } });
    }),
  )(request);
}

export function messagesPost(request: Request, ctx: { params: Promise<Params> }): Promise<Response> {
  return guarded("write", async (req: Request, actor: Actor) =>
    answering(async () => {
      const address = await ctx.params;
      const body = await readJsonObject(req, 20 * 1024 * 1024, "a JSON object: a message, or {messages, dryRun}");
      if ("messages" in body) return Response.json(await produceMessages(actor, address, body as Parameters<typeof produceMessages>[2]));
      return Response.json(await produceMessage(actor, address, body as Parameters<typeof produceMessage>[2]), { status: 201 });
    }),
  )(request);
}
