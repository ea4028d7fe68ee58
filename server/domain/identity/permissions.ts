// The one place that decides who may do what. Viewers read; editors change what their teams own
// and what nobody owns yet; admins everything. Some actions are the installation's and admin-only.
import { DomainError } from "@/server/errors";
import type { Actor } from "./actor";

export type Permission =
  /** topic metadata, schemas, lineage declarations, alert rules, silences: owned by teams */
  | "write"
  /** a record's payload (values, keys, headers): members of the owner team, editors of unowned topics, admins */
  | "records:read"
  /** produce into a topic (redrive) */
  | "records:produce"
  /** clusters, webhook endpoints, users, tokens of others, the whole audit log */
  | "admin";

const label: Record<Permission, string> = {
  write: "change",
  "records:read": "read the records of",
  "records:produce": "produce into",
  admin: "administer",
};

/** `owner` is the owner team of the resource; null or undefined when nobody owns it. */
export function can(actor: Actor, permission: Permission, owner?: string | null): boolean {
  if (actor.role === "admin") return true;
  if (permission === "admin") return false;
  const member = owner ? actor.teams.includes(owner) : false;
  if (permission === "records:read") return member || (!owner && actor.role === "editor");
  if (actor.role !== "editor") return false;
  return !owner || member;
}

/** Throws FORBIDDEN (with what was refused and why) unless `can` allows it. */
export function authorize(actor: Actor, permission: Permission, target: { what: string; owner?: string | null }): void {
  if (can(actor, permission, target.owner)) return;
  const why =
    actor.role === "viewer" && permission !== "records:read"
      ? "viewers cannot make changes"
      : permission === "admin"
        ? "only admins can"
        : target.owner
          ? `it belongs to team "${target.owner}", and ${actor.name} is not in it`
          : `${actor.name} has no team that owns it`;
  throw new DomainError("FORBIDDEN", `${actor.name} may not ${label[permission]} ${target.what}: ${why}`, {
    permission,
    owner: target.owner ?? null,
  });
}

/**
 * Changing who owns something: an editor may give it to one of their own teams only (else they could
 * hand another team's topic to themselves, or unowned things to any team). Admins may set any owner.
 */
export function authorizeOwnerChange(actor: Actor, what: string, from: string | null, to: string | null): void {
  authorize(actor, "write", { what, owner: from });
  if (from === to || actor.role === "admin") return;
  if (to === null || !actor.teams.includes(to))
    throw new DomainError(
      "FORBIDDEN",
      `${actor.name} may not make ${to === null ? "nobody" : `team "${to}"`} the owner of ${what}: an editor assigns their own teams only`,
      { permission: "write", owner: to },
    );
}
