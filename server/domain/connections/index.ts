// Public API of the connections context: the brokers Eventplane reads (today Kafka clusters): adding,
// testing, the collector's leases, status and health.
export * from "./cluster-contracts";
export { addCluster, updateCluster, removeCluster, testClusterSettings } from "./manage-clusters";
export { registerEnvCluster, registerEnvRabbit, registerEnvNats } from "./register-env";
export { listClusters, getClusterView, listClusterTargets, type ClusterTarget } from "./query-clusters";
export { bindBroker, type BrokerSession } from "./broker-session";
export { listClusterRefs, clusterNames, clusterExists, clusterConnection, type ClusterRef } from "./cluster-refs";
export { recordClusterSync, markClusterUnreachable, type ClusterSync } from "./record-sync";
export { systemHealth } from "./system-health";
export { claimClusterLease, releaseClusterLeases } from "./cluster-lease";
export { clusterMetrics } from "./cluster-metrics";
