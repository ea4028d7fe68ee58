import { handleOidcCallback } from "@/server/http/oidc-routes";

export const dynamic = "force-dynamic";
export const GET = handleOidcCallback;
