// Public API of the topics context: the catalog of topics and their declared metadata.
export * from "./topic-contracts";
export { recordCatalog, type CatalogRecord } from "./record-catalog";
export { recordDestinations, type Destination } from "./record-destinations";
export { listTopics, topicFacets, getTopic, findTopicsByName } from "./query-topics";
export { updateTopicMetadata } from "./update-topic-metadata";
export {
  listTopicRefs,
  getTopicRef,
  topicsToProbe,
  recordHeaderProbe,
  partitionEnds,
  streamSubjects,
  exchangeRoutes,
  topicConfigValues,
  type TopicRef,
  type TopicFilter,
} from "./topic-refs";
export {
  createTopic,
  deleteTopic,
  addPartitions,
  changeTopicConfigs,
  checkTopicPolicy,
  CreateTopicInput,
  ChangeConfigsInput,
  TopicPolicyCheckInput,
} from "./manage-topics";
export { readTopicAcls, readPrincipalAcls, PrincipalAclsInput } from "./topic-acls";
export { readClientQuotas, ClientQuotasInput } from "./client-quotas";
export { findTopic, type TopicAddress } from "./find-topic";
