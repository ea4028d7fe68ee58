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
  publicUrl,
  sendTest,
  setRuleEnabled,
  updateEndpoint,
  updateRule,
  type EndpointInput,
  type RuleInput,
} from "@/server/domain/alerts";
import { publicProcedure, router } from "../trpc";

// Validated in the domain, so the form shows the domain's own messages.
const RawRule = z.custom<RuleInput>((v) => typeof v === "object" && v !== null);
const RawEndpoint = z.custom<EndpointInput>((v) => typeof v === "object" && v !== null);
const Id = z.object({ id: z.string().uuid() });

export const alertsRouter = router({
  overview: publicProcedure.query(() => listAlerts()),
  rules: publicProcedure.query(() => listRules()),
  createRule: publicProcedure.input(RawRule).mutation(({ input }) => createRule(input)),
  updateRule: publicProcedure
    .input(z.object({ id: z.string().uuid(), rule: RawRule }))
    .mutation(({ input }) => updateRule(input.id, input.rule)),
  setRuleEnabled: publicProcedure
    .input(z.object({ id: z.string().uuid(), enabled: z.boolean() }))
    .mutation(({ input }) => setRuleEnabled(input.id, input.enabled)),
  deleteRule: publicProcedure.input(Id).mutation(({ input }) => deleteRule(input.id)),
  endpoints: publicProcedure.query(() => listEndpoints()),
  createEndpoint: publicProcedure.input(RawEndpoint).mutation(({ input }) => createEndpoint(input)),
  updateEndpoint: publicProcedure
    .input(z.object({ id: z.string().uuid(), endpoint: RawEndpoint }))
    .mutation(({ input }) => updateEndpoint(input.id, input.endpoint)),
  deleteEndpoint: publicProcedure.input(Id).mutation(({ input }) => deleteEndpoint(input.id)),
  sendTest: publicProcedure.input(Id).mutation(({ input }) => sendTest(input.id, publicUrl())),
  deliveries: publicProcedure
    .input(z.object({ endpointId: z.string().uuid().optional() }))
    .query(({ input }) => listNotifications({ endpointId: input.endpointId, take: 100 })),
  silence: publicProcedure
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
    .mutation(({ input }) =>
      createSilence({ matchers: input.matchers, endsAt: new Date(Date.now() + input.hours * 3_600_000), comment: input.comment }),
    ),
  expireSilence: publicProcedure.input(Id).mutation(({ input }) => expireSilence(input.id)),
});
