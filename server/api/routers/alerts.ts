import { z } from "zod";
import {
  createEndpoint,
  createRule,
  createSilence,
  deleteEndpoint,
  deleteRule,
  expireSilence,
  listAlerts,
  listEndpoints,
  listNotifications,
  listRules,
  alertKindCatalog,
  publicUrl,
  sendTest,
  setRuleEnabled,
  updateEndpoint,
  updateRule,
  type EndpointInput,
  type RuleInput,
} from "@/server/domain/alerts";
import { protectedProcedure, router } from "../trpc";

// Validated in the domain, so the form shows the domain's own messages.
const RawRule = z.custom<RuleInput>((v) => typeof v === "object" && v !== null);
const RawEndpoint = z.custom<EndpointInput>((v) => typeof v === "object" && v !== null);
const Id = z.object({ id: z.string().uuid() });

export const alertsRouter = router({
  overview: protectedProcedure.query(() => listAlerts()),
  rules: protectedProcedure.query(() => listRules()),
  kinds: protectedProcedure.query(() => alertKindCatalog()),
  createRule: protectedProcedure.input(RawRule).mutation(({ ctx, input }) => createRule(ctx.actor, input)),
  updateRule: protectedProcedure
    .input(z.object({ id: z.string().uuid(), rule: RawRule }))
    .mutation(({ ctx, input }) => updateRule(ctx.actor, input.id, input.rule)),
  setRuleEnabled: protectedProcedure
    .input(z.object({ id: z.string().uuid(), enabled: z.boolean() }))
    .mutation(({ ctx, input }) => setRuleEnabled(ctx.actor, input.id, input.enabled)),
  deleteRule: protectedProcedure.input(Id).mutation(({ ctx, input }) => deleteRule(ctx.actor, input.id)),
  endpoints: protectedProcedure.query(() => listEndpoints()),
  createEndpoint: protectedProcedure.input(RawEndpoint).mutation(({ ctx, input }) => createEndpoint(ctx.actor, input)),
  updateEndpoint: protectedProcedure
    .input(z.object({ id: z.string().uuid(), endpoint: RawEndpoint }))
    .mutation(({ ctx, input }) => updateEndpoint(ctx.actor, input.id, input.endpoint)),
  deleteEndpoint: protectedProcedure.input(Id).mutation(({ ctx, input }) => deleteEndpoint(ctx.actor, input.id)),
  sendTest: protectedProcedure.input(Id).mutation(({ ctx, input }) => sendTest(ctx.actor, input.id, publicUrl())),
  deliveries: protectedProcedure
    .input(z.object({ endpointId: z.string().uuid().optional() }))
    .query(({ input }) => listNotifications({ endpointId: input.endpointId, take: 100 })),
  silence: protectedProcedure
    .input(
      z.object({
        matchers: z.record(z.string(), z.string()),
        hours: z
          .number()
          .min(0.1)
          .max(24 * 30),
        comment: z.string().max(1000).default(""),
      }),
    )
    .mutation(({ ctx, input }) =>
      createSilence(ctx.actor, {
        matchers: input.matchers,
        endsAt: new Date(Date.now() + input.hours * 3_600_000),
        comment: input.comment,
      }),
    ),
  expireSilence: protectedProcedure.input(Id).mutation(({ ctx, input }) => expireSilence(ctx.actor, input.id)),
});
