// Public API of the catalog context: clusters, brokers, topics and their declared metadata.
export * from "./cluster-contracts";
export * from "./topic-contracts";
export { addCluster, updateCluster, removeCluster, registerEnvCluster, testClusterSettings } from "./manage-clusters";
export { listClusters, getClusterView, listClusterTargets, type ClusterTarget } from "./query-clusters";
export { testConnection, describeKafkaError } from "./test-connection";
export { toConnection } from "./cluster-connection";
export { recordCatalog, markClusterUnreachable, type CatalogRecord } from "./record-catalog";
export { listTopics, topicFacets, getTopic, findTopicsByName } from "./query-topics";
export { updateTopicMetadata } from "./update-topic-metadata";
export { systemHealth } from "./system-health";
export { claimClusterLease, releaseClusterLeases } from "./cluster-lease";
export { clusterMetrics } from "./cluster-metrics";
export { readTopicRecord, parseTraceparent, type DecodedPayload } from "./read-record";
export {
  normalizeDeadLetterHeaders,
  listDeadLetterQueues,
  busiestDeadLetterQueues,
  readDeadLetters,
  redrive,
  RedriveInput,
  DLQ_TAIL_PER_PARTITION,
  scanDeadLetterClasses,
  probeDeadLetterHeaders,
  NO_EXCEPTION_HEADER,
  type DeadLetterRow,
  type RedrivePlanItem,
} from "./dead-letters";
