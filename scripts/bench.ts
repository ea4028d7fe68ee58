// `npm run bench`: every benchmark, one after another; `npm run bench -- <name> [options]` runs one.
// Each reports its figures as ratios against a baseline measured in the same run (never a timed test).
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const SUITES = {
  registry: "schema registry REST API vs a bare node:http server (32 concurrent clients)",
  otlp: "OTLP ingest vs decoding alone; a 10,000-span journey vs reading its spans",
  catalog: "catalog sync of 10,000 topics vs the raw admin-API read",
  brokers: "catalog sync of 1,000 RabbitMQ queues and 1,000 JetStream streams vs the brokers' own API reads",
  lag: "one lag cycle and alert rules over consumer groups (1,000 × 10 partitions unless told) vs the raw admin-API fetch",
  consumers: "the Consumers list over 20,000 groups (unless told) vs the same over 200",
  lineage:
    "a lineage graph (1,000 nodes unless --services/--topics): assembly vs its rows; layout, drawing, panning and clicking in Chromium vs small views",
  search: "a CEL-filtered search over 1,000,000 Avro records vs a bare kafkajs consumer decoding them; time to a first early match",
  scorecard: "a scorecard pass sampling 100 topics × 600 records (Avro and JSON) vs a bare kafkajs consumer reading the same records",
} as const;

const [first, ...rest] = process.argv.slice(2);
const chosen = first && !first.startsWith("--") ? [first] : Object.keys(SUITES);
const options = first && !first.startsWith("--") ? rest : process.argv.slice(2);
for (const name of chosen) {
  if (!(name in SUITES)) {
    console.error(`unknown benchmark "${name}"; one of: ${Object.keys(SUITES).join(", ")}`);
    process.exit(2);
  }
  console.log(`\n=== ${name}: ${SUITES[name as keyof typeof SUITES]} ===`);
  const run = spawnSync(process.execPath, ["--import", "tsx", join(import.meta.dirname, "bench", `${name}.ts`), ...options], {
    stdio: "inherit",
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
