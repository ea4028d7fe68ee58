// Public API of the schema registry context: subjects, versions, global ids, compatibility.
export * from "./compat-types";
export { checkCompatibility, checkParsed } from "./check-compatibility";
export { parseSchema, InvalidSchemaError, type SchemaSource, type ResolvedReference } from "./schema-formats";
export { RegistryError, type RegistryReason } from "./registry-errors";
export { registerSchema, lookupSchema, checkAgainstSubject, validateSubject, type SchemaInput, type Registered } from "./register-schema";
export { deleteSubject, deleteSubjectVersion } from "./delete-schema";
export {
  getSchemaById,
  subjectsForSchema,
  listSubjects,
  listVersions,
  getVersion,
  referencedBy,
  listSchemas,
  parseVersion,
  type VersionRecord,
  type SchemaRecord,
} from "./query-registry";
export { getConfig, setConfig, deleteConfig, getMode, setMode, deleteMode, effectiveConfig, parseLevel, GLOBAL } from "./registry-config";
export { listAudit } from "./registry-audit";
export { subjectOwner, subjectOwners, setSubjectOwner } from "./subject-owner";
export { diffVersions, prettySchema } from "./diff-versions";
export { listSubjectSummaries, subjectsForTopics, topicOfSubject, type SubjectSummary } from "./subject-summaries";
export {
  createPayloadDecoder,
  decodePayload,
  isUtf8,
  readMessageIndexes,
  type DecodedPayload,
  type PayloadDecoder,
} from "./payload-decoder";
export { encodeWithSubject, messageIndexBytes, type Encoded } from "./payload-encoder";
export { checkSchemaPolicy, latestSubjectFindings, type SubjectFindings } from "./schema-policy";
export { schemaShape } from "./schema-shape";
export { uncheckedVersions, type UncheckedVersion } from "./unchecked-versions";
export { registryRequest } from "./registry-memory";
