// Public API of the identity context: who acts (users, sessions, API tokens, OpenID Connect) and
// what they may do (roles within teams).
export { ROLES, SCOPES, systemActor, hasScope, withSource, roleRank, type Actor, type Role, type Scope } from "./actor";
export { can, authorize, authorizeOwnerChange, type Permission } from "./permissions";
export { authenticate, anonymousScopes, readCookie, sourceIpOf, type AuthResult, type RequestFacts } from "./authenticate";
export { SESSION_COOKIE, pruneSessions } from "./sessions";
export { signIn, signOut, type SignInSource } from "./sign-in";
export { listUsers, listTeams, createUser, updateUser, deleteUser, resetPassword, changeOwnPassword, toUserView } from "./users";
export { CreateUserInput, UpdateUserInput, type UserView } from "./user-contracts";
export { listTokens, createToken, revokeToken, ensureToken, CreateTokenInput, type TokenView } from "./tokens";
export { bootstrapIdentity, bootstrapMessage, ensureDemoUser, ADMIN_USERNAME, type BootstrapResult } from "./bootstrap";
export { MIN_PASSWORD_LENGTH } from "./passwords";
export { oidcSettings, mapGroups, type OidcSettings } from "./oidc-settings";
export { readAuditLog, readHistory } from "./read-audit";
export { startOidcSignIn, finishOidcSignIn, type OidcTransient } from "./oidc";
