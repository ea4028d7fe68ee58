import { openApiGet } from "@/server/http/rest/openapi";

export const dynamic = "force-dynamic";
export const GET = openApiGet;
