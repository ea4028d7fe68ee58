import { Button } from "./button";

export function Pagination({
  page,
  pageCount,
  total,
  onPage,
  noun,
}: {
  page: number;
  pageCount: number;
  total: number;
  onPage: (p: number) => void;
  noun: string;
}) {
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
