import { fmtInt } from "@/app/_components/format";
import { Table, Th } from "@/app/_components/ui/table";
import type { RouterOutputs } from "@/server/api/root";

type Partition = RouterOutputs["topics"]["get"]["partitions"][number];

export function PartitionsTab({ partitions }: { partitions: Partition[] }) {
  return (
    <Table
      head={
        <>
          <Th>Partition</Th>
          <Th>Leader</Th>
          <Th>Replicas</Th>
          <Th>In sync</Th>
          <Th right>Start offset</Th>
          <Th right>End offset</Th>
          <Th right>Messages</Th>
        </>
      }
    >
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
    </Table>
  );
}
