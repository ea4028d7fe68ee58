import type { ReactNode, ThHTMLAttributes } from "react";

/** The bordered, scrollable card every list in the console uses. */
export function Table({ head, children, dimmed }: { head: ReactNode; children: ReactNode; dimmed?: boolean }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="w-full text-sm">
        <thead className="border-b border-slate-200 bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
          <tr>{head}</tr>
        </thead>
        <tbody className={`divide-y divide-slate-100 ${dimmed ? "opacity-60" : ""}`}>{children}</tbody>
      </table>
    </div>
  );
}

export function Th({ right, className = "", ...props }: ThHTMLAttributes<HTMLTableCellElement> & { right?: boolean }) {
  return <th scope="col" {...props} className={`px-4 py-2 font-medium ${right ? "text-right" : ""} ${className}`} />;
}
