import { policyGet, policyPut } from "@/server/http/rest/policy-api";

export const dynamic = "force-dynamic";
export const GET = policyGet;
export const PUT = policyPut;
