import { messagesGet } from "@/server/http/rest/messages-api";

export const dynamic = "force-dynamic";
export const GET = messagesGet;
