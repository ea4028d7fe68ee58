import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { alertsRouter } from "./routers/alerts";
import { auditRouter } from "./routers/audit";
import { authRouter } from "./routers/auth";
import { identityRouter } from "./routers/identity";
import { clustersRouter } from "./routers/clusters";
import { consumersRouter } from "./routers/consumers";
import { deadLettersRouter } from "./routers/dead-letters";
import { lineageRouter } from "./routers/lineage";
import { maskingRouter } from "./routers/masking";
import { policiesRouter } from "./routers/policies";
import { recordsRouter } from "./routers/records";
import { schemasRouter } from "./routers/schemas";
import { scorecardRouter } from "./routers/scorecard";
import { systemRouter } from "./routers/system";
import { topicsRouter } from "./routers/topics";
import { tracesRouter } from "./routers/traces";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  auth: authRouter,
  identity: identityRouter,
  audit: auditRouter,
  clusters: clustersRouter,
  topics: topicsRouter,
  consumers: consumersRouter,
  deadLetters: deadLettersRouter,
  records: recordsRouter,
  masking: maskingRouter,
  policies: policiesRouter,
  schemas: schemasRouter,
  scorecard: scorecardRouter,
  traces: tracesRouter,
  lineage: lineageRouter,
  alerts: alertsRouter,
  system: systemRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export const createCaller = createCallerFactory(appRouter);
