// `npm test`: every check and test, in the order that fails fastest, then one summary line.
//   typecheck · dependency rules · vitest (unit, then integration on real PostgreSQL + Kafka) · Playwright
// Uses the embedded PostgreSQL, or DATABASE_URL's server (in fresh databases) when it is set.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const results = join(root, "test-results");
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });
const bin = (n: string) => join(root, "node_modules", ".bin", n);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

let passed = 0;
let failed = 0;
const failures: string[] = [];

function step(name: string, cmd: string, args: string[]): boolean {
  console.log(`\n━━ ${name} ━━`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, env, stdio: "inherit" });
  console.log(
    `━━ ${name}: ${r.status === 0 ? "ok" : `FAILED (exit ${r.status ?? r.signal})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  if (r.status !== 0) failures.push(name);
  return r.status === 0;
}

function check(name: string, cmd: string, args: string[]) {
  if (step(name, cmd, args)) passed += 1;
  else failed += 1;
}

function countFrom(file: string, read: (json: any) => { ok: number; bad: number }, name: string, stepOk: boolean) {
  if (!existsSync(file)) {
    failed += 1; // the runner died before reporting: count it, never pass silently
    failures.push(`${name} (no report)`);
    return;
  }
  const { ok, bad } = read(JSON.parse(readFileSync(file, "utf8")));
  passed += ok;
  // A runner that exited non-zero with no failed test (a crash in setup or teardown) still fails.
  failed += bad || (stepOk ? 0 : 1);
}

check("typecheck", bin("tsc"), ["--noEmit", "-p", "."]);
check("dependency rules", bin("depcruise"), [
  "--config",
  ".dependency-cruiser.cjs",
  "app",
  "server",
  "collectors",
  "scripts",
  "test",
  "env.js",
]);

for (const project of ["unit", "int"]) {
  const file = join(results, `vitest-${project}.json`);
  const ok = step(`vitest ${project}`, bin("vitest"), [
    "run",
    "--project",
    project,
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${file}`,
  ]);
  countFrom(
    file,
    (j) => ({ ok: j.numPassedTests, bad: j.numFailedTests || j.numFailedTestSuites || (j.success ? 0 : 1) }),
    `vitest ${project}`,
    ok,
  );
}

const e2e = join(results, "e2e.json");
const e2eOk = step("playwright e2e", bin("playwright"), ["test"]);
countFrom(e2e, (j) => ({ ok: j.stats.expected + j.stats.flaky, bad: j.stats.unexpected + (j.errors?.length ?? 0) }), "playwright", e2eOk);

console.log(`\n${failures.length ? `failed steps: ${failures.join(", ")}` : "all steps passed"}`);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && failures.length === 0 ? 0 : 1);
