// A real single-node Apache Kafka (KRaft, broker + controller in one JVM) whose jars come from Maven
// Central through Maven. Used by `npm run kafka:local`, `npm run demo` and the test suite.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, writeFileSync, createWriteStream } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { waitForPort } from "./ports";

/** Newest 4.x whose broker and tools jars are both on Maven Central (kafka-tools 4.4.0 is not). */
export const KAFKA_VERSION = "4.3.1";
const LOG4J_VERSION = "2.25.4";

export class KafkaSetupError extends Error {}

function need(cmd: string, hint: string): void {
  const found = spawnSync("sh", ["-c", `command -v ${cmd}`], { encoding: "utf8" });
  if (found.status !== 0) {
    throw new KafkaSetupError(
      `${cmd} is not installed. The local Kafka needs Java 17+ and Maven: ${hint}. ` +
        `Or skip the local broker and point KAFKA_BROKERS at an existing cluster.`,
    );
  }
}

export function defaultCacheDir(configured?: string): string {
  return resolve(configured ?? join(homedir(), ".cache", "eventplane"));
}

/** Resolves the broker and tools jars with Maven into <cacheDir>/kafka-<version>/libs (once). */
export function ensureKafkaJars(cacheDir: string, log: (s: string) => void = console.log): string {
  const home = join(cacheDir, `kafka-${KAFKA_VERSION}`);
  const libs = join(home, "libs");
  if (existsSync(libs) && readdirSync(libs).some((f) => f.startsWith("kafka-server-"))) return libs;
  need("java", "apt-get install -y openjdk-17-jre-headless");
  need("mvn", "apt-get install -y maven");
  mkdirSync(home, { recursive: true });
  const dep = (g: string, a: string, v: string) =>
    `<dependency><groupId>${g}</groupId><artifactId>${a}</artifactId><version>${v}</version></dependency>`;
  writeFileSync(
    join(home, "pom.xml"),
    `<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
<groupId>dev.eventplane</groupId><artifactId>kafka-local</artifactId><version>1</version><packaging>pom</packaging>
<dependencies>
${dep("org.apache.kafka", "kafka_2.13", KAFKA_VERSION)}
${dep("org.apache.kafka", "kafka-tools", KAFKA_VERSION)}
${dep("org.apache.logging.log4j", "log4j-slf4j-impl", LOG4J_VERSION)}
</dependencies></project>\n`,
  );
  log(`resolving Apache Kafka ${KAFKA_VERSION} from Maven Central into ${libs} (once)…`);
  const mvn = spawnSync("mvn", ["-B", "-q", "dependency:copy-dependencies", `-DoutputDirectory=${libs}`, "-DincludeScope=runtime"], {
    cwd: home,
    encoding: "utf8",
  });
  if (mvn.status !== 0) {
    throw new KafkaSetupError(`Maven could not resolve Kafka ${KAFKA_VERSION}:\n${(mvn.stdout + mvn.stderr).slice(-2000)}`);
  }
  return libs;
}

export function newClusterId(libs: string): string {
  const id = spawnSync("java", ["-cp", `${libs}/*`, "kafka.tools.StorageTool", "random-uuid"], { encoding: "utf8" });
  return id.stdout.trim().split("\n").pop() ?? "";
}

