// Apicurio Registry, the peer the registry benchmark measures Eventplane beside: the upstream's own
// packaged Quarkus app from Maven Central (io.apicurio:apicurio-registry-app:3.3.3:tar.gz:all), unpacked
// once into the cache, run with a Java ≥ 21 (JAVA_HOME, or the newest JDK under /usr/lib/jvm), its
// Confluent-compatible API at /apis/ccompat/v7. Storage in memory (its default), or on PostgreSQL for a
// like-for-like store. Returns null, saying why, when there is no Java 21 or Maven cannot fetch it.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { freePort } from "../lib/ports";

export const APICURIO_VERSION = "3.3.3";
export const APICURIO_API = "/apis/ccompat/v7";

function javaMajor(java: string): number {
  const r = spawnSync(java, ["-version"], { encoding: "utf8" });
  const m = /version "(\d+)/.exec(`${r.stderr}${r.stdout}`);
  return m ? Number(m[1]) : 0;
}

/** A `java` of version 21 or later, or null. */
export function findJava21(): string | null {
  const candidates = [
    ...(process.env.JAVA_HOME ? [join(process.env.JAVA_HOME, "bin", "java")] : []),
    ...(existsSync("/usr/lib/jvm") ? readdirSync("/usr/lib/jvm").map((d) => join("/usr/lib/jvm", d, "bin", "java")) : []),
    "java",
  ];
  const usable = candidates.filter((j) => (j === "java" || existsSync(j)) && javaMajor(j) >= 21);
  return usable.sort((a, b) => javaMajor(b) - javaMajor(a))[0] ?? null;
}

/** The unpacked app (its quarkus-run.jar), fetched through Maven and unpacked on first use. */
export function ensureApicurio(cacheDir: string, log: (s: string) => void): string | null {
  const home = join(cacheDir, `apicurio-registry-${APICURIO_VERSION}`);
  const jar = join(home, "quarkus-run.jar");
  if (existsSync(jar)) return home;
  mkdirSync(home, { recursive: true });
  log(`fetching Apicurio Registry ${APICURIO_VERSION} from Maven Central into ${home} (once)…`);
  const mvn = spawnSync(
    "mvn",
    [
      "-B",
      "-q",
      "dependency:copy",
      `-Dartifact=io.apicurio:apicurio-registry-app:${APICURIO_VERSION}:tar.gz:all`,
      `-DoutputDirectory=${home}`,
    ],
    { encoding: "utf8" },
  );
  const archive = join(home, `apicurio-registry-app-${APICURIO_VERSION}-all.tar.gz`);
  if (mvn.status !== 0 || !existsSync(archive)) {
    log(`Maven could not fetch Apicurio: ${(mvn.stdout + mvn.stderr).slice(-500)}`);
    return null;
  }
  const tar = spawnSync("tar", ["xzf", archive, "-C", home], { encoding: "utf8" });
  return tar.status === 0 && existsSync(jar) ? home : null;
}

export type ApicurioStorage = "memory" | { url: string };

/** jdbc:postgresql://… with user and password from a postgres:// URL. */
function jdbc(url: string) {
  const u = new URL(url);
  return {
    url: `jdbc:postgresql://${u.hostname}:${u.port || 5432}${u.pathname}`,
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
  };
}

export async function startApicurio(
  cacheDir: string,
  storage: ApicurioStorage,
  log: (s: string) => void,
): Promise<{ base: string; child: ChildProcess } | null> {
  const java = findJava21();
  if (!java) {
    log("no Java ≥ 21 here (JAVA_HOME or /usr/lib/jvm): Apicurio is not measured");
    return null;
  }
  const home = ensureApicurio(cacheDir, log);
  if (!home) return null;
  const port = await freePort();
  const props = [
    `-Dquarkus.http.port=${port}`,
    "-Dquarkus.http.host=127.0.0.1",
    "-Dquarkus.management.enabled=false",
    "-Dquarkus.log.level=WARN",
  ];
  if (storage !== "memory") {
    const db = jdbc(storage.url);
    props.push(
      "-Dapicurio.storage.kind=sql",
      "-Dapicurio.storage.sql.kind=postgresql",
      `-Dapicurio.datasource.url=${db.url}`,
      `-Dapicurio.datasource.username=${db.user}`,
      `-Dapicurio.datasource.password=${db.password}`,
    );
  }
  const child = spawn(java, [...props, "-jar", join(home, "quarkus-run.jar")], { cwd: home, stdio: "ignore" });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i++) {
    const up = await fetch(`${base}${APICURIO_API}/subjects`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { base, child };
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill();
  log("Apicurio did not start within two minutes: not measured");
  return null;
}
