// The dependency directions of ../shared/STYLE.md §3.1, checked on every test run (npm run lint:deps).

// Which contexts each bounded context may ask (through their index.ts). A DAG: audit is the floor,
// identity stands on it, connections below the catalog, and the readers of everything (alerts,
// lineage, records) on top. A context not listed here may ask no other.
const CONTEXTS = {
  audit: [],
  identity: ["audit"],
  connections: ["audit", "identity"],
  schemas: ["audit", "identity", "policies"],
  traces: [],
  policies: ["audit", "identity"],
  topics: ["audit", "identity", "connections", "policies"],
  consumers: ["audit", "identity", "connections", "topics"],
  masking: ["audit", "identity", "schemas"],
  "dead-letters": ["audit", "identity", "connections", "topics", "masking"],
  records: ["audit", "identity", "connections", "topics", "schemas", "dead-letters", "masking"],
  alerts: ["audit", "identity", "connections", "topics", "consumers", "dead-letters"],
  lineage: ["audit", "identity", "connections", "topics", "consumers", "schemas", "traces", "alerts"],
  scorecard: ["audit", "identity", "connections", "topics", "consumers", "schemas", "policies", "alerts", "records", "traces", "lineage"],
};
const contextRules = [
  {
    name: "every-context-is-layered",
    severity: "error",
    comment: "A new context gets its place in CONTEXTS (the DAG of who may ask whom).",
    from: { path: "^server/domain/", pathNot: `^server/domain/(${Object.keys(CONTEXTS).join("|")})/` },
    to: { path: "^server/domain/" },
  },
  ...Object.entries(CONTEXTS).map(([context, allowed]) => ({
    name: `context-direction-${context}`,
    severity: "error",
    comment: `${context} may ask only: ${allowed.join(", ") || "no other context"}`,
    from: { path: `^server/domain/${context}/` },
    to: { path: "^server/domain/", pathNot: `^server/domain/(${[context, ...allowed].join("|")})/` },
  })),
];

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
      to: { path: ["^server/db", "^server/generated/", "^server/brokers/", "node_modules/(@prisma/client|kafkajs|pg|amqplib|@nats-io)/"] },
    },
    {
      name: "domains-through-their-index",
      severity: "error",
      comment: "Another context is reached only through its index.ts.",
      from: { path: "^server/domain/([^/]+)/" },
      to: { path: "^server/domain/([^/]+)/(?!index\\.ts$)", pathNot: "^server/domain/$1/" },
    },
    ...contextRules,
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
      name: "kafkajs-behind-the-kafka-adapter",
      severity: "error",
      comment: "Outside collectors, only server/brokers/kafka/ imports kafkajs (the demo and tests play external systems).",
      from: { path: "^(server|app)/", pathNot: "^server/brokers/kafka/" },
      to: { path: "node_modules/kafkajs/" },
    },
    {
      name: "broker-adapters-stand-alone",
      severity: "error",
      comment: "An adapter speaks one broker's protocol and answers plain data: no domain, no database.",
      from: { path: "^server/brokers/" },
      to: { path: ["^server/(domain|db|api|http)/", "^server/generated/"] },
    },
    {
      name: "one-adapter-per-broker",
      severity: "error",
      comment: "Adapters do not reach into each other; shared shapes live in server/brokers/*.ts.",
      from: { path: "^server/brokers/([^/]+)/" },
      to: { path: "^server/brokers/([^/]+)/", pathNot: "^server/brokers/$1/" },
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
