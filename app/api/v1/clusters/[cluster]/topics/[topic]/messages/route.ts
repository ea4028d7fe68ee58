import { messagesGet, messagesPost } from "@/server/http/rest/messages-api";

export const dynamic = "force-dynamic";
export const GET = messagesGet;
export const POST = messagesPost;
