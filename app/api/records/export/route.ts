import { handleExport } from "@/server/http/rest/export";

export const dynamic = "force-dynamic";
export const GET = handleExport;
