// What the audit log needs to know of whoever acted. The identity context's Actor has these fields;
// the audit context does not depend on identity (identity writes its own changes through here).
export interface AuditActor {
  kind: "user" | "token" | "system" | "anonymous";
  id: string | null;
  name: string;
  sourceIp?: string | null;
  requestId?: string | null;
}

export interface AuditChange {
  action: string;
  targetType: string;
  targetId?: string;
  /** the target's owner team, so the team's members see its history */
  team?: string | null;
  before?: unknown;
  after?: unknown;
}
