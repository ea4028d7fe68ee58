// avsc as a validator only. Building a type makes avsc generate, with `new Function`, a reader, a
// writer, a skipper and a checker for every record and a constructor for every union branch: the codecs
// a serializer needs, and most of the CPU of registering a new schema (npm run bench -- registry). The
// registry only validates (names, fields, defaults) and never encodes with these types, so while one is
// built here the four record codecs are left out and branch constructors are plain closures. Defaults
// are still checked the way avsc checks them (they are copied through the record constructors and
// branches, which remain). The swap lasts one synchronous call, restored before it returns, and the
// types built during it are dropped; the codecs of payload-encoder/decoder are built outside it.
import avro from "avsc";

type Proto = Record<string, unknown>;
const recordProto = (avro.types.RecordType as unknown as { prototype: Proto }).prototype;
const typeProto = (avro.Type as unknown as { prototype: Proto }).prototype;
const CODECS = ["_createReader", "_createSkipper", "_createWriter", "_createChecker"] as const;

function notBuilt(): never {
  throw new Error("a type built for validation has no codecs");
}

// What avsc's own _createBranchConstructor returns, without compiling: a wrapper holding the value
// under the branch's name.
function branchConstructor(this: { branchName: string }) {
  const name = this.branchName;
  if (name === "null") return null;
  const Branch = function Branch$(this: Record<string, unknown>, value: unknown) {
    this[name] = value;
  } as unknown as { type: unknown; prototype: Record<string, unknown> };
  Branch.type = this;
  Branch.prototype.unwrap = function (this: Record<string, unknown>) {
    return this[name];
  };
  Branch.prototype.unwrapped = Branch.prototype.unwrap;
  return Branch;
}

/** avro.Type.forSchema for validation only (see above): throws what it throws, returns nothing. */
export function validateAvroSchema(schema: unknown, opts: Partial<avro.ForSchemaOptions>): void {
  const saved = Object.fromEntries(CODECS.map((k) => [k, recordProto[k]]));
  const savedBranch = typeProto._createBranchConstructor;
  for (const k of CODECS) recordProto[k] = () => notBuilt;
  typeProto._createBranchConstructor = branchConstructor;
  try {
    avro.Type.forSchema(schema as avro.Schema, opts);
  } finally {
    Object.assign(recordProto, saved);
    typeProto._createBranchConstructor = savedBranch;
  }
}
