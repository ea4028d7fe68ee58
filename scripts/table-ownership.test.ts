// Each bounded context owns its tables: only code under server/domain/<owner>/ queries them, through
// Prisma, raw SQL or a relation. Everyone else asks the owner's index.ts. (Import directions are
// checked by .dependency-cruiser.cjs; this checks what imports cannot show.)
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");

/** Every Prisma model and the context that owns it. A new model must be added here. */
export const OWNERS: Record<string, string> = {
  Cluster: "connections",
  ClusterLease: "connections",
  Broker: "connections",
  Topic: "topics",
  TopicPartition: "topics",
  ConsumerGroup: "consumers",
  GroupOffset: "consumers",
  PartitionEndSample: "consumers",
  GroupCommitSample: "consumers",
  GroupLagSample: "consumers",
  Schema: "schemas",
  SubjectVersion: "schemas",
  SchemaReference: "schemas",
  SubjectConfig: "schemas",
  RegistryLogFloor: "schemas",
  RegistryChange: "schemas",
  LineageLayout: "lineage",
  Span: "traces",
  SpanLink: "traces",
  SpanResource: "traces",
  SpanFlowMinute: "traces",
  HopLatencyMinute: "traces",
  SpanFlowWatermark: "traces",
  AlertRule: "alerts",
  Alert: "alerts",
  AlertEvent: "alerts",
  Silence: "alerts",
  WebhookEndpoint: "alerts",
  Notification: "alerts",
  DeliveryAttempt: "alerts",
  Redrive: "dead-letters",
  DeadLetterClass: "dead-letters",
  DeadLetterScan: "dead-letters",
  DeadLetterEvent: "dead-letters",
  Service: "lineage",
  ObservedEdge: "lineage",
  DeclaredEdge: "lineage",
  GroupServiceMapping: "lineage",
  LineageWatermark: "lineage",
  User: "identity",
  Session: "identity",
  RateLimit: "identity",
  ApiToken: "identity",
  AuditEntry: "audit",
  MaskingRule: "masking",
  SavedFilter: "records",
  PolicyVersion: "policies",
  Finding: "scorecard",
  ScorecardPass: "scorecard",
};

interface Model {
  name: string;
  /** relation field name → the model it points to */
  relations: Map<string, string>;
}

function readModels(): Model[] {
  const text = readFileSync(join(root, "prisma/schema.prisma"), "utf8");
  const names = [...text.matchAll(/^model (\w+) \{/gm)].map((m) => m[1] as string);
  return [...text.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)].map((m) => {
    const relations = new Map<string, string>();
    for (const line of (m[2] as string).split("\n")) {
      const f = /^\s+(\w+)\s+(\w+)(\[\])?\??/.exec(line);
      if (f && names.includes(f[2] as string)) relations.set(f[1] as string, f[2] as string);
    }
    return { name: m[1] as string, relations };
  });
}

function sources(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const rel = join(dir, name);
    if (statSync(join(root, rel)).isDirectory()) return sources(rel);
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [rel] : [];
  });
}

const OPS = "find\\w*|create\\w*|update\\w*|upsert|delete\\w*|count|aggregate|groupBy";
const lowerFirst = (s: string) => s[0]!.toLowerCase() + s.slice(1);

/** The other contexts' tables a file touches: "Model (how)". */
function foreignAccess(file: string, owner: string, models: Model[]): string[] {
  const text = readFileSync(join(root, file), "utf8");
  const found: string[] = [];
  for (const m of models) {
    if (OWNERS[m.name] === owner) {
      // A relation from an owned model to another context's model reads that table through a join.
      for (const [field, target] of m.relations) {
        if (OWNERS[target] === owner) continue;
        if (new RegExp(`\\b(include|select)\\s*:\\s*\\{[^}]*\\b${field}\\s*:`).test(text)) found.push(`${target} (via ${m.name}.${field})`);
      }
      continue;
    }
    if (new RegExp(`\\.${lowerFirst(m.name)}\\.(${OPS})\\(`).test(text)) found.push(`${m.name} (Prisma)`);
    if (new RegExp(`"${m.name}"`).test(text) && /\$(queryRaw|executeRaw)|Prisma\.sql/.test(text)) found.push(`${m.name} (SQL)`);
  }
  return found;
}

describe("table ownership", () => {
  const models = readModels();

  it("names an owning context for every model, and every owner is a context", () => {
    const contexts = readdirSync(join(root, "server/domain"));
    expect(models.map((m) => m.name).filter((n) => !OWNERS[n])).toEqual([]);
    expect([...new Set(Object.values(OWNERS))].filter((c) => !contexts.includes(c))).toEqual([]);
  });

  it("lets only the owning context query a table", () => {
    const offenders = sources("server/domain").flatMap((file) => {
      const owner = file.split("/")[2] as string;
      return foreignAccess(file, owner, models).map((what) => `${file}: ${what}`);
    });
    expect(offenders).toEqual([]);
  });

  it("keeps the database out of everything but the domain and the db module", () => {
    const outside = ["server/api", "server/http", "server/lib", "server/brokers", "collectors"]
      .filter((d) => {
        try {
          return statSync(join(root, d)).isDirectory();
        } catch {
          return false;
        }
      })
      .flatMap(sources)
      .filter((f) => {
        const text = readFileSync(join(root, f), "utf8");
        return models.some((m) => new RegExp(`\\.${lowerFirst(m.name)}\\.(${OPS})\\(`).test(text)) || /\$(queryRaw|executeRaw)/.test(text);
      });
    expect(outside).toEqual([]);
  });
});
