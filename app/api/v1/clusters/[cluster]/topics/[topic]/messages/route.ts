import { messagesGet } from "@/server/http/records/messages-api";

export const dynamic = "force-dynamic";
export const GET = messagesGet;
