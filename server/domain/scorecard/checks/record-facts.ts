// What the record checks conclude from one topic's sample: pure functions of the sampled records and
// the policy, so each can be tested on records made by hand as well as on a real broker.
import { commandStyle, fieldAt, type CheckRules } from "@/server/domain/policies";
import type { SampledRecord } from "@/server/domain/records";
import { appendTo } from "@/server/lib/append-to";

export type Place = { partition: number; offset: string };
const place = (r: SampledRecord): Place => ({ partition: r.partition, offset: r.offset });

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export function payloadSizes(records: SampledRecord[], rules: CheckRules["largePayloads"], maxMessageBytes: number | null) {
  const sizes = records.map((r) => r.size).sort((a, b) => a - b);
  const max = sizes.at(-1) ?? 0;
  // Near the topic's own limit (80 %): the next larger record is refused by the broker.
  const nearLimit = maxMessageBytes !== null && max > 0.8 * maxMessageBytes;
  const over = max > rules.maxBytes;
  if (!over && !nearLimit) return null;
  const largest = [...records].sort((a, b) => b.size - a.size).slice(0, 3);
  return {
    p50: percentile(sizes, 50),
    p99: percentile(sizes, 99),
    max,
    over: records.filter((r) => r.size > rules.maxBytes).length,
    nearLimit,
    largest: largest.map((r) => ({ ...place(r), size: r.size })),
  };
}

export function keylessWithAggregate(records: SampledRecord[], partitions: number, rules: CheckRules["keylessOrdering"]) {
  if (partitions < 2) return null;
  const keyless = records.filter((r) => !r.hasKey);
  const withAggregate = keyless.filter((r) =>
    rules.aggregateIdFields.some((f) => fieldAt(r.value, f) !== undefined && fieldAt(r.value, f) !== null),
  );
  if (!withAggregate.length) return null;
  const field =
    rules.aggregateIdFields.find((f) => withAggregate.some((r) => fieldAt(r.value, f) !== undefined)) ?? rules.aggregateIdFields[0]!;
  return { keyless: keyless.length, withAggregate: withAggregate.length, field, examples: withAggregate.slice(0, 5).map(place) };
}

export function duplicateEventIds(records: SampledRecord[], rules: CheckRules["duplicates"]) {
  const byId = new Map<string, Place[]>();
  for (const r of records) {
    const id = fieldAt(r.value, rules.eventIdField);
    if (typeof id !== "string" && typeof id !== "number") continue;
    const key = String(id);
    appendTo(byId, key, place(r));
  }
  const repeated = [...byId.values()].filter((places) => places.length > 1);
  if (!repeated.length) return null;
  return {
    duplicatedIds: repeated.length,
    extraCopies: repeated.reduce((n, p) => n + p.length - 1, 0),
    withId: [...byId.values()].reduce((n, p) => n + p.length, 0),
    // The records, not the id itself: a person opens them through the record view, masked as usual.
    examples: repeated.slice(0, 5).map((occurrences) => ({ occurrences })),
  };
}

export function unregistered(records: SampledRecord[]) {
  const loose = records.filter((r) => r.format === "json" || r.format === "other");
  if (!loose.length) return null;
  return {
    json: loose.filter((r) => r.format === "json").length,
    other: loose.filter((r) => r.format === "other").length,
    examples: loose.slice(0, 3).map(place),
  };
}

/** Envelope fields missing from most sampled JSON objects written without a schema. */
export function missingEnvelope(records: SampledRecord[], fields: string[]) {
  const objects = records.filter((r) => r.format === "json" && r.value && typeof r.value === "object" && !Array.isArray(r.value));
  if (!objects.length) return [];
  return fields
    .map((field) => ({ field, without: objects.filter((r) => fieldAt(r.value, field) === undefined) }))
    .filter((m) => m.without.length * 2 > objects.length)
    .map((m) => ({ field: m.field, without: m.without.length, of: objects.length, examples: m.without.slice(0, 3).map(place) }));
}

/**
 * Event types the records name as commands, from the value of `field` ("CreateOrder"; a CloudEvents-style
 * "com.shop.order.CreateOrder" is judged by its last part): one entry per distinct type, with its records.
 */
export function commandEventTypes(records: SampledRecord[], field: string) {
  const byType = new Map<string, Place[]>();
  for (const r of records) {
    const type = fieldAt(r.value, field);
    if (typeof type !== "string" || !type) continue;
    appendTo(byType, type, place(r));
  }
  return [...byType.entries()].flatMap(([type, places]) => {
    const reason = commandStyle(type.split(/[.:/]/).pop()!);
    return reason ? [{ type, reason, records: places.length, examples: places.slice(0, 3) }] : [];
  });
}
