// Public API of the scorecard context: the pitfalls of event-driven systems found in the live system,
// per team, service, topic and subject, with their evidence, trend and acknowledgements.
export { runScorecardPass, runPassNow, type PassOptions, type PassResult } from "./run-pass";
export { listFindings, scorecardSummary, findingsFor, openFindingsForAlerts, FindingFilter, type TeamScore } from "./query-findings";
export { acknowledgeFinding, withdrawAcknowledgement, AcknowledgeInput } from "./acknowledge";
