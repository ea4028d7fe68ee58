// Real API tokens for tests that go through an HTTP surface, created as an admin would in the UI.
import { createToken, type Role, type Scope } from "@/server/domain/identity";
import { testActor } from "./actors";
import { uniqueName } from "./kafka-helpers";

export async function createTestToken(scopes: Scope[], role: Role = "admin", team: string | null = null) {
  const creator = testActor("admin", team ? [team] : [], "test-token-maker");
  const token = await createToken(creator, { name: uniqueName("token"), role, team, scopes, expiresInDays: 1 });
  return { name: token.name, id: token.id, secret: token.secret, bearer: { authorization: `Bearer ${token.secret}` } };
}
