import { oidcSettings } from "@/server/domain/identity";
import { oidcHandlers } from "./oidc";

// The mounted handlers read the settings from the environment (OIDC_*).
export const { start: handleOidcStart, callback: handleOidcCallback } = oidcHandlers(oidcSettings);
