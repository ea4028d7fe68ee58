import { z } from "zod";
import * as schemas from "@/server/domain/schemas";
import { findTopicsByName } from "@/server/domain/topics";
import { protectedProcedure, router } from "../trpc";

const Subject = z.string().min(1).max(512);
const Type = z.enum(schemas.SCHEMA_TYPES);
const Level = z.enum(schemas.COMPATIBILITY_LEVELS);

/** Topics named by TopicNameStrategy, with their owners. */
async function topicsFor(subjects: string[]) {
  const names = [...new Set(subjects.map(schemas.topicOfSubject).filter((t): t is string => t !== null))];
  const topics = await findTopicsByName(names);
  return (subject: string) => topics.filter((t) => t.name === schemas.topicOfSubject(subject));
}

export const schemasRouter = router({
  list: protectedProcedure
    .input(
      z.object({
        search: z.string().max(200).optional(),
        type: Type.optional(),
        page: z.number().int().min(1).default(1),
        pageSize: z.number().int().min(1).max(200).default(50),
      }),
    )
    .query(async ({ input }) => {
      const result = await schemas.listSubjectSummaries({
        search: input.search,
        type: input.type,
        offset: (input.page - 1) * input.pageSize,
        limit: input.pageSize,
      });
      const topicsOf = await topicsFor(result.items.map((i) => i.subject));
      return {
        ...result,
        page: input.page,
        pageCount: Math.max(1, Math.ceil(result.total / input.pageSize)),
        items: result.items.map((i) => ({ ...i, topics: topicsOf(i.subject) })),
      };
    }),
  subject: protectedProcedure.input(z.object({ subject: Subject })).query(async ({ input }) => {
    const versions = await schemas.listVersions(input.subject, { deleted: true });
    const [config, mode, topicsOf, ownerTeam] = await Promise.all([
      schemas.effectiveConfig(input.subject),
      schemas.getMode(input.subject, true),
      topicsFor([input.subject]),
      schemas.subjectOwner(input.subject),
    ]);
    const own = await schemas.getConfig(input.subject, false).catch(() => null);
    return {
      subject: input.subject,
      type: versions.at(-1)!.type,
      level: config.level,
      levelIsOwn: own !== null,
      mode,
      versions: versions.map((v) => ({
        version: v.version,
        id: v.id,
        deleted: v.deleted,
        createdAt: v.createdAt,
        references: v.references,
      })),
      ownerTeam,
      topics: topicsOf(input.subject),
    };
  }),
  version: protectedProcedure.input(z.object({ subject: Subject, version: z.string() })).query(async ({ input }) => {
    const v = await schemas.getVersion(input.subject, input.version, true);
    return { ...v, text: schemas.prettySchema(v.type, v.schema) };
  }),
  diff: protectedProcedure
    .input(z.object({ subject: Subject, from: z.string(), to: z.string() }))
    .query(({ input }) => schemas.diffVersions(input.subject, input.from, input.to)),
  /** The editor's live check: never throws for bad schema text, it reports it. */
  check: protectedProcedure
    .input(z.object({ subject: Subject, schema: z.string().max(2_000_000), schemaType: Type, level: Level.optional() }))
    .query(async ({ input }) => {
      try {
        const verdict = await schemas.checkAgainstSubject(input.subject, { schema: input.schema, schemaType: input.schemaType }, undefined);
        // A new subject's level is the one the form will set with it.
        const policy = await schemas.checkSchemaPolicy({
          subject: input.subject,
          schema: input.schema,
          schemaType: input.schemaType,
          level: input.level,
        });
        return { valid: true as const, ...verdict, policy };
      } catch (error) {
        if (error instanceof schemas.RegistryError && error.reason === "INVALID_SCHEMA")
          return { valid: false as const, error: error.message };
        throw error;
      }
    }),
  register: protectedProcedure
    .input(z.object({ subject: Subject, schema: z.string().min(1).max(2_000_000), schemaType: Type, level: Level.optional() }))
    .mutation(async ({ ctx, input }) => {
      schemas.validateSubject(input.subject);
      if (input.level) await schemas.setConfig(input.subject, { compatibility: input.level }, ctx.actor);
      return schemas.registerSchema(input.subject, { schema: input.schema, schemaType: input.schemaType }, { actor: ctx.actor });
    }),
  setLevel: protectedProcedure
    .input(z.object({ subject: Subject, level: Level.nullable() }))
    .mutation(({ ctx, input }) =>
      input.level
        ? schemas.setConfig(input.subject, { compatibility: input.level }, ctx.actor)
        : schemas.deleteConfig(input.subject, ctx.actor),
    ),
  setMode: protectedProcedure
    .input(z.object({ subject: Subject, mode: z.enum(schemas.MODES) }))
    .mutation(({ ctx, input }) => schemas.setMode(input.subject, input.mode, false, ctx.actor)),
  deleteVersion: protectedProcedure
    .input(z.object({ subject: Subject, version: z.number().int().min(1), permanent: z.boolean() }))
    .mutation(({ ctx, input }) => schemas.deleteSubjectVersion(input.subject, String(input.version), input.permanent, ctx.actor)),
  deleteSubject: protectedProcedure
    .input(z.object({ subject: Subject, permanent: z.boolean() }))
    .mutation(({ ctx, input }) => schemas.deleteSubject(input.subject, input.permanent, ctx.actor)),
  setOwner: protectedProcedure
    .input(z.object({ subject: Subject, team: z.string().trim().min(1).max(100).nullable() }))
    .mutation(({ ctx, input }) => schemas.setSubjectOwner(ctx.actor, input.subject, input.team)),
  forTopic: protectedProcedure
    .input(z.object({ topic: z.string().min(1).max(249) }))
    .query(async ({ input }) => (await schemas.subjectsForTopics([input.topic])).get(input.topic) ?? []),
});
