import { env } from "@/env";

/** Where people reach this Eventplane, for links in notifications (EVENTPLANE_PUBLIC_URL, else HOST:PORT). */
export function publicUrl(): string {
  return env.EVENTPLANE_PUBLIC_URL ?? `http://${env.HOST === "0.0.0.0" ? "127.0.0.1" : env.HOST}:${env.PORT}`;
}
