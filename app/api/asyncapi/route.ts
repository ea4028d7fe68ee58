import { handleAsyncApiExport, handleAsyncApiImport } from "@/server/http/asyncapi";

export const dynamic = "force-dynamic";
export const GET = handleAsyncApiExport;
export const POST = handleAsyncApiImport;
