"use client";

import { useEffect, useState } from "react";
import { useDebounced } from "../use-debounced";

/** A search field bound to the URL's `q`: typing updates the URL after a pause and resets the page. */
export function SearchBox({
  label,
  placeholder,
  params,
  set,
}: {
  label: string;
  placeholder: string;
  params: URLSearchParams;
  set: (patch: Record<string, string | undefined>) => void;
}) {
  const [search, setSearch] = useState(params.get("q") ?? "");
  const debounced = useDebounced(search);
  useEffect(() => {
    if (debounced !== (params.get("q") ?? "")) set({ q: debounced, page: undefined });
  }, [debounced, params, set]);
  return (
    <input
      type="search"
      aria-label={label}
      placeholder={placeholder}
      value={search}
      onChange={(e) => setSearch(e.target.value)}
      className="w-72 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm"
    />
  );
}
