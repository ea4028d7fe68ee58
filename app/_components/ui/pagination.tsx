import { Button } from "./button";

/** Pages a server-side list whose page number lives in the URL (`page`, absent for page 1). */
export function Pagination({
  result: { page, pageCount, total },
  set,
  noun,
}: {
  result: { page: number; pageCount: number; total: number };
  set: (patch: Record<string, number | undefined>) => void;
  noun: string;
}) {
  const onPage = (p: number) => set({ page: p > 1 ? p : undefined });
  return (
    <nav aria-label="Pagination" className="flex items-center justify-between gap-4 py-3 text-sm text-slate-600">
      <span>
        {total.toLocaleString("en")} {noun}
        {total === 1 ? "" : "s"}
      </span>
      <span className="flex items-center gap-2">
        <Button onClick={() => onPage(page - 1)} disabled={page <= 1} aria-label="Previous page">
          ← Prev
        </Button>
        <span>
          Page {page} of {pageCount}
        </span>
        <Button onClick={() => onPage(page + 1)} disabled={page >= pageCount} aria-label="Next page">
          Next →
        </Button>
      </span>
    </nav>
  );
}
