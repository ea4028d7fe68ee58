// Rules the dependency check cannot see. (Import directions: .dependency-cruiser.cjs, npm run lint:deps.)
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");

function sources(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const rel = join(dir, name);
    if (name === "generated" || name === "node_modules") return [];
    if (statSync(join(root, rel)).isDirectory()) return sources(rel);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [rel] : [];
  });
}

describe("architecture", () => {
  it("reads process.env only in env.js (app, server and collectors)", () => {
    const offenders = ["app", "server", "collectors"]
      .flatMap(sources)
      .filter((f) => /process\.env\b/.test(readFileSync(join(root, f), "utf8")));
    expect(offenders).toEqual([]);
  });

  it("keeps 'server-only' out of server/ (it throws outside React Server Components)", () => {
    const offenders = sources("server").filter((f) => /["']server-only["']/.test(readFileSync(join(root, f), "utf8")));
    expect(offenders).toEqual([]);
  });

  it("keeps route handlers thin (at most 20 lines)", () => {
    const routes = sources("app").filter((f) => f.endsWith("route.ts"));
    const long = routes
      .filter((f) => readFileSync(join(root, f), "utf8").split("\n").length > 20)
      .map((f) => relative(root, join(root, f)));
    expect(routes.length).toBeGreaterThan(0);
    expect(long).toEqual([]);
  });
});
