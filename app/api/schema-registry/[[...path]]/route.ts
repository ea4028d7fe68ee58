// Confluent-compatible Schema Registry API. One catch-all route: the adapter parses the raw path
// itself, because subjects must be URL-decoded exactly once (Next decodes dynamic segments too).
import { handleSchemaRegistry } from "@/server/http/confluent/handle";

export const dynamic = "force-dynamic";
export const GET = handleSchemaRegistry;
export const POST = handleSchemaRegistry;
export const PUT = handleSchemaRegistry;
export const DELETE = handleSchemaRegistry;
