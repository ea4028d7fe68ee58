import { policyCheckPost } from "@/server/http/rest/policy-api";

export const dynamic = "force-dynamic";
export const POST = policyCheckPost;
