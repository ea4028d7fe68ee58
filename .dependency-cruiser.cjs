// The dependency directions of ../shared/STYLE.md §3.1, checked on every test run (npm run lint:deps).
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    { name: "no-circular", severity: "error", comment: "Import cycles hide layering mistakes.", from: {}, to: { circular: true } },
    {
      name: "ui-reaches-server-through-trpc",
      severity: "error",
      comment: "Pages and components may import server/ types only; data flows through tRPC (route handlers are transport adapters).",
      from: { path: "^app/", pathNot: ["^app/(_trpc|api)/", "/route\\.ts$"] },
      to: { path: "^server/", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "transport-never-touches-storage",
      severity: "error",
      comment: "server/api and server/http call the domain; they never query the database or Kafka.",
      from: { path: "^server/(api|http)/", pathNot: "\\.test\\.ts$" },
      to: { path: ["^server/db", "^server/generated/", "^server/kafka\\.ts$", "node_modules/(@prisma/client|kafkajs|pg)/"] },
    },
    {
      name: "domains-through-their-index",
      severity: "error",
      comment: "Another context is reached only through its index.ts.",
      from: { path: "^server/domain/([^/]+)/" },
      to: { path: "^server/domain/([^/]+)/(?!index\\.ts$)", pathNot: "^server/domain/$1/" },
    },
    {
      name: "domain-direction",
      severity: "error",
      comment: "schemas ← topics ← consumers ← alerts, and traces ← lineage: no back edges.",
      from: { path: "^server/domain/(schemas|topics)/" },
      to: { path: "^server/domain/(consumers|alerts|lineage|traces)/" },
    },
    {
      name: "consumers-direction",
      severity: "error",
      from: { path: "^server/domain/consumers/" },
      to: { path: "^server/domain/(alerts|lineage|traces)/" },
    },
    {
      name: "audit-is-the-floor",
      severity: "error",
      comment: "Every context writes its audit entries through audit; audit depends on no context.",
      from: { path: "^server/domain/audit/" },
      to: { path: "^server/domain/(?!audit/)" },
    },
    {
      name: "identity-stands-on-audit-only",
      severity: "error",
      comment: "Every context asks identity who acts and what they may do; identity asks only audit.",
      from: { path: "^server/domain/identity/" },
      to: { path: "^server/domain/(?!identity/|audit/)" },
    },
    {
      name: "collectors-are-domain-clients",
      severity: "error",
      comment: "Collectors write only through server/domain; never the UI, transport or Prisma directly.",
      from: { path: "^collectors/", pathNot: "\\.test\\.ts$" },
      to: { path: ["^app/", "^server/(api|http)/", "^server/db", "^server/generated/", "node_modules/@prisma/client/"] },
    },
    {
      name: "server-stays-below",
      severity: "error",
      from: { path: "^server/", pathNot: "\\.test\\.ts$" },
      to: { path: ["^app/", "^collectors/", "^e2e/", "^scripts/", "^test/"] },
    },
    {
      name: "e2e-is-black-box",
      severity: "error",
      from: { path: "^e2e/" },
      to: { path: ["^server/", "^app/", "^collectors/"] },
    },
    {
      name: "kafkajs-behind-server-kafka",
      severity: "error",
      comment: "Outside collectors, only server/kafka.ts imports kafkajs (the demo and tests play external systems).",
      from: { path: "^(server|app)/", pathNot: "^server/kafka\\.ts$" },
      to: { path: "node_modules/kafkajs/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: ["^server/generated/", "\\.next/"] },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"] },
  },
};
