// Public API of the policies context: the rules admins set, and the checks every path runs against them.
export {
  currentPolicy,
  setPolicy,
  enforceTopicPolicy,
  topicViolations,
  enforceSchemaPolicy,
  schemaViolations,
  refusal,
  PolicyRefusal,
} from "./policies";
export { SchemaRules, Severity, meetsLevel, DEFAULT_ENVELOPE, type EventShape, type SchemaProposal } from "./schema-rules";
export { commandStyle } from "./event-names";
export { checkTopic, PolicyDocument, TopicRules, type TopicProposal, type Violation } from "./policy-document";
export { policyToYaml, parsePolicyText } from "./policy-yaml";
export { CheckRules } from "./check-rules";
export { comparable, fieldAt } from "./field-paths";
export { Override, severityIn, applyOverrides, type Scope } from "./overrides";
export { liftedForOverrides } from "./lift-overrides";
