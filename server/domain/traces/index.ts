// Public API of the traces context: spans in (OTLP, normalised), searches and journeys out.
export { SPAN_KIND, STATUS_CODE, type AttrValue, type Attributes, type SpanInput } from "./span-types";
export { DEPRECATED_MESSAGING_ATTRIBUTES, messagingFields, normalizeAttributes } from "./messaging";
export { storeSpans, storeSpanBatch } from "./store-spans";
export { spanBatch, type SpanBatch } from "./span-lines";
export { prepareSpanDays, pruneSpans } from "./span-partitions";
export { buildJourney } from "./build-journey";
export { loadJourney, JOURNEY_LIMITS } from "./load-journey";
export { spanKey, type Journey, type JourneyRow, type JourneySpan, type Hop } from "./journey-types";
export { searchTraces, traceFacets, SearchTracesInput, type TraceSummary } from "./search-traces";
export { getSpan, type SpanRef } from "./get-span";
export { spanIngestRate } from "./ingest-rate";
export { foldSpanFlows, spanFlowsSince, type SpanFlow } from "./span-flows";
export { messagingFlowsReceived, messagingCountsSince, type MessagingFlow } from "./messaging-aggregates";
export { hopLatenciesSince, type HopLatency } from "./hop-latencies";
export {
  tracedConsumers,
  repeatedProcessing,
  failingConsumers,
  type TracedConsumer,
  type RepeatedProcessing,
  type FailingConsumer,
} from "./consumer-spans";
