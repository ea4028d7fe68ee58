// The node adapter over a real socket: a small body reaches the handler whole (read before it runs,
// kept beside the Request), a body past the buffered size still arrives byte for byte as a stream, and
// a GET has none.
import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keptRequestBody } from "@/server/http/lean-bodies";
import { readBoundedBody } from "@/server/http/read-body";
import { serveHandler } from "@/test/serve-handler";

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

let url = "";
let close = async () => {};
beforeAll(async () => {
  const server = await serveHandler(async (request) => {
    const whole = !!keptRequestBody(request);
    const body = whole || request.body ? await readBoundedBody(request, 8 << 20) : null;
    return Response.json({ method: request.method, size: body?.length ?? null, sha: body ? sha(body) : null, whole });
  });
  url = server.url;
  close = server.close;
});
afterAll(() => close());

describe("node adapter", () => {
  for (const size of [0, 10_000, (1 << 20) - 1, 3 * (1 << 20) + 17]) {
    it(`hands a ${size.toLocaleString("en")}-byte body to the handler unchanged`, async () => {
      const body = randomBytes(size);
      const res = await fetch(`${url}/echo`, { method: "POST", body });
      expect(await res.json()).toEqual({ method: "POST", size, sha: sha(body), whole: size <= 1 << 20 });
    });
  }

  it("gives a GET no body", async () => {
    expect(await (await fetch(`${url}/echo`)).json()).toEqual({ method: "GET", size: null, sha: null, whole: false });
  });
});
