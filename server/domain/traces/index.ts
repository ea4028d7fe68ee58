// Public API of the traces context: spans in (OTLP, normalised), searches and journeys out.
export { SPAN_KIND, SPAN_KIND_NAMES, STATUS_CODE, type AttrValue, type Attributes, type SpanInput } from "./span-types";
export { DEPRECATED_MESSAGING_ATTRIBUTES, messagingFields, normalizeAttributes } from "./messaging";
export { storeSpans, pruneSpans } from "./store-spans";
