// What callers without credentials may do: nothing by default; per surface with EVENTPLANE_ANONYMOUS.
import { describe, expect, it } from "vitest";
import { anonymousScopes, authenticate } from "./authenticate";

const bare = (method = "GET") => ({ method, url: "http://eventplane.test/x", headers: new Headers() });

describe("anonymous callers", () => {
  it("get nothing by default", async () => {
    expect(anonymousScopes(undefined)).toEqual([]);
    await expect(authenticate(bare(), "registry:read", { anonymous: [] })).resolves.toMatchObject({ ok: false, status: 401 });
  });

  it("get exactly the surfaces listed, a write scope including its read scope", async () => {
    const scopes = anonymousScopes("registry:write, otlp:write");
    expect(scopes).toEqual(["registry:write", "otlp:write"]);
    await expect(authenticate(bare(), "registry:read", { anonymous: scopes })).resolves.toMatchObject({
      ok: true,
      actor: { kind: "anonymous", role: "editor", teams: [] },
    });
    await expect(authenticate(bare("POST"), "otlp:write", { anonymous: scopes })).resolves.toMatchObject({ ok: true });
    await expect(authenticate(bare(), "metrics:read", { anonymous: scopes })).resolves.toMatchObject({ ok: false, status: 401 });
    await expect(authenticate(bare(), "read", { anonymous: scopes })).resolves.toMatchObject({ ok: false, status: 401 });
    await expect(authenticate(bare(), "read", { anonymous: anonymousScopes("read") })).resolves.toMatchObject({
      ok: true,
      actor: { role: "viewer" },
    });
  });

  it("refuses a setting with an unknown scope instead of guessing", () => {
    expect(() => anonymousScopes("registry:read,everything")).toThrow("unknown scope everything");
  });
});
