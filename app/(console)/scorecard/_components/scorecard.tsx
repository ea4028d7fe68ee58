"use client";

// The scorecard: team cards (click one to filter), the last pass's coverage, filters in the URL and the
// findings, paged. Admins can run a pass now rather than wait for the worker's next one.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fmtAgo, fmtInt } from "@/app/_components/format";
import { Button } from "@/app/_components/ui/button";
import { FilterSelect } from "@/app/_components/ui/filter-select";
import { Pagination } from "@/app/_components/ui/pagination";
import { SearchBox } from "@/app/_components/ui/search-box";
import { EmptyState, ErrorNote, LoadingRows } from "@/app/_components/ui/states";
import { Table, Th } from "@/app/_components/ui/table";
import { useQueryState } from "@/app/_components/use-query-state";
import { useViewer } from "@/app/_components/use-viewer";
import { useTRPC } from "@/app/_trpc/react";
import { CHECK_LABELS } from "./finding-links";
import { FindingRow } from "./finding-row";
import { TeamScores } from "./team-scores";

const PAGE = 50;
const STATES = [
  ["open", "Open"],
  ["acknowledged", "Acknowledged"],
  ["resolved", "Resolved"],
  ["all", "All"],
] as const;

const count = (n: number, one: string, many: string) => `${fmtInt(n)} ${n === 1 ? one : many}`;

function coverageText(coverage: Record<string, number>): string {
  const parts = [];
  if (coverage.subjects !== undefined) parts.push(count(coverage.subjects, "subject", "subjects"));
  if (coverage.groups !== undefined) parts.push(count(coverage.groups, "consumer group", "consumer groups"));
  if (coverage.recordsSampled !== undefined)
    parts.push(
      `${count(coverage.recordsSampled, "record", "records")} sampled from ${count(coverage.topicsSampled ?? 0, "topic or stream", "topics and streams")} (the newest of each partition)`,
    );
  if (coverage.tracedConsumers !== undefined)
    parts.push(`the spans of ${count(coverage.tracedConsumers, "traced consumer", "traced consumers")}`);
  if (coverage.topics !== undefined) parts.push(count(coverage.topics, "catalog entry", "catalog entries"));
  return parts.join(", ");
}

export function Scorecard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { isAdmin } = useViewer();
  const url = useQueryState();
  const { params, set } = url;
  const page = Math.max(1, Number(params.get("page") ?? 1) || 1);
  const state = (params.get("state") ?? "open") as (typeof STATES)[number][0];
  const filter = {
    team: params.get("team") || undefined,
    check: params.get("check") || undefined,
    severity: (params.get("severity") || undefined) as "error" | "warning" | undefined,
    state,
    search: params.get("q") || undefined,
    offset: (page - 1) * PAGE,
    limit: PAGE,
  };
  const summary = useQuery(trpc.scorecard.summary.queryOptions());
  const findings = useQuery({ ...trpc.scorecard.findings.queryOptions(filter), placeholderData: (previous) => previous });
  const run = useMutation(
    trpc.scorecard.runNow.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.scorecard.pathKey() }) }),
  );
  const last = summary.data?.lastPass;
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600">
        <p data-testid="coverage">
          {last
            ? `Last pass ${fmtAgo(last.at)} (${fmtInt(last.durationMs)} ms), over ${coverageText(last.coverage)}.`
            : "No pass has run yet: the worker runs one every few minutes."}
        </p>
        {isAdmin ? (
          <Button onClick={() => run.mutate()} disabled={run.isPending}>
            {run.isPending ? "Checking…" : "Run a pass now"}
          </Button>
        ) : null}
      </div>
      <ErrorNote error={run.error ?? summary.error} />
      {last?.problems.length ? (
        <details className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="pass-problems">
          <summary>The last pass could not check everything ({last.problems.length})</summary>
          <ul className="mt-1 list-disc pl-5 text-xs">
            {last.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </details>
      ) : null}
      {summary.data?.teams.length ? (
        <TeamScores
          teams={summary.data.teams}
          picked={filter.team ?? null}
          onPick={(team) => set({ team: filter.team === team ? undefined : team, page: undefined })}
        />
      ) : null}
      <div className="flex flex-wrap items-end gap-3" role="search" aria-label="Filter the findings">
        <SearchBox label="Search findings" placeholder="Subject, topic or group…" params={params} set={set} />
        <FilterSelect
          {...url}
          label="Check"
          param="check"
          any="Every check"
          options={(summary.data?.checks ?? []).map((c) => [c.check, `${CHECK_LABELS[c.check] ?? c.check} (${c.open})`] as const)}
        />
        <FilterSelect
          {...url}
          label="Severity"
          param="severity"
          any="Any severity"
          options={[
            ["error", "Errors"],
            ["warning", "Warnings"],
          ]}
        />
        <FilterSelect {...url} label="State" param="state" any="Open" options={STATES.slice(1)} />
        {filter.team ? (
          <Button variant="ghost" onClick={() => set({ team: undefined, page: undefined })}>
            Team {filter.team} ✕
          </Button>
        ) : null}
      </div>
      <ErrorNote error={findings.error} />
      {findings.isPending ? (
        <LoadingRows label="Reading the findings" />
      ) : !findings.data?.items.length ? (
        <EmptyState title={state === "open" ? "Nothing found" : "No findings here"}>
          {state === "open"
            ? last
              ? "The last pass found none of the pitfalls it checks for (with these filters)."
              : "Findings appear after the first pass."
            : "Change the filters to see other findings."}
        </EmptyState>
      ) : (
        <>
          <Table
            dimmed={findings.isPlaceholderData}
            head={
              <>
                <Th>Severity</Th>
                <Th>Check</Th>
                <Th>Where</Th>
                <Th>What</Th>
                <Th>Since</Th>
                <Th />
              </>
            }
          >
            {findings.data.items.map((f) => (
              <FindingRow key={f.id} f={f} />
            ))}
          </Table>
          <Pagination
            result={{ page, pageCount: Math.max(1, Math.ceil(findings.data.total / PAGE)), total: findings.data.total }}
            set={set}
            noun="finding"
          />
        </>
      )}
    </div>
  );
}
