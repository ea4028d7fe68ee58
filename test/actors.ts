// Actors for tests that call the domain or tRPC directly (as a signed-in person would reach them).
import { SCOPES, type Actor, type Role } from "@/server/domain/identity";

export function testActor(role: Role = "admin", teams: string[] = [], name = `test-${role}`): Actor {
  return { kind: "user", id: null, name, role, teams, scopes: SCOPES, sourceIp: "127.0.0.1", requestId: null };
}

export const testAdmin = testActor("admin", [], "test");
