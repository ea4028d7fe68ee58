import { handleSearchStream } from "@/server/http/rest/search-stream";

export const dynamic = "force-dynamic";
export const POST = handleSearchStream;
