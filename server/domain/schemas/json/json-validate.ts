// Is this text a valid JSON Schema of the draft it declares? Ajv compiles it against the
// draft's meta-schema (draft-04 through 2020-12); references are registered under their names.
import { Ajv } from "ajv";
import { Ajv2019 } from "ajv/dist/2019.js";
import { Ajv2020 } from "ajv/dist/2020.js";
import AjvDraft04 from "ajv-draft-04";
import addFormats from "ajv-formats";
import draft06 from "ajv/dist/refs/json-schema-draft-06.json" with { type: "json" };
import { safeRegExp } from "@/server/lib/safe-regex";
import { JsonSchemaError } from "./json-model";

type AnyAjv = InstanceType<typeof Ajv>;

const safeRegExpForAjv = Object.assign((pattern: string, flags: string) => safeRegExp(pattern, flags), { code: "safeRegExp" });

function ajvFor(schema: unknown): AnyAjv {
  const uri = schema && typeof schema === "object" ? String((schema as Record<string, unknown>).$schema ?? "") : "";
  // Patterns compile with RE2 (linear time), like the compatibility model's: one engine for submitted patterns.
  const options = { strict: false, allErrors: false, validateFormats: false, logger: false, code: { regExp: safeRegExpForAjv } } as const;
  let ajv: AnyAjv;
  if (uri.includes("draft-04")) ajv = new (AjvDraft04 as unknown as typeof Ajv)(options);
  else if (uri.includes("2019-09")) ajv = new Ajv2019(options) as unknown as AnyAjv;
  else if (uri.includes("2020-12")) ajv = new Ajv2020(options) as unknown as AnyAjv;
  else {
    ajv = new Ajv(options);
    ajv.addMetaSchema(draft06);
  }
  (addFormats as unknown as (a: AnyAjv) => void)(ajv);
  return ajv;
}

export function validateJsonSchema(schema: unknown, references: Map<string, unknown>): void {
  if (typeof schema !== "boolean" && (!schema || typeof schema !== "object" || Array.isArray(schema))) {
    throw new JsonSchemaError("Invalid JSON schema: a schema must be an object or a boolean");
  }
  const ajv = ajvFor(schema);
  try {
    for (const [name, referenced] of references) {
      if (referenced && typeof referenced === "object")
        ajv.addSchema({ ...(referenced as object), $id: (referenced as { $id?: string }).$id ?? name }, name);
    }
    ajv.compile(schema as object);
  } catch (error) {
    throw new JsonSchemaError(`Invalid JSON schema: ${(error as Error).message}`);
  }
}

/** A validator of data against a JSON Schema (with its references): null when the data is valid,
 *  else where and why it is not. */
export function jsonDataValidator(schema: unknown, references: Map<string, unknown>): (data: unknown) => string | null {
  const ajv = ajvFor(schema);
  for (const [name, referenced] of references) {
    if (referenced && typeof referenced === "object")
      ajv.addSchema({ ...(referenced as object), $id: (referenced as { $id?: string }).$id ?? name }, name);
  }
  const validate = ajv.compile(schema as object);
  return (data) => {
    if (validate(data)) return null;
    const e = validate.errors?.[0];
    return e ? `${e.instancePath || "(the value)"} ${e.message ?? "is invalid"}` : "is invalid";
  };
}
