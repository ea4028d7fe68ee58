import { handleSearchStream } from "@/server/http/records/search-stream";

export const dynamic = "force-dynamic";
export const POST = handleSearchStream;
