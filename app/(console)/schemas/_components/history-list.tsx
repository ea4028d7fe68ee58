import { fmtAgo } from "@/app/_components/format";
import { EmptyState } from "@/app/_components/ui/states";
import { Table, Th } from "@/app/_components/ui/table";

type Entry = { id: string; at: Date; actor: string; action: string; version: number | null; detail: unknown };

/** Who registered, reconfigured or deleted what, newest first. */
export function HistoryList({ entries }: { entries: Entry[] }) {
  if (!entries.length) return <EmptyState title="No recorded changes" />;
  return (
    <Table
      head={["When", "Who", "What", "Version", "Detail"].map((h) => (
        <Th key={h}>{h}</Th>
      ))}
    >
      {entries.map((e) => (
        <tr key={e.id}>
          <td className="px-4 py-2 text-slate-500" title={new Date(e.at).toISOString()}>
            {fmtAgo(e.at)}
          </td>
          <td className="px-4 py-2">{e.actor}</td>
          <td className="px-4 py-2 font-medium">{e.action}</td>
          <td className="px-4 py-2 tabular-nums">{e.version ?? "—"}</td>
          <td className="px-4 py-2 font-mono text-xs text-slate-500">{JSON.stringify(e.detail)}</td>
        </tr>
      ))}
    </Table>
  );
}
