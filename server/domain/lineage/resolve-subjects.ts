// NATS spans name a subject (orders.created), the catalog a stream (ORDERS, subjects orders.>): an
// observed edge on a subject no catalog entry is named after is drawn on the stream whose subjects
// match it. NATS wildcards: `*` one token, `>` one or more trailing tokens.
import type { ObservedRow } from "./assemble-graph";

export function subjectMatches(pattern: string, subject: string): boolean {
  const p = pattern.split(".");
  const s = subject.split(".");
  for (let i = 0; i < p.length; i++) {
    if (p[i] === ">") return s.length > i;
    if (i >= s.length || (p[i] !== "*" && p[i] !== s[i])) return false;
  }
  return p.length === s.length;
}

export function resolveSubjects(
  observed: ObservedRow[],
  streams: { name: string; subjects: string[] }[],
  knownNames: Set<string>,
): ObservedRow[] {
  if (!streams.length) return observed;
  return observed.map((e) => {
    if (e.clusterId !== "" || knownNames.has(e.topic)) return e;
    const stream = streams.find((st) => st.subjects.some((p) => subjectMatches(p, e.topic)));
    return stream ? { ...e, topic: stream.name } : e;
  });
}