export interface KafkaBroker {
  brokers: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** An extra SASL_PLAINTEXT listener with PLAIN users, for testing authenticated clusters for real. */
export interface SaslPlainListener {
  port: number;
  users: Record<string, string>;
}

function saslLines(sasl: SaslPlainListener | undefined): string[] {
  if (!sasl) return [];
  const users = Object.entries(sasl.users)
    .map(([u, p]) => `user_${u}="${p}"`)
    .join(" ");
  return [
    "sasl.enabled.mechanisms=PLAIN",
    "inter.broker.listener.name=PLAINTEXT",
    `listener.name.sasl_plaintext.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required ${users};`,
  ];
}

/** Node 1 is broker and controller; nodes 2… are brokers only, voting nothing (see kafka-cluster.ts). */
function serverProperties(node: KafkaNode, port: number, controllerPort: number, logDir: string, sasl?: SaslPlainListener): string {
  const saslListener = sasl ? `,SASL_PLAINTEXT://127.0.0.1:${sasl.port}` : "";
  const controller = node.id === 1 ? `,CONTROLLER://127.0.0.1:${controllerPort}` : "";
  return [
    `process.roles=${node.id === 1 ? "broker,controller" : "broker"}`,
    `node.id=${node.id}`,
    `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${port}${controller}${saslListener}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${port}${saslListener}`,
    "controller.listener.names=CONTROLLER",
    `listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT${sasl ? ",SASL_PLAINTEXT:SASL_PLAINTEXT" : ""}`,
    ...saslLines(sasl),
    `log.dirs=${logDir}`,
    "offsets.topic.replication.factor=1",
    "transaction.state.log.replication.factor=1",
    "transaction.state.log.min.isr=1",
    "share.coordinator.state.topic.replication.factor=1",
    "share.coordinator.state.topic.min.isr=1",
    "group.initial.rebalance.delay.ms=0",
    // ACLs can be created and read (the console shows them); with none on a resource everyone may
    // use it, and plaintext clients (User:ANONYMOUS, the controller too) are super users.
    "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
    "allow.everyone.if.no.acl.found=true",
    "super.users=User:ANONYMOUS",
    "num.partitions=1",
    "auto.create.topics.enable=true",
    "",
  ].join("\n");
}

function log4jConfig(file: string): string {
  return [
    "rootLogger.level=INFO",
    "rootLogger.appenderRef.file.ref=file",
    "appender.file.type=File",
    "appender.file.name=file",
    `appender.file.fileName=${file}`,
    "appender.file.layout.type=PatternLayout",
    "appender.file.layout.pattern=[%d] %p %m (%c)%n",
    "",
  ].join("\n");
}

/** Which node of a cluster this is; a single broker is node 1 of a cluster of its own. */
export interface KafkaNode {
  id: number;
  /** Every node of a cluster is formatted with the same id. */
  clusterId?: string;
  heap?: string;
}

/** Formats the KRaft storage on first use, then runs the broker until stop(). */
export async function startKafka(opts: {
  libs: string;
  dataDir: string;
  port: number;
  controllerPort?: number;
  sasl?: SaslPlainListener;
  stdio?: "inherit" | "ignore";
  node?: KafkaNode;
  /** A broker restarted over many partitions loads their logs before it listens. */
  startTimeoutMs?: number;
}): Promise<KafkaBroker> {
  const node = opts.node ?? { id: 1 };
  const dataDir = resolve(opts.dataDir);
  const logDir = join(dataDir, "logs");
  mkdirSync(logDir, { recursive: true });
  const controllerPort = opts.controllerPort ?? opts.port + 1;
  const props = join(dataDir, "server.properties");
  writeFileSync(props, serverProperties(node, opts.port, controllerPort, logDir, opts.sasl));
  const log4j = join(dataDir, "log4j2.properties");
  writeFileSync(log4j, log4jConfig(join(dataDir, "server.log")));
  const cp = `${opts.libs}/*`;
  const jvm = ["-Xms256m", `-Xmx${node.heap ?? "1g"}`, `-Dlog4j2.configurationFile=${log4j}`, "-cp", cp];

  if (!existsSync(join(logDir, "meta.properties"))) {
    const clusterId = node.clusterId ?? newClusterId(opts.libs);
    const format = spawnSync("java", [...jvm, "kafka.tools.StorageTool", "format", "-t", clusterId, "-c", props], {
      encoding: "utf8",
    });
    if (format.status !== 0) throw new KafkaSetupError(`formatting KRaft storage failed:\n${format.stdout}${format.stderr}`);
  }

  const out = createWriteStream(join(dataDir, "stdout.log"), { flags: "a" });
  const child = spawn("java", [...jvm, "kafka.Kafka", props], {
    stdio: ["ignore", opts.stdio === "inherit" ? "inherit" : "pipe", opts.stdio === "inherit" ? "inherit" : "pipe"],
  });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  try {
    await waitForPort(opts.port, child, opts.startTimeoutMs ?? 60_000, (why) => new KafkaSetupError(`Kafka ${why}`));
  } catch (e) {
    child.kill("SIGKILL");
    throw e;
  }
  return {
    brokers: `127.0.0.1:${opts.port}`,
    port: opts.port,
    process: child,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      // A controlled shutdown takes a few seconds; after 20 s give up politely.
      const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
