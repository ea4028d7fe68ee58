// Public API of the consumers context: consumer groups and their committed offsets (lag comes later).
export { recordGroups } from "./record-groups";
export { recordEndSamples, pruneEndSamples } from "./record-end-samples";
export { lagForGroups, type GroupLag, type PartitionLag, type LagOptions } from "./group-lag";
export { partitionStatus, groupStatus, type PartitionStatus, type GroupStatus } from "./lag-status";
export { estimateTimeLag, offsetLag } from "./time-lag";
export { listGroups, ListGroupsInput, groupsReadingTopic, getGroup } from "./query-groups";
export { lagMetrics, brokerBacklogMetrics, type GroupLagMetrics, type BrokerBacklogMetric } from "./lag-metrics";
export { refreshLagSummaries, lagHistory, groupLagHistory, pruneLagSamples } from "./lag-summary";
export { worstGroups } from "./worst-groups";
export { listGroupRefs, committedReads, type GroupRef } from "./group-refs";
export { recordBrokerBacklog, type BrokerBacklog } from "./record-queue-backlog";
export { backlogStatus, type BacklogReason } from "./queue-status";
export { resetOffsets, ResetOffsetsInput, ResetOffsetsRequest, type ResetPlan, type ResetRow } from "./reset-offsets";
export { partitionGrowth, type PartitionGrowth } from "./partition-growth";
