import { fmtInt } from "@/app/_components/format";
import type { RouterOutputs } from "@/server/api/root";

type Partition = RouterOutputs["topics"]["get"]["partitions"][number];

export function PartitionsTab({ partitions }: { partitions: Partition[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="w-full text-sm">
        <thead className="border-b border-slate-200 bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-2">Partition</th>
            <th scope="col" className="px-4 py-2">Leader</th>
            <th scope="col" className="px-4 py-2">Replicas</th>
            <th scope="col" className="px-4 py-2">In sync</th>
            <th scope="col" className="px-4 py-2 text-right">Start offset</th>
            <th scope="col" className="px-4 py-2 text-right">End offset</th>
            <th scope="col" className="px-4 py-2 text-right">Messages</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {partitions.map((p) => (
            <tr key={p.partition} data-testid="partition-row">
              <td className="px-4 py-2 font-mono">{p.partition}</td>
              <td className="px-4 py-2">{p.leader < 0 ? <span className="font-medium text-rose-600">none</span> : p.leader}</td>
              <td className="px-4 py-2 font-mono text-xs">{p.replicas.join(", ")}</td>
              <td className="px-4 py-2 font-mono text-xs">
                {p.isr.join(", ")}
                {p.underReplicated ? <span className="ml-2 rounded bg-amber-50 px-1.5 text-amber-700">under-replicated</span> : null}
              </td>
              <td className="px-4 py-2 text-right tabular-nums">{fmtInt(p.startOffset)}</td>
              <td className="px-4 py-2 text-right tabular-nums">{fmtInt(p.endOffset)}</td>
              <td className="px-4 py-2 text-right tabular-nums">{fmtInt(p.endOffset - p.startOffset)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
