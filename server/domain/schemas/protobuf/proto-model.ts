// Protobuf schemas parsed with protobufjs (imports come from the schema's references, and the
// google/protobuf well-known types from protobufjs's own copies), resolved so that every field
// knows whether its type is a scalar, an enum, a message or a map, and where that type lives.
import { createRequire } from "node:module";
import protobuf from "protobufjs";

const require = createRequire(import.meta.url);
// descriptor.proto is not among protobufjs's common files, but custom options extend its types.
const DESCRIPTOR = (require("protobufjs/google/protobuf/descriptor.json") as { nested: protobuf.INamespace["nested"] }).nested;

export class ProtobufSchemaError extends Error {}

/** `origin` maps the full name of every type that came from a reference to that reference's key. */
export type ProtoFile = {
  packageName: string;
  root: protobuf.Root;
  types: protobuf.ReflectionObject[];
  imports: string[];
  origin: Map<string, string>;
};

/** `key` identifies the referenced subject version ("subject:version"). */
export type ProtoReference = { name: string; schema: string; key?: string };

export function parseProtobuf(text: string, references: ProtoReference[] = []): ProtoFile {
  const root = new protobuf.Root();
  const parsed = (source: string, label: string) => {
    try {
      return protobuf.parse(withoutAggregateOptions(source), root, { keepCase: true, alternateCommentMode: true });
    } catch (error) {
      throw new ProtobufSchemaError(`Invalid Protobuf schema${label}: ${(error as Error).message}`);
    }
  };
  const loaded = new Set<string>();
  const origin = new Map<string, string>();
  const loadImports = (imports: string[] | undefined) => {
    for (const name of imports ?? []) {
      if (loaded.has(name)) continue;
      loaded.add(name);
      const known = name === "google/protobuf/descriptor.proto" ? { nested: DESCRIPTOR } : protobuf.common.get(name);
      if (known) {
        root.addJSON(known.nested ?? {});
        continue;
      }
      const reference = references.find((r) => r.name === name);
      if (!reference) throw new ProtobufSchemaError(`Invalid Protobuf schema: import "${name}" has no reference`);
      const before = new Set(allTypeNames(root));
      const imported = parsed(reference.schema, ` (import ${name})`);
      for (const fullName of allTypeNames(root)) if (!before.has(fullName)) origin.set(fullName, reference.key ?? name);
      loadImports(imported.imports);
    }
  };
  const main = parsed(text, "");
  loadImports([...(main.imports ?? []), ...(main.weakImports ?? [])]);
  try {
    root.resolveAll();
  } catch (error) {
    throw new ProtobufSchemaError(`Invalid Protobuf schema: ${(error as Error).message}`);
  }
  const packageName = main.package ?? "";
  const scope = packageName ? root.lookup(packageName) : root;
  const types = scope && "nestedArray" in scope ? topLevelTypesOf(scope as protobuf.Namespace, text) : [];
  return { packageName, root, types, imports: main.imports ?? [], origin };
}

function allTypeNames(ns: protobuf.NamespaceBase): string[] {
  return ns.nestedArray.flatMap((n) => [
    ...(n instanceof protobuf.Type || n instanceof protobuf.Enum ? [n.fullName.replace(/^\./, "")] : []),
    ...("nestedArray" in n ? allTypeNames(n as protobuf.NamespaceBase) : []),
  ]);
}

// A package namespace may also hold types from imports of the same package; keep only the types
// this file declares (their names appear in its text as message/enum declarations).
function topLevelTypesOf(scope: protobuf.Namespace, text: string): protobuf.ReflectionObject[] {
  const declared = new Set([...text.matchAll(/\b(?:message|enum)\s+([A-Za-z_][\w]*)/g)].map((m) => m[1]!));
  return scope.nestedArray.filter((n) => (n instanceof protobuf.Type || n instanceof protobuf.Enum) && declared.has(n.name));
}

/**
 * Custom options with message literals (`[(meta) = { params: [ ... ] }]`) use list syntax that
 * protobufjs cannot parse. Option values never change the wire format, so the literal is
 * replaced by `true` before parsing; the stored schema text is untouched.
 */
export function withoutAggregateOptions(text: string): string {
  let out = "";
  let i = 0;
  const opener = /\)\s*(?:\.[\w.]+)?\s*=\s*\{/g;
  for (let m = opener.exec(text); m; m = opener.exec(text)) {
    if (m.index < i) continue;
    let depth = 0;
    let end = m.index + m[0].length - 1;
    for (; end < text.length; end++) {
      const ch = text[end];
      if (ch === "{") depth++;
      else if (ch === "}" && --depth === 0) break;
      else if (ch === '"' || ch === "'") end = text.indexOf(ch, end + 1);
    }
    out += text.slice(i, m.index + m[0].length - 1) + "true";
    i = end + 1;
    opener.lastIndex = i;
  }
  return out + text.slice(i);
}
