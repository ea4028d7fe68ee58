import { resetOffsetsPost } from "@/server/http/rest/reset-offsets-api";

export const dynamic = "force-dynamic";
export const POST = resetOffsetsPost;
