// Reads the vendored .proto files into a protobufjs descriptor (used by generate.ts and the test that
// keeps otlp-trace.json in step with them).
import { join } from "node:path";
import protobuf from "protobufjs";

export function descriptorFromProtos(): protobuf.INamespace {
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => join(import.meta.dirname, target);
  root.loadSync("opentelemetry/proto/collector/trace/v1/trace_service.proto", { keepCase: false });
  return root.toJSON();
}
