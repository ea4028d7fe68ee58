// Regenerates otlp-trace.json from the vendored .proto files (see SOURCE.md).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { descriptorFromProtos } from "./load-protos";

writeFileSync(join(import.meta.dirname, "otlp-trace.json"), JSON.stringify(descriptorFromProtos(), null, 1) + "\n");
