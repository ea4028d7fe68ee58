// The demo's stand-in for a team's alert receiver: checks each notification's HMAC signature and
// prints what arrived, so alerts can be watched in the terminal of `npm run demo`.
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";

export const DEMO_WEBHOOK_SECRET = "demo-webhook-secret";

export function startDemoReceiver(port: number, log: (s: string) => void): Promise<string> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const ts = String(req.headers["x-eventplane-timestamp"] ?? "");
      const expected = `t=${ts},v1=${createHmac("sha256", DEMO_WEBHOOK_SECRET).update(`${ts}.${body}`).digest("hex")}`;
      const got = String(req.headers["x-eventplane-signature"] ?? "");
      const valid = got.length === expected.length && timingSafeEqual(Buffer.from(got), Buffer.from(expected));
      try {
        const msg = JSON.parse(body) as {
          status: string;
          groupLabels: { alertname: string };
          alerts: { status: string; annotations: { summary?: string } }[];
        };
        for (const a of msg.alerts)
          log(`${a.status.toUpperCase()} ${msg.groupLabels.alertname}: ${a.annotations.summary ?? ""}${valid ? "" : " (BAD SIGNATURE)"}`);
      } catch {
        log(`unreadable notification (${body.length} bytes)`);
      }
      res.writeHead(valid ? 200 : 401).end();
    });
  });
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(`http://127.0.0.1:${port}/alertmanager`)));
}
