// Runs peer cases through a verdict function and tallies agreement per source and schema type.
import { CORPUS_EXCEPTIONS } from "./exceptions";
import { sourceOf, type CorpusCase } from "./load-corpus";

export type Tally = { agree: number; total: number };
export type CorpusReport = {
  bySource: Map<string, Tally>;
  byType: Map<string, Tally>;
  disagreements: { id: string; want: boolean; got: string }[];
};

export async function runCorpus(cases: CorpusCase[], verdict: (c: CorpusCase) => Promise<boolean> | boolean): Promise<CorpusReport> {
  const report: CorpusReport = { bySource: new Map(), byType: new Map(), disagreements: [] };
  for (const c of cases) {
    let got: boolean | string;
    try {
      got = await verdict(c);
    } catch (error) {
      got = `error: ${(error as Error).message}`;
    }
    const agrees = got === c.compatible;
    for (const [map, key] of [
      [report.bySource, sourceOf(c)],
      [report.byType, c.schemaType],
    ] as const) {
      const tally = map.get(key) ?? { agree: 0, total: 0 };
      tally.total++;
      if (agrees) tally.agree++;
      map.set(key, tally);
    }
    if (!agrees) report.disagreements.push({ id: c.id, want: c.compatible, got: String(got) });
  }
  return report;
}

export function formatReport(title: string, report: CorpusReport): string {
  const line = (key: string, t: Tally) =>
    `  ${key.padEnd(90)} ${String(t.agree).padStart(4)}/${String(t.total).padEnd(4)} ${((100 * t.agree) / t.total).toFixed(1)}%`;
  return [
    title,
    ...[...report.byType].map(([k, t]) => line(k, t)),
    ...[...report.bySource].map(([k, t]) => line(k, t)),
    ...report.disagreements.map(
      (d) => `  differs: ${d.id} want ${d.want} got ${d.got}${CORPUS_EXCEPTIONS[d.id] ? " (listed exception)" : ""}`,
    ),
  ].join("\n");
}

/** Disagreements that are not in the exceptions file, and listed exceptions that now agree. */
export function unexplained(report: CorpusReport): { unlisted: string[]; stale: string[] } {
  const differing = new Set(report.disagreements.map((d) => d.id));
  return {
    unlisted: [...differing].filter((id) => !CORPUS_EXCEPTIONS[id]),
    stale: Object.keys(CORPUS_EXCEPTIONS).filter((id) => !differing.has(id)),
  };
}
