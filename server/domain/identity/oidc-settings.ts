// OpenID Connect settings from the environment, and how a person's groups become a role and teams.
import { env } from "@/env";
import { ROLES, roleRank, type Role } from "./actor";

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string | null;
  scopes: string;
  usernameClaim: string;
  groupsClaim: string;
  roleMap: Map<string, Role>;
  teamMap: Map<string, string>;
  defaultRole: Role | null;
}

function pairs(raw: string | undefined, name: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const item of (raw ?? "").split(",").map((s) => s.trim()).filter(Boolean)) {
    const i = item.lastIndexOf("=");
    if (i <= 0 || i === item.length - 1) throw new Error(`${name}: "${item}" is not group=value`);
    map.set(item.slice(0, i).trim(), item.slice(i + 1).trim());
  }
  return map;
}

export function oidcSettings(): OidcSettings | null {
  if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID) return null;
  const roleMap = new Map<string, Role>();
  for (const [group, role] of pairs(env.OIDC_ROLE_MAP, "OIDC_ROLE_MAP")) {
    if (!(ROLES as readonly string[]).includes(role)) throw new Error(`OIDC_ROLE_MAP: "${role}" is not one of ${ROLES.join(", ")}`);
    roleMap.set(group, role as Role);
  }
  return {
    issuer: env.OIDC_ISSUER,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET ?? null,
    scopes: env.OIDC_SCOPES,
    usernameClaim: env.OIDC_USERNAME_CLAIM,
    groupsClaim: env.OIDC_GROUPS_CLAIM,
    roleMap,
    teamMap: pairs(env.OIDC_TEAM_MAP, "OIDC_TEAM_MAP"),
    defaultRole: env.OIDC_DEFAULT_ROLE === "none" ? null : env.OIDC_DEFAULT_ROLE,
  };
}

/** The highest role any group maps to (else the default), and the teams the groups name. */
export function mapGroups(settings: Pick<OidcSettings, "roleMap" | "teamMap" | "defaultRole">, groups: string[]) {
  let role: Role | null = null;
  const teams = new Set<string>();
  for (const g of groups) {
    const r = settings.roleMap.get(g);
    if (r && (role === null || roleRank(r) > roleRank(role))) role = r;
    const team = settings.teamMap.get(g) ?? (g.startsWith("team:") ? g.slice(5) : undefined);
    if (team) teams.add(team);
  }
  return { role: role ?? settings.defaultRole, teams: [...teams].sort() };
}
