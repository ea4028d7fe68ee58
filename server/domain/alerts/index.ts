// Public API of the alerts context: rules, their evaluation and lifecycle, silences, webhook
// endpoints and the notification outbox.
export { RuleInput, createRule, updateRule, setRuleEnabled, deleteRule, listRules, describeRule } from "./rules";
export { RULE_KINDS, alertKindCatalog, setFindingSource, type AlertKind, type FindingSource, type OpenFinding } from "./kinds";
export { evaluateRules, type EvaluationOptions } from "./evaluate-rules";
export { stepAlert, INACTIVE, type AlertMemory, type AlertState } from "./alert-state";
export { createSilence, expireSilence, activeSilences, SilenceInput } from "./silences";
export {
  EndpointInput,
  createEndpoint,
  updateEndpoint,
  deleteEndpoint,
  listEndpoints,
  sendTest,
  listNotifications,
  allowedTargets,
} from "./webhooks";
export { deliverDue, signature, type DeliveryOptions } from "./deliver";
export { sealLegacyEndpoints } from "./webhook-secrets";
export { pruneAlertHistory } from "./prune-history";
export { postWebhook } from "./post-webhook";
export { fingerprintOf } from "./payloads";
export { listAlerts, activeAlerts, alertMetrics, firingAlertLabels } from "./list-alerts";
export { publicUrl } from "./public-url";
export { groupsWatchedByRules } from "./group-coverage";
