// Who acts. Every use case that writes (and every sensitive read) takes an Actor and asks
// `authorize` before it touches anything. Surfaces (tRPC, the registry API, OTLP, /metrics…)
// build the Actor from a session cookie, an API token or the anonymous settings.
import type { AuditActor } from "@/server/domain/audit";

export const ROLES = ["viewer", "editor", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** What a credential may be used for: one per surface. A write scope includes its read scope. */
export const SCOPES = ["read", "write", "registry:read", "registry:write", "otlp:write", "metrics:read"] as const;
export type Scope = (typeof SCOPES)[number];

export interface Actor extends AuditActor {
  role: Role;
  teams: string[];
  /** the surfaces this credential may use; people's sessions may use all */
  scopes: readonly Scope[];
}

export const roleRank = (role: Role) => ROLES.indexOf(role);

/** The worker and the launcher: they act on behalf of the installation itself. */
export function systemActor(name: string): Actor {
  return { kind: "system", id: null, name: `system:${name}`, role: "admin", teams: [], scopes: SCOPES };
}

export function hasScope(actor: Pick<Actor, "scopes">, scope: Scope): boolean {
  if (actor.scopes.includes(scope)) return true;
  const write = scope === "read" ? "write" : scope === "registry:read" ? "registry:write" : null;
  return write !== null && actor.scopes.includes(write);
}

export function withSource(actor: Actor, source: { sourceIp?: string | null; requestId?: string | null }): Actor {
  return { ...actor, sourceIp: source.sourceIp ?? null, requestId: source.requestId ?? null };
}
